import { ApiProperty } from '@nestjs/swagger';
import { ViolationDto, WarningDto } from '../common/api-error.dto.js';
import { OFFER_STATUSES, type OfferStatus } from '../common/codes.js';

/** The answer shapes of shift offers, filled by the offers service's views. */

export class OfferResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'The assignment offered', example: '01930f2e-…' }) assignmentId: string;
  @ApiProperty({ example: '01930f2e-…' }) slotId: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ description: 'The nurse who offers the shift', example: '01930f2e-…' }) fromNurseId: string;
  @ApiProperty({ description: 'The colleague it is offered to; null when offered to anyone who could take it', example: null, nullable: true, type: String })
  toNurseId: string | null;
  @ApiProperty({
    description: 'The nurse who accepted it; null until then (to the giver: null until approved)',
    example: null,
    nullable: true,
    type: String,
  })
  takerNurseId: string | null;
  @ApiProperty({
    description:
      'open → accepted → approved, or rejected, withdrawn, cancelled. The nurse who made the offer reads no more than pending or taken: `open` until it is approved (an acceptance waiting for the coordinator is not shown to the giver, since with auto-approval it would tell that the colleague breaks a rule), then `approved`; until then its takerNurseId, takerNurseName and newAssignmentId are null and its updatedAt is its createdAt. A status filter applies to the status as the caller reads it.',
    enum: OFFER_STATUSES,
    example: 'open',
  })
  status: OfferStatus;
  @ApiProperty({ description: "The taker's assignment once approved, else null", example: null, nullable: true, type: String }) newAssignmentId: string | null;
  @ApiProperty({ example: '2027-03-01T10:15:00+01:00' }) createdAt: string;
  @ApiProperty({ example: '2027-03-01T10:15:00+01:00' }) updatedAt: string;
}

export class OfferAcceptResponse extends OfferResponse {
  @ApiProperty({
    type: [ViolationDto],
    description:
      'The rules the taker breaks by taking the shift, judged at once. Only ever non-empty on an offer to a named colleague, who may accept all the same (the coordinator then decides, and no automatic approval happens); an offer to anyone is refused with 422 instead.',
  })
  violations: ViolationDto[];
  @ApiProperty({
    type: [WarningDto],
    description: 'Where the offer was approved at once (autoApproveOffers): as an approval warns (contract-hours); else empty',
  })
  warnings: WarningDto[];
}

export class OfferApproveResponse extends OfferResponse {
  @ApiProperty({
    type: [WarningDto],
    description: "An approval is an assignment by hand: contract-hours when it takes the taker beyond her contract hours in the shift's week; else empty",
  })
  warnings: WarningDto[];
}

export class OfferListEntryResponse extends OfferResponse {
  @ApiProperty({ description: 'Function of the shift; null if its slot is gone', example: 'unplanned-night-care', nullable: true, type: String }) function:
    string | null;
  @ApiProperty({ description: 'Local date on which the shift starts', example: '2027-03-10', nullable: true, type: String }) localDate: string | null;
  @ApiProperty({ description: "Start of the shift in the region's offset", example: '2027-03-10T23:00:00+01:00', nullable: true, type: String }) start:
    string | null;
  @ApiProperty({ description: "End of the shift in the region's offset", example: '2027-03-11T07:00:00+01:00', nullable: true, type: String }) end:
    string | null;
  @ApiProperty({ example: 'Anna de Vries', nullable: true, type: String }) fromNurseName: string | null;
  @ApiProperty({ description: 'Null when the offer names no colleague', example: null, nullable: true, type: String }) toNurseName: string | null;
  @ApiProperty({ description: 'Null until a nurse accepts', example: null, nullable: true, type: String }) takerNurseName: string | null;
}
