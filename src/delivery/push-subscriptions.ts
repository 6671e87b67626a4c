import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import webpush from 'web-push';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { inChunks } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import type { VapidSettings } from '../config/app-config.js';
import { OutboxEntity } from './outbox.entity.js';
import { PushSubscriptionEntity } from './push-subscription.entity.js';

/** A user keeps at most this many subscriptions (browsers, phones); a new one beyond it removes the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 5;

export interface NewSubscription {
  userId: string;
  nurseId: string | null;
  sessionId: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What web-push builds for one message: the encrypted body and the headers (Encryption, VAPID Authorization, TTL, Urgency). */
export interface PushRequest {
  endpoint: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Web Push subscriptions (owned here, beside the outbox that sends to them) and how one message
 * for one of them is built: encrypted with aes128gcm for the browser's keys (RFC 8291) and signed
 * with the service's VAPID key (RFC 8292), by the web-push library.
 */
@Injectable()
export class PushSubscriptions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tx: Transactions,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(PushSubscriptionEntity);
  }

  subscription(id: string): Promise<PushSubscriptionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Removes one subscription (its push service said it has expired); pending pushes to it do not go. */
  async remove(id: string): Promise<void> {
    await this.tx.run((m) => this.removeIn(m, [id]));
  }

  private async removeIn(m: EntityManager, ids: string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await m.update(OutboxEntity, { kind: 'push', status: 'pending', targetId: In(chunk) }, { status: 'failed', lastError: 'subscription removed' });
      removed += (await m.delete(PushSubscriptionEntity, { id: In(chunk) })).affected ?? 0;
    }
    return removed;
  }

  /**
   * Inside the caller's transaction: stores a subscription for the user. The same endpoint again
   * (a browser subscribing anew, or another user on the same browser) replaces the old record; a
   * user's sixth removes its oldest.
   */
  async add(m: EntityManager, s: NewSubscription): Promise<{ subscription: PushSubscriptionEntity; removed: string[] }> {
    const removed: string[] = [];
    const same = await m.findBy(PushSubscriptionEntity, { endpoint: s.endpoint });
    removed.push(...same.map((x) => x.id));
    const existing = (await m.find(PushSubscriptionEntity, { where: { userId: s.userId }, order: { createdAt: 'ASC', id: 'ASC' } })).filter(
      (x) => !removed.includes(x.id),
    );
    const beyond = existing.length + 1 - MAX_SUBSCRIPTIONS_PER_USER;
    if (beyond > 0) removed.push(...existing.slice(0, beyond).map((x) => x.id));
    if (removed.length) await this.removeIn(m, removed);
    const subscription = Object.assign(new PushSubscriptionEntity(), { id: newId(), ...s, createdAt: this.clock.now() });
    await m.insert(PushSubscriptionEntity, subscription);
    return { subscription, removed };
  }

  listOf(userId: string): Promise<PushSubscriptionEntity[]> {
    return this.repo.find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Removes one of the user's own subscriptions (another user's answers 404). */
  async removeOwn(m: EntityManager, userId: string, id: string): Promise<PushSubscriptionEntity> {
    const found = await m.findOneBy(PushSubscriptionEntity, { id, userId });
    if (!found) throw new NotFoundError(`push subscription ${id} not found`);
    await this.removeIn(m, [id]);
    return found;
  }

  /** Inside the caller's transaction: every subscription of the user goes (revocation). Returns their ids. */
  async removeAllOf(m: EntityManager, userId: string): Promise<string[]> {
    const ids = (await m.find(PushSubscriptionEntity, { where: { userId }, select: { id: true } })).map((r) => r.id);
    await this.removeIn(m, ids);
    return ids;
  }

  /** Inside the caller's transaction: the subscriptions made in these sessions go (the sessions ended). Returns their ids. */
  async removeOfSessions(m: EntityManager, sessionIds: string[]): Promise<string[]> {
    if (!sessionIds.length) return [];
    const rows = await inChunks(sessionIds, (chunk) => m.find(PushSubscriptionEntity, { where: { sessionId: In(chunk) }, select: { id: true } }));
    const ids = rows.map((r) => r.id);
    await this.removeIn(m, ids);
    return ids;
  }

  /** The subscriptions of these nurses' users and of these users (inside the caller's transaction). */
  async of(m: EntityManager, who: { nurseIds: string[]; userIds: string[] }): Promise<PushSubscriptionEntity[]> {
    const where = [];
    if (who.nurseIds.length) where.push({ nurseId: In(who.nurseIds) });
    if (who.userIds.length) where.push({ userId: In(who.userIds) });
    if (!where.length) return [];
    return m.find(PushSubscriptionEntity, { where, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The encrypted, signed request for one message to one subscription. */
  request(subscription: PushSubscriptionEntity, payload: string, vapid: VapidSettings, ttlSeconds: number): PushRequest {
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: ttlSeconds,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
      },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) headers[name.toLowerCase()] = String(value);
    return { endpoint: details.endpoint, headers, body: details.body };
  }
}
