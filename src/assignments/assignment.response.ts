import { ApiProperty } from '@nestjs/swagger';
import { WarningDto } from '../common/api-error.dto.js';

/** The answer shapes of assignments, filled by assignment-view.ts. */

export class CancelledAssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-07-10T23:00:00+02:00' }) start: string;
  @ApiProperty({ example: '2027-07-11T07:00:00+02:00' }) end: string;
}

export class AssignmentResponse {
  @ApiProperty({ example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ example: '01930f2e-…' }) contractId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ example: 'unplanned-night-care' }) function: string;
  @ApiProperty({ example: '2027-03-27' }) localDate: string;
  @ApiProperty({ example: '2027-03-27T23:00:00+01:00' }) start: string;
  @ApiProperty({ example: '2027-03-28T07:00:00+02:00' }) end: string;
  @ApiProperty({ example: 420 }) durationMinutes: number;
  @ApiProperty({ enum: ['shift', 'on-call'], example: 'shift' }) dutyType: string;
}

/** The answer to an assignment by hand: the assignment, and what the coordinator should know about it. */
export class CreatedAssignmentResponse extends AssignmentResponse {
  @ApiProperty({
    type: [WarningDto],
    description:
      "Made all the same, but worth knowing: contract-hours when the nurse's shifts in the slot's calendar week (Monday–Sunday, by local date, this nurse record's in every region) come to more than her contractMinutesPerWeek (2160 when not set). Empty when there is nothing to say.",
  })
  warnings: WarningDto[];
}

export class ReplacedAssignmentResponse {
  @ApiProperty({ description: 'Id of the assignment that was replaced', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The nurse who was on the slot', example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ enum: ['cancelled'], example: 'cancelled' }) status: 'cancelled';
}

export class ReplaceAssignmentResponse {
  @ApiProperty({ type: AssignmentResponse, description: 'The new assignment, as POST /api/slots/:id/assignments answers it' })
  assignment: AssignmentResponse;
  @ApiProperty({ type: ReplacedAssignmentResponse }) replaced: ReplacedAssignmentResponse;
  @ApiProperty({ type: [WarningDto], description: 'As POST /api/slots/:id/assignments warns about the new nurse (contract-hours); empty when nothing to say' })
  warnings: WarningDto[];
}
