import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IntField, LocalDateListField, LocalTimeField, QualificationsField, TextField, Optional } from '../../common/validation.js';
import type { HolidayMode } from '../recurrence.js';
import type { DutyType } from '../../working-time/working-time-rules.js';

export class CreateTemplateDto {
  @TextField({ description: 'Name of the pattern', example: 'Nacht' })
  name: string;
  @ApiPropertyOptional({
    description:
      'RFC 5545 RRULE value without DTSTART (optional "RRULE:" prefix). FREQ DAILY, WEEKLY, MONTHLY or YEARLY; no BYHOUR/BYMINUTE/BYSECOND. DTSTART is the contract validFrom at startTime. Omit only with holidays "only". A rule that can never occur from DTSTART on (30 February, a BYSETPOS beyond every set, an INTERVAL that never reaches a matching date, an UNTIL before the first match) is refused with 422 rule-never-occurs; more than 20,000 slots with 422 too-many-slots. RFC 5545 semantics throughout: BYDAY with and without ordinals (BYDAY=MO,1TU) is the union of both.',
    example: 'FREQ=DAILY',
  })
  @Optional()
  @IsString()
  @MaxLength(500)
  rrule?: string;
  @LocalTimeField({ description: 'Local start time HH:mm', example: '23:00' })
  startTime: string;
  @LocalTimeField({ description: 'Local end time HH:mm; not after startTime means the next day', example: '07:00' })
  endTime: string;
  @ApiPropertyOptional({ description: 'shift (at work) or on-call (reachable from home)', enum: ['shift', 'on-call'], example: 'shift' })
  @Optional()
  @IsIn(['shift', 'on-call'])
  dutyType?: DutyType;
  @IntField({ description: 'Nurses needed per slot', example: 1, required: false }, 1, 50)
  requiredNurses?: number;
  @QualificationsField({ description: 'Qualifications every assigned nurse needs', example: ['district-nurse'], required: false })
  requiredQualifications?: string[];
  @LocalDateListField({ description: 'Local dates to skip', example: ['2027-12-25'], required: false })
  exdates?: string[];
  @ApiPropertyOptional({
    description: 'Dutch public holidays: ignore (default), exclude, add (RRULE dates plus holidays) or only (exactly the holidays)',
    enum: ['ignore', 'exclude', 'add', 'only'],
    example: 'ignore',
  })
  @Optional()
  @IsIn(['ignore', 'exclude', 'add', 'only'])
  holidays?: HolidayMode;
}

export class DeleteTemplateQuery {
  @ApiPropertyOptional({ description: 'Cancel assignments on the removed slots instead of refusing', example: 'true' })
  @Optional()
  @IsIn(['true', 'false'])
  force?: string;
}
