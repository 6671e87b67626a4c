import { ApiProperty } from '@nestjs/swagger';
import { CancelledAssignmentResponse } from '../assignments/assignment.response.js';
import { ContractResponse } from '../contracts/contract.response.js';

/** The answers of the cascades: a terminated contract and a deleted template, with the assignments they cancelled. */

export class TerminatedContractResponse extends ContractResponse {
  @ApiProperty({ type: [CancelledAssignmentResponse], description: 'Assignments cancelled with the removed slots' })
  cancelledAssignments: CancelledAssignmentResponse[];
}

export class TemplateDeletionResponse {
  @ApiProperty({ description: 'The deleted template', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'Future slots removed with it', example: 120 }) removedSlotCount: number;
  @ApiProperty({ type: [CancelledAssignmentResponse], description: 'Assignments cancelled with the removed slots (only with ?force=true)' })
  cancelledAssignments: CancelledAssignmentResponse[];
}
