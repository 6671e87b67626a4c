import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateAssignmentDto {
  @ApiProperty({ description: 'Id of the nurse to put on the slot', example: '8c1e…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  nurseId: string;
}
