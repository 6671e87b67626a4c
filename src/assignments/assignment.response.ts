import { ApiProperty } from '@nestjs/swagger';

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

export class ReplacedAssignmentResponse {
  @ApiProperty({ description: 'Id of the assignment that was replaced', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The nurse who was on the slot', example: '01930f2e-…' }) nurseId: string;
  @ApiProperty({ enum: ['cancelled'], example: 'cancelled' }) status: 'cancelled';
}

export class ReplaceAssignmentResponse {
  @ApiProperty({ type: AssignmentResponse, description: 'The new assignment, as POST /api/slots/:id/assignments answers it' })
  assignment: AssignmentResponse;
  @ApiProperty({ type: ReplacedAssignmentResponse }) replaced: ReplacedAssignmentResponse;
}
