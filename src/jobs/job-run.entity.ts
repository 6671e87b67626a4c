import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

@Entity('job_runs')
@Index('job_runs_job', ['job', 'startedAt'])
export class JobRunEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') job: string;
  @Column('bigint', { name: 'started_at', transformer: bigintAsNumber }) startedAt: number;
  @Column('bigint', { name: 'finished_at', nullable: true, transformer: bigintAsNumber }) finishedAt: number | null;
  @Column('text') outcome: 'running' | 'ok' | 'failed' | 'skipped';
  @Column('simple-json') counts: Record<string, number>;
}
