import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/**
 * A browser's Web Push subscription (RFC 8030): where the push service takes messages for it and
 * the keys to encrypt them with (RFC 8291). Per user; made in a session, so that signing out of
 * that session (or revoking the user) removes it. A push service answering 404 or 410 removes it too.
 */
@Entity('push_subscriptions')
@Index('push_subscriptions_endpoint', ['endpoint'], { unique: true })
@Index('push_subscriptions_user', ['userId', 'createdAt'])
@Index('push_subscriptions_nurse', ['nurseId'])
@Index('push_subscriptions_session', ['sessionId'])
export class PushSubscriptionEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('users', { name: 'push_subscriptions_user_id_fkey' })
  @Column('text', { name: 'user_id' })
  userId: string;
  /** The user's nurse, whose pages are pushed here. */
  @Column('text', { name: 'nurse_id', nullable: true }) nurseId: string | null;
  /** The session the browser subscribed in; null for a bearer token. */
  @Column('text', { name: 'session_id', nullable: true }) sessionId: string | null;
  @Column('text') endpoint: string;
  /** The browser's P-256 public key, base64url (RFC 8291 `ua_public`). */
  @Column('text') p256dh: string;
  /** The 16-byte authentication secret, base64url. */
  @Column('text') auth: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
