import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions.js';

/** Why access ended: the session (sign-out, ended by the person or an admin, unlinked, expired), or the whole user (revoked). */
export type AccessEndReason = 'session-ended' | 'user-revoked';

/** One ended access: a session of a user, or (sessionId null) everything of the user, its token included. */
export interface AccessEnd {
  userId: string;
  sessionId: string | null;
  reason: AccessEndReason;
}

/** Entries per notification: far below PostgreSQL's 8000-byte payload. */
const PER_NOTIFICATION = 40;

/**
 * Tells whatever holds a caller's access open beyond one request (the live page streams) that it
 * has ended, on every instance: the transaction that ends a session or revokes a user announces
 * it with NOTIFY on `CHANNEL` (PostgreSQL sends it at commit, never for a rollback), and after the
 * commit the same instance tells its own subscribers at once. Instances that listen on the channel
 * read the announcements with `parse`. Nothing is announced for a rollback.
 */
@Injectable()
export class AccessEnds {
  static readonly CHANNEL = 'wijkwacht_access_ends';
  private readonly subscribers = new Set<(ends: AccessEnd[]) => void>();

  constructor(private readonly tx: Transactions) {}

  /** Inside the ending transaction: the other instances hear of it at commit. */
  async announce(m: EntityManager, ends: AccessEnd[]): Promise<void> {
    if (!this.tx.isPostgres) return;
    for (let i = 0; i < ends.length; i += PER_NOTIFICATION) {
      await m.query('SELECT pg_notify($1, $2)', [AccessEnds.CHANNEL, JSON.stringify(ends.slice(i, i + PER_NOTIFICATION))]);
    }
  }

  /** After the commit: this instance's subscribers hear of it at once. */
  publish(ends: AccessEnd[]): void {
    if (!ends.length) return;
    for (const subscriber of this.subscribers) subscriber(ends);
  }

  subscribe(subscriber: (ends: AccessEnd[]) => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** An announcement's entries; anything malformed is left out. */
  static parse(payload: string): AccessEnd[] {
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch {
      return [];
    }
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is AccessEnd =>
        typeof e === 'object' &&
        e !== null &&
        typeof e.userId === 'string' &&
        (e.sessionId === null || typeof e.sessionId === 'string') &&
        (e.reason === 'session-ended' || e.reason === 'user-revoked'),
    );
  }
}
