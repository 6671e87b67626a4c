import { ApiProperty } from '@nestjs/swagger';
import { FUNCTIONS } from '../contracts/contract.entity.js';
import { ACKNOWLEDGED_VIA, OUTCOMES, REQUEST_STATUSES, URGENCIES } from './request.entities.js';

export const DELIVERY_CHANNELS = ['stream', 'push', 'sms', 'webhook'] as const;

export class DeliveryResponse {
  @ApiProperty({
    description: 'How the page went out: an open event stream of the app, Web Push, SMS, or the provider’s webhook',
    enum: DELIVERY_CHANNELS,
    example: 'push',
  })
  channel: (typeof DELIVERY_CHANNELS)[number];
  @ApiProperty({
    description:
      'When the receiver took it: written to the open stream, accepted by the push service, accepted by the SMS gateway, answered 2xx by the webhook; null while still being tried',
    nullable: true,
    type: String,
    example: '2027-03-01T10:00:01+01:00',
  })
  sentAt: string | null;
  @ApiProperty({
    description:
      'When it is known to have arrived: the stream and the webhook as sentAt; an SMS when the gateway reports it on the handset; a push never (push services do not report it), so null',
    nullable: true,
    type: String,
  })
  deliveredAt: string | null;
  @ApiProperty({
    description: 'The last failure (an HTTP status, a network error, a subscription gone, the gateway’s reason); null when none',
    nullable: true,
    type: String,
    example: 'HTTP 410: subscription expired, removed',
  })
  error: string | null;
}

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
  @ApiProperty({ description: 'Paged by hand by a coordinator (POST /api/requests/{id}/page), as a page of the current step', example: false })
  manual: boolean;
  @ApiProperty({
    description: "When this page's SMS goes if nobody has acknowledged by then (the region's smsAfterSeconds); null when no SMS is waiting",
    nullable: true,
    type: String,
  })
  smsDueAt: string | null;
  @ApiProperty({ type: [DeliveryResponse], description: 'Every channel the page went out on, oldest first' })
  deliveries: DeliveryResponse[];
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
  @ApiProperty({
    nullable: true,
    type: AcknowledgedByResponse,
    description: 'Who acknowledged: a paged nurse or coordinator, or a coordinator of the region who arranges it without a page (nurseId null)',
  })
  acknowledgedBy: AcknowledgedByResponse | null;
  @ApiProperty({
    nullable: true,
    enum: ACKNOWLEDGED_VIA,
    type: String,
    description: 'How the acknowledgement came: in the app, from the notification’s "Ik ga", or by the SMS link; null while unacknowledged',
  })
  acknowledgedVia: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, enum: OUTCOMES, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
}

export class RequestResponse extends RequestSummaryResponse {
  @ApiProperty({ type: [PageResponse], description: 'Everyone paged, in order' }) pages: PageResponse[];
}

/** A referral nobody could take, as a page names it: no reference, no phone, no client data. */
export class PagedReferralResponse {
  @ApiProperty({ description: 'Opaque id of the referral (GET /api/referrals/:id)', example: '0193…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ description: 'PC4: the four digits of the postcode', example: '1053' }) postcode: string;
  @ApiProperty({ description: 'The kinds of care asked for', example: ['basic', 'wound-care'], type: [String] }) careKinds: string[];
  @ApiProperty({ enum: ['today', 'within-24h', 'planned'], example: 'today' }) urgency: string;
  @ApiProperty({ description: 'Local date care should start', example: '2026-12-08' }) startOn: string;
  @ApiProperty({ enum: ['offered', 'escalated', 'placed', 'closed', 'cancelled'], example: 'escalated' }) status: string;
  @ApiProperty({ example: '2026-12-08T10:00:00+01:00' }) createdAt: string;
}

export class MyPageResponse extends PageResponse {
  @ApiProperty({ type: RequestSummaryResponse, nullable: true, description: 'The acute request paged for; null for a referral’s page' })
  request: RequestSummaryResponse | null;
  @ApiProperty({
    type: PagedReferralResponse,
    nullable: true,
    description:
      'A referral that no provider could take, paged to the region’s coordinators and the nurse on duty for its care-coordination contract (as step 3 of a request is); null for a request’s page. There is nothing to acknowledge: the desk offers it by hand or closes it.',
  })
  referral: PagedReferralResponse | null;
}

export class AckByResponse {
  @ApiProperty({ description: 'Acknowledged in the app (or by a coordinator)', example: 30 }) app: number;
  @ApiProperty({ description: 'Acknowledged with the notification’s "Ik ga"', example: 8 }) notification: number;
  @ApiProperty({ description: 'Acknowledged with the SMS link', example: 2 }) sms: number;
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
  @ApiProperty({ type: AckByResponse, description: 'The acknowledged requests by how they were acknowledged' }) ackBy: AckByResponse;
}
