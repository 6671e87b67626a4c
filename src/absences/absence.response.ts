import { ApiProperty } from '@nestjs/swagger';
import { CancelledAssignmentResponse } from '../assignments/assignment.response.js';
import { ABSENCE_REASONS, type AbsenceReason } from '../common/codes.js';

/** The answer shapes of absences, filled by the absences service's views. */

export class AbsenceResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ description: 'First local date of the absence', example: '2027-03-01' }) from: string;
  @ApiProperty({ description: 'Last local date of the absence, inclusive', example: '2027-03-07' }) to: string;
  @ApiProperty({ description: 'A code only, never medical detail', enum: ABSENCE_REASONS, example: 'leave' })
  reason: AbsenceReason;
}

export class RecordedAbsenceResponse extends AbsenceResponse {
  @ApiProperty({ type: [CancelledAssignmentResponse], description: "The nurse's assignments inside the absence that were cancelled, in the caller's regions" })
  cancelledAssignments: CancelledAssignmentResponse[];
  @ApiProperty({ description: 'Assignments cancelled in regions the caller does not coordinate (counted, not shown)', example: 0 })
  cancelledElsewhere: number;
}
