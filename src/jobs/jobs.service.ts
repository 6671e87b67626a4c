import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { Transactions } from '../database/transactions.js';
import { formatInstant } from '../common/local-time.js';
import { AppConfig } from '../config/app-config.js';
import { FeeStatementsService } from '../fees/fee-statements.service.js';
import { SlotExtensionService } from '../roster/slot-extension.service.js';
import { JobLock } from './job-lock.js';
import { JobRunEntity } from './job-run.entity.js';

export const JOBS = ['extend-slots', 'scan-gaps', 'draft-fee-statements'] as const;
export type JobName = (typeof JOBS)[number];
const CRON_ZONE = 'Europe/Amsterdam';

export function jobRunView(r: JobRunEntity) {
  return {
    id: r.id,
    job: r.job,
    startedAt: formatInstant(r.startedAt, CRON_ZONE),
    finishedAt: r.finishedAt === null ? null : formatInstant(r.finishedAt, CRON_ZONE),
    outcome: r.outcome,
    counts: r.counts,
  };
}

/**
 * The job runner: cron triggers, run records and the lock that makes a run happen once across
 * instances. The work itself belongs to the features (slot extension, gap scan, fee drafts).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');
  private readonly lock: JobLock;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly slotExtension: SlotExtensionService,
    private readonly alerts: AlertsService,
    private readonly fees: FeeStatementsService,
    @InjectRepository(JobRunEntity) private readonly runs: Repository<JobRunEntity>,
  ) {
    this.lock = new JobLock(dataSource);
  }

  @Cron('0 1 * * *', { name: 'extend-slots', timeZone: CRON_ZONE })
  async cronExtendSlots() {
    if (this.config.runJobs) await this.run('extend-slots').catch((e) => this.logger.error(e));
  }

  @Cron('0 * * * *', { name: 'scan-gaps', timeZone: CRON_ZONE })
  async cronScanGaps() {
    if (this.config.runJobs) await this.run('scan-gaps').catch((e) => this.logger.error(e));
  }

  @Cron('0 3 1 * *', { name: 'draft-fee-statements', timeZone: CRON_ZONE })
  async cronDraftFees() {
    if (this.config.runJobs) await this.run('draft-fee-statements').catch((e) => this.logger.error(e));
  }

  /**
   * A run left `running` by a process that stopped mid-run would stay so forever: on start it is
   * marked failed. Only runs whose job lock can be taken are abandoned — on PostgreSQL a live
   * instance executing the job holds its advisory lock, and its run is left alone.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const running = await this.runs.find({ where: { outcome: 'running' }, select: { job: true } });
      for (const job of new Set(running.map((r) => r.job))) {
        const release = await this.lock.tryAcquire(job);
        if (!release) continue;
        try {
          const { affected } = await this.tx.run((m) =>
            m.update(JobRunEntity, { job, outcome: 'running' }, { outcome: 'failed', finishedAt: this.clock.now() }),
          );
          if (affected) this.logger.warn(`${affected} run(s) of ${job} left running by a stopped process marked failed`);
        } finally {
          await release();
        }
      }
    } catch (e) {
      // Bookkeeping only: it must not keep the service from starting.
      this.logger.error(`marking abandoned job runs failed: ${e instanceof Error ? e.stack : e}`);
    }
  }

  /** Finished runs only: a run in progress has no outcome yet (api.md: ok, failed or skipped). */
  async list(job?: string) {
    if (job !== undefined && !JOBS.includes(job as JobName)) throw new BadInputError(`job must be one of ${JOBS.join(', ')}`);
    const finished = { finishedAt: Not(IsNull()) };
    const rows = await this.runs.find({ where: job ? { job, ...finished } : finished, order: { startedAt: 'DESC', id: 'ASC' }, take: 500 });
    return rows.map(jobRunView);
  }

  async run(job: JobName) {
    const release = await this.lock.tryAcquire(job);
    const startedAt = this.clock.now();
    if (!release) {
      const skipped: JobRunEntity = Object.assign(new JobRunEntity(), {
        id: newId(),
        job,
        startedAt,
        finishedAt: startedAt,
        outcome: 'skipped' as const,
        counts: {},
      });
      await this.record((m) => m.insert(JobRunEntity, skipped));
      return jobRunView(skipped);
    }
    const run: JobRunEntity = Object.assign(new JobRunEntity(), { id: newId(), job, startedAt, finishedAt: null, outcome: 'running' as const, counts: {} });
    try {
      await this.record((m) => m.insert(JobRunEntity, run));
      try {
        run.counts = await this.execute(job);
        run.outcome = 'ok';
      } catch (e) {
        this.logger.error(`job ${job} failed: ${e instanceof Error ? e.stack : e}`);
        run.outcome = 'failed';
      }
      run.finishedAt = this.clock.now();
      await this.record((m) => m.update(JobRunEntity, { id: run.id }, { outcome: run.outcome, counts: run.counts, finishedAt: run.finishedAt }));
      return jobRunView(run);
    } finally {
      await release();
    }
  }

  /**
   * Run records are written in transactions of their own: on SQLite's one connection a bare write
   * could otherwise land inside another request's open transaction and be rolled back with it.
   */
  private async record(write: (m: EntityManager) => Promise<unknown>): Promise<void> {
    await this.tx.run(async (m) => {
      await write(m);
    });
  }

  private execute(job: JobName): Promise<Record<string, number>> {
    switch (job) {
      case 'extend-slots':
        return this.slotExtension.extendOpenEnded();
      case 'scan-gaps':
        return this.alerts.scanGaps();
      case 'draft-fee-statements':
        return this.fees.draftPreviousMonth();
    }
  }
}
