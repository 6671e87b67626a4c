import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ReplaceAssignmentDto {
  @ApiProperty({ description: 'Id of the nurse who takes over the assignment’s slot', example: '8c1e…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  nurseId: string;
}
