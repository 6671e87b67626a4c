import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

import type { AbsenceReason } from '../common/codes.js';

/** An absence holds a code only, never medical detail. */
@Entity('absences')
@Index('absences_nurse', ['nurseId', 'fromDate'])
@Check('absences_reason_check', `reason IN ('leave', 'sick', 'training', 'other')`)
@Check('absences_check', 'to_date >= from_date')
export class AbsenceEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('nurses', { name: 'absences_nurse_id_fkey' })
  @Column('text', { name: 'nurse_id' })
  nurseId: string;
  @Column('text', { name: 'from_date' }) fromDate: string;
  @Column('text', { name: 'to_date' }) toDate: string;
  @Column('text') reason: AbsenceReason;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
