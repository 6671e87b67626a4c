import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

export const FUNCTIONS = ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'] as const;
export type FunctionCode = (typeof FUNCTIONS)[number];

@Entity('contracts')
@Index('contracts_region_function', ['regionCode', 'function', 'validFrom'])
@Check('contracts_party_type_check', `party_type IN ('provider', 'consortium')`)
@Check('contracts_fixed_monthly_cents_check', 'fixed_monthly_cents >= 0')
@Check('contracts_per_position_hour_cents_check', 'per_position_hour_cents >= 0')
@Check('contracts_per_inhabitant_monthly_cents_check', 'per_inhabitant_monthly_cents >= 0')
@Check('contracts_check', 'valid_to IS NULL OR valid_to >= valid_from')
export class ContractEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('regions', { name: 'contracts_region_code_fkey' })
  @Column('text', { name: 'region_code' })
  regionCode: string;
  @ForeignKey('insurers', { name: 'contracts_insurer_uzovi_fkey' })
  @Column('text', { name: 'insurer_uzovi' })
  insurerUzovi: string;
  @Column('text') function: FunctionCode;
  @Column('text', { name: 'party_type' }) partyType: 'provider' | 'consortium';
  @ForeignKey('providers', { name: 'contracts_party_agb_fkey' })
  @Column('text', { name: 'party_agb', nullable: true })
  partyAgb: string | null;
  @ForeignKey('consortia', { name: 'contracts_party_consortium_id_fkey' })
  @Column('text', { name: 'party_consortium_id', nullable: true })
  partyConsortiumId: string | null;
  @Column('text', { name: 'valid_from' }) validFrom: string;
  /** Last day, inclusive; null while open-ended. Terminate shortens it. */
  @Column('text', { name: 'valid_to', nullable: true }) validTo: string | null;
  @Column('bigint', { name: 'fixed_monthly_cents', transformer: bigintAsNumber }) fixedMonthlyCents: number;
  @Column('bigint', { name: 'per_position_hour_cents', transformer: bigintAsNumber }) perPositionHourCents: number;
  @Column('bigint', { name: 'per_inhabitant_monthly_cents', transformer: bigintAsNumber }) perInhabitantMonthlyCents: number;
  /** Minimum coverage in hundredths of a percent (9850 = 98.5 %). */
  @Column('integer', { name: 'sla_min_coverage_hundredths', nullable: true }) slaMinCoverageHundredths: number | null;
  @Column('bigint', { name: 'sla_deduction_per_uncovered_hour_cents', nullable: true, transformer: bigintAsNumber })
  slaDeductionPerUncoveredHourCents: number | null;
  /** Minutes within which a page of an acute request must be acknowledged; null: the default (10). */
  @Column('integer', { name: 'sla_ack_minutes', nullable: true }) slaAckMinutes: number | null;
  /** Slots of open-ended contracts exist through this local date. */
  @Column('text', { name: 'slots_through', nullable: true }) slotsThrough: string | null;
  @Column('bigint', { name: 'terminated_at', nullable: true, transformer: bigintAsNumber }) terminatedAt: number | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
