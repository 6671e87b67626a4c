import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../common/columns.js';

export const FUNCTIONS = ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'] as const;
export type FunctionCode = (typeof FUNCTIONS)[number];

@Entity('contracts')
export class ContractEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text', { name: 'insurer_uzovi' }) insurerUzovi: string;
  @Column('text') function: FunctionCode;
  @Column('text', { name: 'party_type' }) partyType: 'provider' | 'consortium';
  @Column('text', { name: 'party_agb', nullable: true }) partyAgb: string | null;
  @Column('text', { name: 'party_consortium_id', nullable: true }) partyConsortiumId: string | null;
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
  /** Slots of open-ended contracts exist through this local date. */
  @Column('text', { name: 'slots_through', nullable: true }) slotsThrough: string | null;
  @Column('bigint', { name: 'terminated_at', nullable: true, transformer: bigintAsNumber }) terminatedAt: number | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
