import { ApiProperty } from '@nestjs/swagger';
import { FUNCTIONS } from '../contracts/contract.entity.js';
import { OUTCOMES, REQUEST_STATUSES, URGENCIES } from './request.entities.js';

export class PageResponse {
  @ApiProperty({ description: 'Opaque id of the page (also the Idempotency-Key of its webhook POST)', example: '0193…' }) id: string;
  @ApiProperty({ description: 'Escalation step: 1 on duty, 2 the party’s other nurses on duty, 3 the region’s coordinators', example: 1 }) step: number;
  @ApiProperty({ description: 'The nurse paged (steps 1 and 2)', example: '0193…', nullable: true, type: String }) nurseId: string | null;
  @ApiProperty({
    description: "The user paged: the nurse's user where it has one, or the coordinator (step 3)",
    example: '0193…',
    nullable: true,
    type: String,
  })
  userId: string | null;
  @ApiProperty({ description: 'Name of who was paged', example: 'Anna de Vries' }) name: string;
  @ApiProperty({ description: 'When (region offset)', example: '2027-03-01T10:00:00+01:00' }) pagedAt: string;
}

export class AcknowledgedByResponse {
  @ApiProperty({ nullable: true, type: String, example: '0193…' }) nurseId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0193…' }) userId: string | null;
  @ApiProperty({ example: 'Anna de Vries' }) name: string;
}

export class RequestSummaryResponse {
  @ApiProperty({ description: 'Opaque id', example: '0193…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ enum: FUNCTIONS, example: 'acute-screening' }) function: string;
  @ApiProperty({ description: 'The contract active when the request was made', example: '0193…' }) contractId: string;
  @ApiProperty({ enum: URGENCIES, example: 'immediate' }) urgency: string;
  @ApiProperty({ description: 'PC4: the four digits of the postcode', example: '1012' }) postcode: string;
  @ApiProperty({ example: 'HAP-AMS-2027-00042' }) partnerReference: string;
  @ApiProperty({ nullable: true, type: String, example: '+31201234567' }) callbackPhone: string | null;
  @ApiProperty({ enum: REQUEST_STATUSES, example: 'paging' }) status: string;
  @ApiProperty({ example: '2027-03-01T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ description: 'The escalation step paged last (1–3)', example: 1 }) step: number;
  @ApiProperty({
    description: 'When the next step is paged without an acknowledgement; null when paging has stopped or step 3 is paged',
    nullable: true,
    type: String,
  })
  nextStepAt: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ nullable: true, type: AcknowledgedByResponse }) acknowledgedBy: AcknowledgedByResponse | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, enum: OUTCOMES, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
}

export class RequestResponse extends RequestSummaryResponse {
  @ApiProperty({ type: [PageResponse], description: 'Everyone paged, in order' }) pages: PageResponse[];
}

export class MyPageResponse extends PageResponse {
  @ApiProperty({ type: RequestSummaryResponse }) request: RequestSummaryResponse;
}

export class RequestStatsResponse {
  @ApiProperty({ example: '0193…' }) contractId: string;
  @ApiProperty({ enum: FUNCTIONS, example: 'acute-screening' }) function: string;
  @ApiProperty({ description: 'Requests created in the local month', example: 42 }) requests: number;
  @ApiProperty({ description: 'Of those, acknowledged', example: 40 }) acknowledged: number;
  @ApiProperty({ description: 'Of those, escalated to the coordinators (step 3)', example: 2 }) escalated: number;
  @ApiProperty({ description: 'Median seconds from creation to acknowledgement (nearest rank); null without acknowledgements', nullable: true, type: Number })
  medianAckSeconds: number | null;
  @ApiProperty({ description: '90th percentile of the same (nearest rank)', nullable: true, type: Number }) p90AckSeconds: number | null;
  @ApiProperty({
    description:
      'Percentage acknowledged within ackMinutes of creation, two decimals, over the requests not cancelled before an acknowledgement; null when there are none',
    nullable: true,
    type: Number,
  })
  withinAckPct: number | null;
}
