import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** A nurse: employed by a provider (AGB), with qualification codes; no client data. */
@Entity('nurses')
@Index('nurses_employer', ['employerAgb'])
export class NurseEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @ForeignKey('providers', { name: 'nurses_employer_agb_fkey' })
  @Column('text', { name: 'employer_agb' })
  employerAgb: string;
  @Column('simple-json') qualifications: string[];
  @Column('text', { name: 'big_number', nullable: true }) bigNumber: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  /** Contract hours per week in minutes, for the planner's fairness only; null: not set. */
  @Column('integer', { name: 'contract_minutes_per_week', nullable: true }) contractMinutesPerWeek: number | null;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
