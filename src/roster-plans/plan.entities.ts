import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { RosterPlanResponse } from './roster-plan.response.js';

/** A date on which a nurse would rather not start a duty. Soft: only plans look at it. No reason is kept. */
@Entity('wishes')
@Index('wishes_one_per_date', ['nurseId', 'localDate'], { unique: true })
export class WishEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('nurses', { name: 'wishes_nurse_id_fkey' })
  @Column('text', { name: 'nurse_id' })
  nurseId: string;
  @Column('text', { name: 'local_date' }) localDate: string;
  @Column('text') kind: 'rather-not';
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}

export type PlanStatus = 'proposed' | 'applied' | 'discarded';

/** A roster plan: what the planner proposed for a region and period, and what became of it. */
@Entity('roster_plans')
@Index('roster_plans_region', ['regionCode', 'createdAt'])
export class RosterPlanEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('regions', { name: 'roster_plans_region_code_fkey' })
  @Column('text', { name: 'region_code' })
  regionCode: string;
  @Column('text', { name: 'from_date' }) from: string;
  @Column('text', { name: 'to_date' }) to: string;
  @Column('simple-json') functions: string[];
  @Column('text') status: PlanStatus;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'expires_at', transformer: bigintAsNumber }) expiresAt: number;
  /** When it was applied or discarded. */
  @Column('bigint', { name: 'closed_at', nullable: true, transformer: bigintAsNumber }) closedAt: number | null;
  /** A digest of everything the plan rests on; applying recomputes it and refuses when it differs. */
  @Column('text') fingerprint: string;
  /** The plan as answered: proposals, unfilled positions, summary, nurses. */
  @Column('simple-json') body: PlanBody;
}

/** What a plan proposed, stored as it is answered (the plan's own fields come from its columns). */
export type PlanBody = Pick<RosterPlanResponse, 'proposals' | 'unfilled' | 'summary' | 'nurses'> & Partial<Pick<RosterPlanResponse, 'overtimePct' | 'repair'>>;
