import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

import type { OfferStatus } from '../common/codes.js';

@Entity('offers')
@Index('offers_one_active', ['assignmentId'], { unique: true, where: 'active = 1' })
@Index('offers_region', ['regionCode', 'status'])
export class OfferEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'assignment_id' }) assignmentId: string;
  @Column('text', { name: 'slot_id' }) slotId: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text', { name: 'from_nurse_id' }) fromNurseId: string;
  @Column('text', { name: 'to_nurse_id', nullable: true }) toNurseId: string | null;
  @Column('text', { name: 'taker_nurse_id', nullable: true }) takerNurseId: string | null;
  @Column('text') status: OfferStatus;
  /** 1 while open or accepted: a partial unique index allows one active offer per assignment. */
  @Column('integer', { nullable: true }) active: number | null;
  @Column('text', { name: 'new_assignment_id', nullable: true }) newAssignmentId: string | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'updated_at', transformer: bigintAsNumber }) updatedAt: number;
}
