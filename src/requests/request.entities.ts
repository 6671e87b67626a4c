import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { FunctionCode } from '../contracts/contract.entity.js';

export const URGENCIES = ['immediate', 'within-2h', 'same-day'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const REQUEST_STATUSES = ['paging', 'escalated', 'acknowledged', 'resolved', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OUTCOMES = ['visited', 'advice-by-phone', 'referred', 'no-action'] as const;
export type Outcome = (typeof OUTCOMES)[number];

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
}

/** One person paged for a request. A person is paged at most once per request (the unique index). */
@Entity('request_pages')
@Index('request_pages_once', ['requestId', 'recipient'], { unique: true })
@Index('request_pages_nurse', ['nurseId', 'pagedAt'])
@Index('request_pages_user', ['userId', 'pagedAt'])
@Check('request_pages_step_check', 'step BETWEEN 1 AND 3')
export class RequestPageEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('requests', { name: 'request_pages_request_id_fkey' })
  @Column('text', { name: 'request_id' })
  requestId: string;
  @Column('integer') step: number;
  /** `nurse:<id>` or `user:<id>`: who, whatever the step. */
  @Column('text') recipient: string;
  @Column('text', { name: 'nurse_id', nullable: true }) nurseId: string | null;
  @Column('text', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text') name: string;
  @Column('bigint', { name: 'paged_at', transformer: bigintAsNumber }) pagedAt: number;
}
