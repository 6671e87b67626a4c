import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** `page`, `gap-alert` and `referral-offer` are webhooks; `push` goes to a Web Push subscription, `sms` through the SMS gateway. */
export const DELIVERY_KINDS = ['page', 'gap-alert', 'referral-offer', 'push', 'sms'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One webhook POST to make: written in the transaction that creates its cause (a page, a gap
 * alert), delivered and retried by the outbox worker of any instance, so a restart loses nothing.
 */
@Entity('outbox')
@Index('outbox_due', ['status', 'nextAttemptAt'])
@Index('outbox_page', ['pageId'])
@Check('outbox_status_check', `status IN ('pending', 'delivered', 'failed')`)
export class OutboxEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') kind: DeliveryKind;
  @Column('text') url: string;
  /** HMAC-SHA256 key for the signature header; null sends the POST unsigned (the gap-alert webhook). */
  @Column('text', { nullable: true }) secret: string | null;
  /** The exact bytes POSTed (and signed). */
  @Column('text') body: string;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey: string;
  @Column('text') status: DeliveryStatus;
  @Column('integer') attempts: number;
  /** When the next attempt is due; while an attempt runs, the end of its lease. */
  @Column('bigint', { name: 'next_attempt_at', transformer: bigintAsNumber }) nextAttemptAt: number;
  @Column('bigint', { name: 'give_up_at', transformer: bigintAsNumber }) giveUpAt: number;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'delivered_at', nullable: true, transformer: bigintAsNumber }) deliveredAt: number | null;
  /** The last failure: an HTTP status or a network error, never a body. */
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  /** The page this delivery carries (a webhook, push or SMS of a page), for the request's view. */
  @Column('text', { name: 'page_id', nullable: true }) pageId: string | null;
  /** A push: the subscription it goes to (gone with the subscription). */
  @Column('text', { name: 'target_id', nullable: true }) targetId: string | null;
  /** An SMS: when the gateway reported it delivered to the handset. */
  @Column('bigint', { name: 'reached_at', nullable: true, transformer: bigintAsNumber }) reachedAt: number | null;
}
