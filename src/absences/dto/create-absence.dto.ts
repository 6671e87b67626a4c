import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LocalDateField } from '../../common/validation.js';
import { ABSENCE_REASONS, type AbsenceReason } from '../../common/codes.js';

export class CreateAbsenceDto {
  @LocalDateField({ description: 'First local date of the absence', example: '2027-03-01' })
  from: string;
  @LocalDateField({ description: 'Last local date of the absence, inclusive', example: '2027-03-07' })
  to: string;
  @ApiProperty({ description: 'A code only, never medical detail', enum: ABSENCE_REASONS, example: 'leave' })
  @IsIn(ABSENCE_REASONS)
  reason: AbsenceReason;
}
