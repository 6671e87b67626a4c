import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { Role } from '../common/principal.js';

@Entity('users')
@Index('users_email', ['email'], { unique: true })
export class UserEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text') role: Role;
  @Column('simple-json', { name: 'region_codes' }) regionCodes: string[];
  @ForeignKey('insurers', { name: 'users_insurer_uzovi_fkey' })
  @Column('text', { name: 'insurer_uzovi', nullable: true })
  insurerUzovi: string | null;
  @ForeignKey('nurses', { name: 'users_nurse_id_fkey' })
  @Column('text', { name: 'nurse_id', nullable: true })
  nurseId: string | null;
  /** A provider user's provider. */
  @ForeignKey('providers', { name: 'users_provider_agb_fkey' })
  @Column('text', { name: 'provider_agb', nullable: true })
  providerAgb: string | null;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  @Column('text', { name: 'token_hash', unique: true }) tokenHash: string;
  /** Lower-cased; a person signing in through an identity provider is matched on it. */
  @Column('text', { nullable: true }) email: string | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'revoked_at', nullable: true, transformer: bigintAsNumber }) revokedAt: number | null;
}
