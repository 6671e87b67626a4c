import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/**
 * One row per background worker (cron job or ticker): the version of the code that may run it,
 * raised by a newer instance at start (GoAlert's processing lock), and for tickers the heartbeat
 * of the newest run any instance finished.
 */
@Entity('workers')
export class WorkerEntity {
  @PrimaryColumn('text') name: string;
  @Column('integer') version: number;
  @Column('bigint', { name: 'last_run_at', nullable: true, transformer: bigintAsNumber }) lastRunAt: number | null;
  @Column('bigint', { name: 'last_ok_at', nullable: true, transformer: bigintAsNumber }) lastOkAt: number | null;
  @Column('bigint', { name: 'last_failed_at', nullable: true, transformer: bigintAsNumber }) lastFailedAt: number | null;
  /** The failure's message, at most 200 characters (no request data: the error's text only). */
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  /** `host:pid` of the instance that wrote the newest heartbeat. */
  @Column('text', { name: 'last_instance', nullable: true }) lastInstance: string | null;
}
