import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { OutboxService } from '../delivery/outbox.service.js';
import { FeeStatementsService } from '../fees/fee-statements.service.js';
import { ReferralTimeouts } from '../referrals/referral-timeouts.js';
import { RequestsService } from '../requests/requests.service.js';
import { SlotExtensionService } from '../roster/slot-extension.service.js';
import { JobLock } from './job-lock.js';
import { JobRunEntity } from './job-run.entity.js';
import type { JobRunResponse } from './job-run.response.js';
import { type Beat, cronStatus, heartbeatDue, tickerStatus, versionVerdict } from './worker-state.js';
import { type WorkerView, workerView, type WorkersHealthView } from './worker-view.js';
import { WorkersRepository } from './workers.repository.js';

/**
 * Every background worker, what runs it, and the version of its code. Raise a worker's version
 * when its new code must not run beside the old one (it writes something the old code does not
 * know, or decides differently): the first instance of the new version to start raises it in the
 * database, and instances of the old version stop running that worker.
 */
export const CRON_JOBS = {
  'extend-slots': { cron: '0 1 * * *', version: 1 },
  'scan-gaps': { cron: '0 * * * *', version: 1 },
  'draft-fee-statements': { cron: '0 3 1 * *', version: 1 },
} as const;
export const TICKERS = {
  'escalate-requests': { everyMs: 2_000, version: 1 },
  'deliver-webhooks': { everyMs: 2_000, version: 1 },
  'sms-timers': { everyMs: 2_000, version: 1 },
  'referral-timeouts': { everyMs: 2_000, version: 1 },
} as const;

export const JOBS = Object.keys(CRON_JOBS) as Array<keyof typeof CRON_JOBS>;
export type JobName = keyof typeof CRON_JOBS;
export type TickerName = keyof typeof TICKERS;
const CRON_ZONE = 'Europe/Amsterdam';
/** On shutdown a ticker run under way may finish for this long before the database closes under it. */
const SHUTDOWN_WAIT_MS = 10_000;

export function jobRunView(r: JobRunEntity): JobRunResponse {
  return {
    id: r.id,
    job: r.job,
    startedAt: formatInstant(r.startedAt, CRON_ZONE),
    finishedAt: r.finishedAt === null ? null : formatInstant(r.finishedAt, CRON_ZONE),
    outcome: r.outcome,
    counts: r.counts,
  };
}

/** One ticker in this instance: its work, its timer, the run under way and the last heartbeat written. */
interface Ticker {
  name: TickerName;
  version: number;
  everyMs: number;
  work: () => Promise<unknown>;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  lastWritten: Beat | null;
  /** The version verdict last logged, so a refusal is logged once, not every two seconds. */
  verdict: ReturnType<typeof versionVerdict>;
}

/**
 * The one runner of background work. Cron jobs (slot extension, gap scan, fee drafts) run once
 * across instances under a job lock and record each run (`GET /api/job-runs`). Tickers (the
 * escalation of acute requests, the outbox, the pages' SMS timers, the referral offers' timeouts;
 * each one entry in TICKERS and `tickers` below) run every two seconds in each instance that runs jobs, each run
 * after the previous one has finished, and record a heartbeat, so a stalled ticker shows in
 * `GET /health/workers` and `GET /api/workers`. Every worker runs only while the database records
 * its code's version. The work itself belongs to the features.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly lock: JobLock;
  private readonly tickers: Map<TickerName, Ticker>;
  private readonly instance = `${hostname()}:${process.pid}`;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly schedule: SchedulerRegistry,
    private readonly workers: WorkersRepository,
    private readonly slotExtension: SlotExtensionService,
    private readonly alerts: AlertsService,
    private readonly fees: FeeStatementsService,
    requests: RequestsService,
    outbox: OutboxService,
    referralTimeouts: ReferralTimeouts,
    @InjectRepository(JobRunEntity) private readonly runs: Repository<JobRunEntity>,
  ) {
    this.lock = new JobLock(dataSource, workers);
    const ticker = (name: TickerName, work: () => Promise<unknown>): [TickerName, Ticker] => [
      name,
      { name, ...TICKERS[name], work, timer: null, running: null, lastWritten: null, verdict: 'current' },
    ];
    this.tickers = new Map([
      ticker('escalate-requests', () => requests.tick()),
      ticker('deliver-webhooks', () => outbox.deliverDue()),
      ticker('sms-timers', () => requests.smsTick()),
      ticker('referral-timeouts', () => referralTimeouts.tick()),
    ]);
  }

  @Cron(CRON_JOBS['extend-slots'].cron, { name: 'extend-slots', timeZone: CRON_ZONE })
  async cronExtendSlots() {
    if (this.config.runJobs) await this.run('extend-slots').catch((e) => this.logger.error(e));
  }

  @Cron(CRON_JOBS['scan-gaps'].cron, { name: 'scan-gaps', timeZone: CRON_ZONE })
  async cronScanGaps() {
    if (this.config.runJobs) await this.run('scan-gaps').catch((e) => this.logger.error(e));
  }

  @Cron(CRON_JOBS['draft-fee-statements'].cron, { name: 'draft-fee-statements', timeZone: CRON_ZONE })
  async cronDraftFees() {
    if (this.config.runJobs) await this.run('draft-fee-statements').catch((e) => this.logger.error(e));
  }

  /**
   * At start (every instance, also one that runs no jobs: it may be the one that migrated the
   * database to a new version): the workers' versions are raised to this code's, runs left
   * `running` by a stopped process are marked failed, and the tickers start where jobs run.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.registerVersions();
    await this.failAbandonedRuns();
    if (this.config.runJobs) for (const t of this.tickers.values()) this.scheduleTick(t, 0);
  }

  /** Stops the tickers and waits (bounded) for a run under way, so it does not lose its database mid-run. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const running: Promise<void>[] = [];
    for (const t of this.tickers.values()) {
      if (t.timer) clearTimeout(t.timer);
      t.timer = null;
      if (t.running) running.push(t.running);
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(running), new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private async registerVersions(): Promise<void> {
    const mine = new Map<string, number>([
      ...Object.entries(CRON_JOBS).map(([name, job]) => [name, job.version] as const),
      ...Object.entries(TICKERS).map(([name, ticker]) => [name, ticker.version] as const),
    ]);
    try {
      await this.tx.run((m) => this.workers.register(m, mine));
      for (const row of await this.workers.all()) {
        const version = mine.get(row.name);
        if (version !== undefined && versionVerdict(version, row.version) === 'outdated') {
          this.logger.error(
            `${row.name}: the database records version ${row.version}, this instance has ${version}: a newer version runs it, this instance does not`,
          );
        }
      }
    } catch (e) {
      // Bookkeeping only: it must not keep the service from starting (a worker checks its version before each run).
      this.logger.error(`registering worker versions: ${e instanceof Error ? e.stack : e}`);
    }
  }

  /**
   * A run left `running` by a process that stopped mid-run would stay so forever: on start it is
   * marked failed. Only runs whose job lock can be taken are abandoned — on PostgreSQL a live
   * instance executing the job holds its advisory lock, and its run is left alone.
   */
  private async failAbandonedRuns(): Promise<void> {
    try {
      const running = await this.runs.find({ where: { outcome: 'running' }, select: { job: true } });
      for (const job of new Set(running.map((r) => r.job))) {
        const version = CRON_JOBS[job as JobName]?.version;
        if (version === undefined) continue;
        const lock = await this.lock.tryAcquire(job, version);
        if (!('release' in lock)) continue;
        try {
          const { affected } = await this.tx.run((m) =>
            m.update(JobRunEntity, { job, outcome: 'running' }, { outcome: 'failed', finishedAt: this.clock.now() }),
          );
          if (affected) this.logger.warn(`${affected} run(s) of ${job} left running by a stopped process marked failed`);
        } finally {
          await lock.release();
        }
      }
    } catch (e) {
      // Bookkeeping only: it must not keep the service from starting.
      this.logger.error(`marking abandoned job runs failed: ${e instanceof Error ? e.stack : e}`);
    }
  }

  // ---- cron jobs ------------------------------------------------------------------------------

  /** Finished runs only: a run in progress has no outcome yet (api.md: ok, failed or skipped). */
  async list(job?: string): Promise<JobRunResponse[]> {
    if (job !== undefined && !JOBS.includes(job as JobName)) throw new BadInputError(`job must be one of ${JOBS.join(', ')}`);
    const finished = { finishedAt: Not(IsNull()) };
    const rows = await this.runs.find({ where: job ? { job, ...finished } : finished, order: { startedAt: 'DESC', id: 'ASC' }, take: 500 });
    return rows.map(jobRunView);
  }

  async run(job: JobName): Promise<JobRunResponse> {
    const lock = await this.lock.tryAcquire(job, CRON_JOBS[job].version);
    const startedAt = this.clock.now();
    if (!('release' in lock)) {
      if (lock.refused === 'outdated') this.logger.warn(`${job} skipped: a newer version of the service runs it`);
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
      await lock.release();
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

  // ---- tickers --------------------------------------------------------------------------------

  private scheduleTick(t: Ticker, delayMs: number): void {
    if (this.stopping) return;
    t.timer = setTimeout(() => {
      t.timer = null;
      void this.tick(t.name).finally(() => {
        if (!t.timer) this.scheduleTick(t, t.everyMs);
      });
    }, delayMs);
    // The HTTP server keeps the process alive; a ticker alone must not.
    t.timer.unref();
  }

  /**
   * One run of the ticker now, after the one under way if any (tests call it; the timer does too).
   * Never throws: a failure is logged and recorded in the heartbeat.
   */
  async tick(name: TickerName): Promise<void> {
    const t = this.tickers.get(name);
    if (!t) throw new Error(`unknown ticker ${name}`);
    while (t.running) await t.running;
    const run = this.tickOnce(t).finally(() => {
      if (t.running === run) t.running = null;
    });
    t.running = run;
    await run;
  }

  private async tickOnce(t: Ticker): Promise<void> {
    if (!(await this.mayTick(t))) return;
    let error: string | null = null;
    try {
      await t.work();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.logger.error(`${t.name} run failed: ${error}`);
    }
    const now = this.clock.now();
    if (!heartbeatDue(t.lastWritten, error === null, now)) return;
    try {
      await this.tx.run((m) => this.workers.beat(m, t.name, t.version, { at: now, instance: this.instance, error }));
      t.lastWritten = { at: now, ok: error === null };
    } catch (e) {
      this.logger.warn(`${t.name} heartbeat not written: ${e instanceof Error ? e.message : e}`);
    }
  }

  /** The database must record this code's version: a newer instance may have raised it since this one started. */
  private async mayTick(t: Ticker): Promise<boolean> {
    let verdict: ReturnType<typeof versionVerdict>;
    try {
      verdict = versionVerdict(t.version, await this.workers.storedVersion(this.dataSource, t.name));
    } catch (e) {
      this.logger.warn(`${t.name}: reading its version failed, run skipped: ${e instanceof Error ? e.message : e}`);
      return false;
    }
    if (verdict !== t.verdict) {
      if (verdict === 'current') this.logger.log(`${t.name}: the database records this instance's version ${t.version} again; running it`);
      else this.logger.error(`${t.name}: the database records another version than this instance's ${t.version}; not running it here`);
      t.verdict = verdict;
    }
    return verdict === 'current';
  }

  // ---- how the workers stand ------------------------------------------------------------------

  /** Every worker: schedule, versions, whether it runs here, and how it stands across all instances. */
  async workerViews(): Promise<WorkerView[]> {
    const now = this.clock.now();
    const rows = new Map((await this.workers.all()).map((r) => [r.name, r]));
    const views: WorkerView[] = [];
    for (const job of JOBS) {
      const last = await this.runs.findOne({ where: { job, finishedAt: Not(IsNull()) }, order: { startedAt: 'DESC', id: 'ASC' } });
      const lastOk = await this.runs.findOne({ where: { job, outcome: 'ok' }, order: { startedAt: 'DESC', id: 'ASC' } });
      const stored = rows.get(job)?.version ?? null;
      views.push(
        workerView(
          {
            name: job,
            kind: 'cron',
            cron: CRON_JOBS[job].cron,
            everySeconds: null,
            version: CRON_JOBS[job].version,
            databaseVersion: stored,
            runsHere: this.config.runJobs && versionVerdict(CRON_JOBS[job].version, stored) === 'current',
            status: cronStatus(last?.outcome === 'running' || !last ? null : last.outcome),
            lastRunAt: last?.finishedAt ?? null,
            lastOkAt: lastOk?.finishedAt ?? null,
            lastError: null,
            nextRunAt: this.nextCronRun(job),
          },
          CRON_ZONE,
        ),
      );
    }
    for (const t of this.tickers.values()) {
      const row = rows.get(t.name);
      const stored = row?.version ?? null;
      views.push(
        workerView(
          {
            name: t.name,
            kind: 'ticker',
            cron: null,
            everySeconds: t.everyMs / 1000,
            version: t.version,
            databaseVersion: stored,
            runsHere: this.config.runJobs && versionVerdict(t.version, stored) === 'current',
            status: tickerStatus({ lastRunAt: row?.lastRunAt ?? null, lastOkAt: row?.lastOkAt ?? null }, now),
            lastRunAt: row?.lastRunAt ?? null,
            lastOkAt: row?.lastOkAt ?? null,
            lastError: row?.lastError ?? null,
            nextRunAt: null,
          },
          CRON_ZONE,
        ),
      );
    }
    return views;
  }

  /** The tickers only, for monitoring without a token: one word each, and whether all are ok. */
  async tickersHealth(): Promise<WorkersHealthView> {
    const now = this.clock.now();
    const rows = new Map((await this.workers.all()).map((r) => [r.name, r]));
    const workers: Record<string, string> = {};
    for (const t of this.tickers.values()) {
      const row = rows.get(t.name);
      workers[t.name] = tickerStatus({ lastRunAt: row?.lastRunAt ?? null, lastOkAt: row?.lastOkAt ?? null }, now);
    }
    return { status: Object.values(workers).every((s) => s === 'ok') ? 'ok' : 'error', workers };
  }

  private nextCronRun(job: JobName): number | null {
    try {
      return this.schedule.getCronJob(job).nextDate().toMillis();
    } catch {
      return null;
    }
  }
}
