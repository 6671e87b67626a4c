import { ApiProperty } from '@nestjs/swagger';
import type { HolidayMode } from './recurrence.js';
import type { DutyType } from '../working-time/working-time-rules.js';

/** The answer shape of a roster template, filled by templateView. */
export class TemplateResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: 'Nacht' }) name: string;
  @ApiProperty({ description: 'The RRULE as stored; null for a template of holidays only', example: 'FREQ=DAILY', nullable: true, type: String }) rrule:
    string | null;
  @ApiProperty({ description: "Local start time in the region's zone", example: '23:00' }) startTime: string;
  @ApiProperty({ description: 'Local end time; before startTime means the next day', example: '07:00' }) endTime: string;
  @ApiProperty({ enum: ['shift', 'on-call'], example: 'shift' }) dutyType: DutyType;
  @ApiProperty({ example: 1 }) requiredNurses: number;
  @ApiProperty({ example: ['district-nurse'], type: [String] }) requiredQualifications: string[];
  @ApiProperty({ description: 'Local dates left out', example: ['2027-12-25'], type: [String] }) exdates: string[];
  @ApiProperty({ enum: ['ignore', 'exclude', 'add', 'only'], example: 'ignore' }) holidays: HolidayMode;
  @ApiProperty({ description: 'Slots the template has now', example: 365 }) slotCount: number;
}
