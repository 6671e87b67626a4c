import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** A nurse: employed by a provider (AGB), with qualification codes; no client data. */
@Entity('nurses')
@Index('nurses_employer', ['employerAgb'])
@Index('nurses_big_number', ['bigNumber'])
export class NurseEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @ForeignKey('providers', { name: 'nurses_employer_agb_fkey' })
  @Column('text', { name: 'employer_agb' })
  employerAgb: string;
  @Column('simple-json') qualifications: string[];
  @Column('text', { name: 'big_number', nullable: true }) bigNumber: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  /** Contract hours per week in minutes (the nurse's share of the work: plans keep within it, by hand it warns); null: not set. */
  @Column('integer', { name: 'contract_minutes_per_week', nullable: true }) contractMinutesPerWeek: number | null;
  /** The regions the nurse works in, which roster plans draw on; null: every region where the employer is responsible. */
  @Column('simple-json', { name: 'region_codes', nullable: true }) regionCodes: string[] | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
