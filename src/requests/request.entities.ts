import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { FunctionCode } from '../contracts/contract.entity.js';

export const URGENCIES = ['immediate', 'within-2h', 'same-day'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const REQUEST_STATUSES = ['paging', 'escalated', 'acknowledged', 'resolved', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OUTCOMES = ['visited', 'advice-by-phone', 'referred', 'no-action'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const ACKNOWLEDGED_VIA = ['app', 'notification', 'sms'] as const;
export type AcknowledgedVia = (typeof ACKNOWLEDGED_VIA)[number];

/**
 * A partner's acute request. By construction it holds no client data: the postcode's four digits
 * and the partner's own reference, under which the partner keeps the client's details.
 */
@Entity('requests')
@Index('requests_due', ['nextStepAt'])
@Index('requests_region_created', ['regionCode', 'createdAt'])
@Index('requests_contract_created', ['contractId', 'createdAt'])
@Check('requests_status_check', `status IN ('paging', 'escalated', 'acknowledged', 'resolved', 'cancelled')`)
@Check('requests_step_check', 'step BETWEEN 1 AND 3')
export class RequestEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text') function: FunctionCode;
  @ForeignKey('contracts', { name: 'requests_contract_id_fkey' })
  @Column('text', { name: 'contract_id' })
  contractId: string;
  @Column('text') urgency: Urgency;
  @Column('text') postcode: string;
  @Column('text', { name: 'partner_reference' }) partnerReference: string;
  @Column('text', { name: 'callback_phone', nullable: true }) callbackPhone: string | null;
  @Column('text') status: RequestStatus;
  /** The escalation step paged last (1 on duty, 2 the party's other nurses, 3 coordinators). */
  @Column('integer') step: number;
  /** The contract's ackMinutes when the request was made. */
  @Column('integer', { name: 'ack_minutes' }) ackMinutes: number;
  /** When the current step was paged. */
  @Column('bigint', { name: 'step_started_at', transformer: bigintAsNumber }) stepStartedAt: number;
  /** When the next step is due without an acknowledgement; null once paging has stopped or the last step is paged. */
  @Column('bigint', { name: 'next_step_at', nullable: true, transformer: bigintAsNumber }) nextStepAt: number | null;
  /** The user who made it (a partner, coordinator or admin). */
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'escalated_at', nullable: true, transformer: bigintAsNumber }) escalatedAt: number | null;
  @Column('bigint', { name: 'acknowledged_at', nullable: true, transformer: bigintAsNumber }) acknowledgedAt: number | null;
  /** The page that was acknowledged. */
  @Column('text', { name: 'acknowledged_page_id', nullable: true }) acknowledgedPageId: string | null;
  @Column('bigint', { name: 'resolved_at', nullable: true, transformer: bigintAsNumber }) resolvedAt: number | null;
  @Column('text', { nullable: true }) outcome: Outcome | null;
  @Column('bigint', { name: 'cancelled_at', nullable: true, transformer: bigintAsNumber }) cancelledAt: number | null;
  /** How the acknowledgement came: in the app, from a notification's "Ik ga", or by the SMS link. */
  @Column('text', { name: 'acknowledged_via', nullable: true }) acknowledgedVia: AcknowledgedVia | null;
  /** Who acknowledged without a page of their own (a coordinator of the region arranging it). */
  @Column('text', { name: 'acknowledged_by_user_id', nullable: true }) acknowledgedByUserId: string | null;
  @Column('text', { name: 'acknowledged_by_name', nullable: true }) acknowledgedByName: string | null;
}

/**
 * One person paged for a request, or for a referral that nobody could take (the desk's
 * escalation, paged as step 3 of a request is). A person is paged at most once per request and
 * once per referral (the unique indexes).
 */
@Entity('request_pages')
@Index('request_pages_once', ['requestId', 'recipient'], { unique: true })
@Index('request_pages_referral_once', ['referralId', 'recipient'], { unique: true })
@Check('request_pages_subject_check', '(request_id IS NULL) <> (referral_id IS NULL)')
@Index('request_pages_nurse', ['nurseId', 'pagedAt'])
@Index('request_pages_user', ['userId', 'pagedAt'])
@Index('request_pages_sms_due', ['smsDueAt'])
@Check('request_pages_step_check', 'step BETWEEN 1 AND 3')
export class RequestPageEntity {
  @PrimaryColumn('text') id: string;
  /** The acute request paged for; null for a referral's page. */
  @ForeignKey('requests', { name: 'request_pages_request_id_fkey' })
  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;
  /** The referral paged for (owned by referrals/); null for a request's page. */
  @ForeignKey('referrals', { name: 'request_pages_referral_id_fkey' })
  @Column('text', { name: 'referral_id', nullable: true })
  referralId: string | null;
  @Column('integer') step: number;
  /** `nurse:<id>` or `user:<id>`: who, whatever the step. */
  @Column('text') recipient: string;
  @Column('text', { name: 'nurse_id', nullable: true }) nurseId: string | null;
  @Column('text', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text') name: string;
  @Column('bigint', { name: 'paged_at', transformer: bigintAsNumber }) pagedAt: number;
  /** The durable SMS timer: when the page's SMS falls due if nobody has acknowledged; null once decided. */
  @Column('bigint', { name: 'sms_due_at', nullable: true, transformer: bigintAsNumber }) smsDueAt: number | null;
  /** When an open event stream of the paged person carried the page. */
  @Column('bigint', { name: 'streamed_at', nullable: true, transformer: bigintAsNumber }) streamedAt: number | null;
  /** The user who paged this person by hand (POST /api/requests/:id/page); null for the escalation steps. */
  @Column('text', { name: 'paged_by', nullable: true }) pagedBy: string | null;
}
