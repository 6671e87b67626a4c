import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { FunctionCode } from '../contracts/contract.entity.js';
import type { DutyType } from '../working-time/working-time-rules.js';

/** A nurse on a slot. Cancelled assignments stay, as records (audit, offers and feeds refer to them). */
@Entity('assignments')
@Index('assignments_one_per_slot_and_nurse', ['slotId', 'nurseId'], { unique: true, where: `status = 'active'` })
@Index('assignments_nurse_time', ['nurseId', 'startMs'])
@Index('assignments_slot', ['slotId'])
@Check('assignments_status_check', `status IN ('active', 'cancelled')`)
export class AssignmentEntity {
  @PrimaryColumn('text') id: string;
  /** A plain reference without a foreign key: the assignment outlives its slot as a record. */
  @Column('text', { name: 'slot_id' }) slotId: string;
  @ForeignKey('nurses', { name: 'assignments_nurse_id_fkey' })
  @Column('text', { name: 'nurse_id' })
  nurseId: string;
  @Column('text', { name: 'contract_id' }) contractId: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text') function: FunctionCode;
  @Column('text', { name: 'local_date' }) localDate: string;
  @Column('bigint', { name: 'start_ms', transformer: bigintAsNumber }) startMs: number;
  @Column('bigint', { name: 'end_ms', transformer: bigintAsNumber }) endMs: number;
  @Column('text', { name: 'duty_type' }) dutyType: DutyType;
  @Column('text') status: 'active' | 'cancelled';
  @Column('integer') sequence: number;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'updated_at', transformer: bigintAsNumber }) updatedAt: number;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
}
