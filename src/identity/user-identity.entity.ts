import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/**
 * A user's identity at one identity provider: the provider's name in this service's
 * configuration, the issuer and the subject (`sub`) of its ID tokens. Unique across users, and one
 * per user and provider. Sign-in looks it up before anything else.
 */
@Entity('user_identities')
@Index('user_identities_subject', ['provider', 'issuer', 'subject'], { unique: true })
@Index('user_identities_user_provider', ['userId', 'provider'], { unique: true })
export class UserIdentityEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('users', { name: 'user_identities_user_id_fkey' })
  @Column('text', { name: 'user_id' })
  userId: string;
  /** The name in OIDC_PROVIDERS (as in /auth/login/:name). */
  @Column('text') provider: string;
  /** The `iss` of the ID token that made the link. */
  @Column('text') issuer: string;
  /** The `sub` of the ID token: the provider's own, stable identifier of the person. */
  @Column('text') subject: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'last_sign_in_at', transformer: bigintAsNumber }) lastSignInAt: number;
}
