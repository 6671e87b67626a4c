import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { newId } from '../common/ids.js';
import { inChunks } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { nextAttemptAt, RETRY_WINDOW_MS } from './backoff.js';
import { type DeliveryKind, OutboxEntity } from './outbox.entity.js';
import { PushSubscriptions } from './push-subscriptions.js';
import { signatureOf } from './signature.js';
import { CM_GATEWAY, type DeliveryReport, type SmsGateway } from './sms-gateway.js';
import { WebhookTargets } from './webhook-targets.js';

/** How many deliveries one worker run claims at most. */
const BATCH = 50;
/** A claimed delivery is not claimed again (by any instance) for this long: a POST takes at most 10 s. */
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** The gateway's answer is read up to this many bytes. */
const GATEWAY_ANSWER_BYTES = 16_384;

export interface Delivery {
  kind: DeliveryKind;
  url: string;
  secret: string | null;
  body: object;
  idempotencyKey: string;
  /** The page it carries, if any (deliveries per page). */
  pageId?: string | null;
  /** A push: the subscription it goes to. */
  targetId?: string | null;
  /** Retried until this long after queueing (default 24 h); a push's TTL, an SMS's use. */
  giveUpAfterMs?: number;
}

/** One delivery of a page as a request's view shows it. */
export interface PageDelivery {
  pageId: string;
  kind: DeliveryKind;
  status: 'pending' | 'delivered' | 'failed';
  /** When the receiver accepted it (webhook 2xx, push service 201, gateway "Accepted"). */
  acceptedAt: number | null;
  /** An SMS: when the gateway reported it on the handset. */
  reachedAt: number | null;
  lastError: string | null;
}

/** What one attempt came to. `gone`: the receiver will never take it (a push subscription that has expired). */
type Outcome = { ok: true } | { ok: false; error: string; gone?: boolean };

/** An SMS body after it went (or never will): the link in it is a key, kept no longer than needed. */
const SPENT_SMS_BODY = '{}';

/**
 * Everything that leaves the house, at least once: a delivery is stored in the transaction of its
 * cause, then a worker (every two seconds, in each instance that runs jobs) claims the due ones
 * under a lease, sends them, and records the outcome; a failure is retried with backoff until the
 * delivery's window closes (24 h for a webhook; a push's TTL; an SMS while it is of use). Three
 * channels: signed webhooks (receivers deduplicate by `Idempotency-Key`), Web Push (RFC 8030/8291/
 * 8292, through web-push, to a stored subscription) and SMS (through the configured gateway).
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');
  private running: Promise<number> | null = null;
  /** The SMS gateway (CM.com's); tests may replace it with another implementation of the interface. */
  static gateway: SmsGateway = CM_GATEWAY;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly targets: WebhookTargets,
    private readonly push: PushSubscriptions,
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
        giveUpAt: now + (d.giveUpAfterMs ?? RETRY_WINDOW_MS),
        createdAt: now,
        deliveredAt: null,
        lastError: null,
        pageId: d.pageId ?? null,
        targetId: d.targetId ?? null,
        reachedAt: null,
      }),
    );
    for (let i = 0; i < rows.length; i += BATCH) await manager.insert(OutboxEntity, rows.slice(i, i + BATCH));
  }

  /** The deliveries of the given pages, oldest first. */
  async ofPages(manager: EntityManager, pageIds: string[]): Promise<PageDelivery[]> {
    if (!pageIds.length) return [];
    const rows = await inChunks(pageIds, (chunk) =>
      manager.find(OutboxEntity, {
        where: { pageId: In(chunk) },
        select: { pageId: true, kind: true, status: true, deliveredAt: true, reachedAt: true, lastError: true, createdAt: true, id: true },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    );
    return rows.map((r) => ({
      pageId: r.pageId as string,
      kind: r.kind,
      status: r.status,
      acceptedAt: r.deliveredAt,
      reachedAt: r.reachedAt,
      lastError: r.lastError,
    }));
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

  private async send(d: OutboxEntity): Promise<Outcome> {
    try {
      if (d.kind === 'push') return await this.sendPush(d);
      if (d.kind === 'sms') return await this.sendSms(d);
      return await this.sendWebhook(d);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : 'network error' };
    }
  }

  private async sendWebhook(d: OutboxEntity): Promise<Outcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Wijkwacht-Webhook/1',
      'idempotency-key': d.idempotencyKey,
    };
    if (d.secret) headers['x-wijkwacht-signature'] = signatureOf(d.body, d.secret);
    // A provider's webhook (pages, referral offers) goes only where the address policy allows, checked against
    // the addresses its name resolves to now; redirects are never followed.
    const status = await this.targets.post(d.url, headers, d.body, {
      guarded: d.kind === 'page' || d.kind === 'referral-offer',
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    return status >= 200 && status <= 299 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
  }

  /**
   * A push: encrypted for the subscription (aes128gcm), signed with the VAPID key, TTL what is left
   * of the delivery's window, Urgency high. The endpoint is a browser's push service, reached under
   * the same address policy as a provider's webhook. 404 or 410: the subscription has expired and is
   * removed.
   */
  private async sendPush(d: OutboxEntity): Promise<Outcome> {
    const vapid = this.config.vapid;
    if (!vapid) return { ok: false, error: 'push is not configured (VAPID keys)', gone: true };
    const subscription = d.targetId ? await this.push.subscription(d.targetId) : null;
    if (!subscription) return { ok: false, error: 'subscription removed', gone: true };
    const ttlSeconds = Math.max(0, Math.floor((d.giveUpAt - this.clock.now()) / 1000));
    const request = this.push.request(subscription, d.body, vapid, ttlSeconds);
    const status = await this.targets.post(request.endpoint, request.headers, request.body, { guarded: true, timeoutMs: REQUEST_TIMEOUT_MS });
    if (status >= 200 && status <= 299) return { ok: true };
    if (status === 404 || status === 410) {
      await this.push.remove(subscription.id);
      return { ok: false, error: `HTTP ${status}: subscription expired, removed`, gone: true };
    }
    return { ok: false, error: `HTTP ${status}` };
  }

  /** An SMS through the configured gateway; its reference is this row's id, which the delivery reports carry back. */
  private async sendSms(d: OutboxEntity): Promise<Outcome> {
    const sms = this.config.sms;
    if (!sms) return { ok: false, error: 'SMS is not configured (SMS_GATEWAY_URL)', gone: true };
    const { text } = JSON.parse(d.body) as { text: string };
    const to = d.url.replace(/^tel:/, '');
    const request = OutboxService.gateway.request({ to, text, reference: d.id }, sms);
    const answer = await this.targets.exchange(sms.url.href, { ...request.headers, 'user-agent': 'Wijkwacht-Sms/1' }, request.body, {
      guarded: false,
      timeoutMs: REQUEST_TIMEOUT_MS,
      readBytes: GATEWAY_ANSWER_BYTES,
    });
    const verdict = OutboxService.gateway.verdict(answer.status, answer.text);
    return verdict.accepted ? { ok: true } : { ok: false, error: verdict.error };
  }

  private async attempt(d: OutboxEntity): Promise<void> {
    const outcome = await this.send(d);
    const now = this.clock.now();
    const spent = d.kind === 'sms' ? { body: SPENT_SMS_BODY } : {};
    await this.tx.run(async (m) => {
      if (outcome.ok) {
        await m.update(OutboxEntity, { id: d.id }, { status: 'delivered', deliveredAt: now, lastError: null, ...spent });
        return;
      }
      const failure = outcome.error;
      const next = outcome.gone ? null : nextAttemptAt(d.attempts, now, d.giveUpAt);
      if (next === null) this.logger.error(`${d.kind} delivery ${d.id} gave up after ${d.attempts} attempts: ${failure}`);
      else this.logger.warn(`${d.kind} delivery ${d.id} failed (attempt ${d.attempts}): ${failure}`);
      await m.update(
        OutboxEntity,
        { id: d.id },
        next === null ? { status: 'failed', lastError: failure.slice(0, 200), ...spent } : { nextAttemptAt: next, lastError: failure.slice(0, 200) },
      );
    });
  }

  /** The gateway's delivery reports: each names one of our SMS rows by its id. Returns how many were recorded. */
  async recordReports(reports: DeliveryReport[]): Promise<number> {
    if (!reports.length) return 0;
    const now = this.clock.now();
    return this.tx.run(async (m) => {
      let recorded = 0;
      for (const report of reports) {
        if (report.outcome === 'pending') continue;
        const changes = report.outcome === 'delivered' ? { reachedAt: now } : { lastError: (report.error ?? 'failed').slice(0, 200) };
        const result = await m.update(OutboxEntity, { id: report.reference, kind: 'sms' }, changes);
        recorded += result.affected ?? 0;
      }
      return recorded;
    });
  }
}
