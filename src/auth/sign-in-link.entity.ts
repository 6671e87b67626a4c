import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** A one-time link that signs a nurse's phone in; only the SHA-256 of its secret is stored. */
@Entity('sign_in_links')
@Index('sign_in_links_secret_hash', ['secretHash'], { unique: true })
export class SignInLinkEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('users', { name: 'sign_in_links_user_id_fkey' })
  @Column('text', { name: 'user_id' })
  userId: string;
  @Column('text', { name: 'secret_hash' }) secretHash: string;
  /** The user id of whoever created it. */
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'expires_at', transformer: bigintAsNumber }) expiresAt: number;
  @Column('bigint', { name: 'used_at', nullable: true, transformer: bigintAsNumber }) usedAt: number | null;
}
