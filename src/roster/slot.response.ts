import { ApiProperty } from '@nestjs/swagger';

/** The answer shape of a slot, filled by slot-view.ts. */

export class SlotAssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'Anna de Vries' }) nurseName: string;
}

export class SlotResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: '01930f2e-…' }) templateId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ description: 'Local date on which the slot starts', example: '2027-03-27' }) localDate: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ description: 'Real elapsed minutes (420 on the spring-forward night)', example: 420 }) durationMinutes: number;
  @ApiProperty({ enum: ['shift', 'on-call'], example: 'shift' }) dutyType: string;
  @ApiProperty({ example: false }) isHoliday: boolean;
  @ApiProperty({ example: 1 }) requiredNurses: number;
  @ApiProperty({ example: ['district-nurse'] }) requiredQualifications: string[];
  @ApiProperty({ type: [SlotAssignmentResponse] }) assignments: SlotAssignmentResponse[];
  @ApiProperty({ enum: ['open', 'partial', 'covered'], example: 'covered' }) status: 'open' | 'partial' | 'covered';
}
