import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { newId } from '../common/ids.js';
import { Transactions } from '../database/transactions.js';
import { nextAttemptAt, RETRY_WINDOW_MS } from './backoff.js';
import { type DeliveryKind, OutboxEntity } from './outbox.entity.js';
import { signatureOf } from './signature.js';
import { WebhookTargets } from './webhook-targets.js';

/** How many deliveries one worker run claims at most. */
const BATCH = 50;
/** A claimed delivery is not claimed again (by any instance) for this long: a POST takes at most 10 s. */
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface Delivery {
  kind: DeliveryKind;
  url: string;
  secret: string | null;
  body: object;
  idempotencyKey: string;
}

/**
 * Outgoing webhooks, at least once: a delivery is stored in the transaction of its cause, then a
 * worker (every two seconds, in each instance that runs jobs) claims the due ones under a lease,
 * POSTs them, and records the outcome; a failure is retried with backoff for 24 hours. Receivers
 * deduplicate by the `Idempotency-Key` header, which stays the same across retries.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');
  private running: Promise<number> | null = null;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly targets: WebhookTargets,
  ) {}

  /** Queue deliveries inside the caller's transaction: they exist exactly when their cause does. */
  async enqueue(manager: EntityManager, deliveries: Delivery[]): Promise<void> {
    if (!deliveries.length) return;
    const now = this.clock.now();
    const rows = deliveries.map((d) =>
      Object.assign(new OutboxEntity(), {
        id: newId(),
        kind: d.kind,
        url: d.url,
        secret: d.secret,
        body: JSON.stringify(d.body),
        idempotencyKey: d.idempotencyKey,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        giveUpAt: now + RETRY_WINDOW_MS,
        createdAt: now,
        deliveredAt: null,
        lastError: null,
      }),
    );
    for (let i = 0; i < rows.length; i += BATCH) await manager.insert(OutboxEntity, rows.slice(i, i + BATCH));
  }

  /**
   * One delivery run (the runner in jobs/ calls it every two seconds where jobs run): claim what
   * is due, POST it, record the outcomes. Returns how many were attempted.
   */
  deliverDue(): Promise<number> {
    // One run at a time per instance; a tick that finds one running waits for it instead.
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(): Promise<number> {
    const claimed = await this.claim();
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  /** Due deliveries, leased to this run: on PostgreSQL rows another instance holds are skipped, not waited for. */
  private claim(): Promise<OutboxEntity[]> {
    return this.tx.run(async (m) => {
      const now = this.clock.now();
      const lock = this.tx.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
      const p = this.tx.isPostgres ? ['$1', '$2'] : ['?', '?'];
      const due: Array<{ id: string }> = await m.query(
        `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ${p[0]} ORDER BY next_attempt_at LIMIT ${p[1]}${lock}`,
        [now, BATCH],
      );
      if (!due.length) return [];
      const ids = due.map((r) => r.id);
      await m.update(OutboxEntity, { id: In(ids) }, { nextAttemptAt: now + LEASE_MS });
      await m.increment(OutboxEntity, { id: In(ids) }, 'attempts', 1);
      return m.findBy(OutboxEntity, { id: In(ids) });
    });
  }

  private async attempt(d: OutboxEntity): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Wijkwacht-Webhook/1',
      'idempotency-key': d.idempotencyKey,
    };
    if (d.secret) headers['x-wijkwacht-signature'] = signatureOf(d.body, d.secret);
    let failure: string | null = null;
    try {
      // A provider's paging webhook goes only where the address policy allows, checked against
      // the addresses its name resolves to now; redirects are never followed.
      const status = await this.targets.post(d.url, headers, d.body, { guarded: d.kind === 'page', timeoutMs: REQUEST_TIMEOUT_MS });
      if (status < 200 || status > 299) failure = `HTTP ${status}`;
    } catch (e) {
      failure = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : 'network error';
    }
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      if (failure === null) {
        await m.update(OutboxEntity, { id: d.id }, { status: 'delivered', deliveredAt: now, lastError: null });
        return;
      }
      const next = nextAttemptAt(d.attempts, now, d.giveUpAt);
      if (next === null) this.logger.error(`${d.kind} webhook delivery ${d.id} gave up after ${d.attempts} attempts: ${failure}`);
      else this.logger.warn(`${d.kind} webhook delivery ${d.id} failed (attempt ${d.attempts}): ${failure}`);
      await m.update(
        OutboxEntity,
        { id: d.id },
        next === null ? { status: 'failed', lastError: failure.slice(0, 200) } : { nextAttemptAt: next, lastError: failure.slice(0, 200) },
      );
    });
  }
}
