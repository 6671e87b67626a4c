import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/**
 * One request for a sign-in link by SMS (`POST /auth/link-request`), kept an hour for the limits
 * per number and per client address. The number and the address are kept only as SHA-256.
 */
@Entity('link_requests')
@Index('link_requests_phone', ['phoneHash', 'createdAt'])
@Index('link_requests_address', ['addressHash', 'createdAt'])
export class LinkRequestEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'phone_hash' }) phoneHash: string;
  @Column('text', { name: 'address_hash' }) addressHash: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
