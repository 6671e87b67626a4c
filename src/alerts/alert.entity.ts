import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

@Entity('alerts')
@Index('alerts_one_open_per_slot', ['slotId'], { unique: true, where: 'active = 1' })
@Index('alerts_region_start', ['regionCode', 'startMs'])
@Check('alerts_status_check', `status IN ('open', 'resolved')`)
export class AlertEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'slot_id' }) slotId: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text') function: string;
  @Column('bigint', { name: 'start_ms', transformer: bigintAsNumber }) startMs: number;
  @Column('bigint', { name: 'end_ms', transformer: bigintAsNumber }) endMs: number;
  @Column('integer') missing: number;
  @Column('text') status: 'open' | 'resolved';
  /** 1 while open: a partial unique index allows one open alert per slot. */
  @Column('integer', { nullable: true }) active: number | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'resolved_at', nullable: true, transformer: bigintAsNumber }) resolvedAt: number | null;
}
