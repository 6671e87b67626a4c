import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LinkRequestDto {
  @ApiProperty({ description: 'The phone number of the nurse, as she writes it (06 12345678, +31 6 12345678)', example: '06 12345678' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  phone: string;
}
