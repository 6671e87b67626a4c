import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

@Entity('fee_statements')
@Unique('fee_statements_contract_id_month_key', ['contractId', 'month'])
@Check('fee_statements_status_check', `status IN ('draft', 'final')`)
export class FeeStatementEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('contracts', { name: 'fee_statements_contract_id_fkey' })
  @Column('text', { name: 'contract_id' })
  contractId: string;
  @Column('text') month: string;
  @Column('text') status: 'draft' | 'final';
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text') function: string;
  @Column('text', { name: 'insurer_uzovi' }) insurerUzovi: string;
  /** The contract's responsible party when the statement was computed, as contract answers show it. */
  @Column('simple-json', { name: 'responsible_party' }) responsibleParty: { type: 'provider' | 'consortium'; agb?: string; consortiumId?: string };
  @Column('bigint', { name: 'position_minutes', transformer: bigintAsNumber }) positionMinutes: number;
  @Column('bigint', { name: 'covered_minutes', transformer: bigintAsNumber }) coveredMinutes: number;
  @Column('integer', { name: 'coverage_pct_hundredths' }) coveragePctHundredths: number;
  @Column('bigint', { name: 'fixed_cents', transformer: bigintAsNumber }) fixedCents: number;
  @Column('bigint', { name: 'capitation_cents', transformer: bigintAsNumber }) capitationCents: number;
  @Column('bigint', { name: 'position_hours_cents', transformer: bigintAsNumber }) positionHoursCents: number;
  @Column('bigint', { name: 'deduction_cents', transformer: bigintAsNumber }) deductionCents: number;
  @Column('bigint', { name: 'total_cents', transformer: bigintAsNumber }) totalCents: number;
  @Column('bigint', { name: 'computed_at', transformer: bigintAsNumber }) computedAt: number;
  @Column('bigint', { name: 'finalized_at', nullable: true, transformer: bigintAsNumber }) finalizedAt: number | null;
  /** The user who finalized it; null for drafts and for statements finalized before this was recorded. */
  @Column('text', { name: 'finalized_by', nullable: true }) finalizedBy: string | null;
  /** That user's name at the moment of finalizing (a final statement never changes). */
  @Column('text', { name: 'finalized_by_name', nullable: true }) finalizedByName: string | null;
}
