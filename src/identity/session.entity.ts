import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

export type SessionKind = 'oidc' | 'device';
export const SESSION_KINDS: SessionKind[] = ['oidc', 'device'];

/**
 * A person signed in to the web app: referenced by the `wijkwacht_session` cookie, whose value is
 * never stored (only its SHA-256). Ended by signing out, by the person or an admin, by revoking
 * the user, or by expiry (see sessions.service.ts).
 */
@Entity('sessions')
@Index('sessions_secret_hash', ['secretHash'], { unique: true })
@Index('sessions_user', ['userId', 'createdAt'])
@Check('sessions_kind_check', `kind IN ('oidc', 'device')`)
export class SessionEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('users', { name: 'sessions_user_id_fkey' })
  @Column('text', { name: 'user_id' })
  userId: string;
  @Column('text') kind: SessionKind;
  @Column('text', { name: 'secret_hash' }) secretHash: string;
  /** The browser's User-Agent at sign-in (cut to 200 characters), so a person can tell sessions apart. */
  @Column('text', { name: 'user_agent', nullable: true }) userAgent: string | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'last_used_at', transformer: bigintAsNumber }) lastUsedAt: number;
  /** The absolute end: 30 days after sign-in (device sessions 90 days). */
  @Column('bigint', { name: 'expires_at', transformer: bigintAsNumber }) expiresAt: number;
  @Column('bigint', { name: 'ended_at', nullable: true, transformer: bigintAsNumber }) endedAt: number | null;
  /** The identity provider (its name in OIDC_PROVIDERS) a session signed in through; null for a device session. */
  @Column('text', { nullable: true }) provider: string | null;
  /**
   * The provider's ID token, for RP-initiated logout (`id_token_hint`): AES-256-GCM under a key
   * derived from the cookie's secret, which is never stored, so the table alone cannot read it.
   * Cleared when the session ends.
   */
  @Column('text', { name: 'id_token_sealed', nullable: true }) idTokenSealed: string | null;
}
