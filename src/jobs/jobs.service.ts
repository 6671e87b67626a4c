import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity.js';
import { AlertWebhook } from '../alerts/alert-webhook.js';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_PRINCIPAL } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { BadInputError, ForbiddenError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { newId } from '../common/ids.js';
import { addDays, formatInstant, localDateOf, parseInstant } from '../common/local-time.js';
import { Locks } from '../common/locks.js';
import { Transactions } from '../common/transactions.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { MonthsService } from '../months/months.service.js';
import { daysOfMonthInPeriod } from '../fees/fee-calculator.js';
import { FeeStatementsService } from '../fees/fee-statements.service.js';
import { RegionEntity } from '../reference/reference.entities.js';
import { SlotEntity, TemplateEntity } from '../roster/roster.entities.js';
import { buildSlots, generationHorizon, insertSlots } from '../roster/slot-generator.js';
import { JobLock } from './job-lock.js';
import { JobRunEntity } from './job-run.entity.js';

export const JOBS = ['extend-slots', 'scan-gaps', 'draft-fee-statements'] as const;
export type JobName = (typeof JOBS)[number];
const CRON_ZONE = 'Europe/Amsterdam';
const GAP_WINDOW_MS = 72 * 3_600_000;

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

export function alertView(a: AlertEntity, zone: string) {
  return {
    id: a.id,
    slotId: a.slotId,
    regionCode: a.regionCode,
    function: a.function,
    start: formatInstant(a.startMs, zone),
    end: formatInstant(a.endMs, zone),
    missing: a.missing,
    status: a.status,
    createdAt: formatInstant(a.createdAt, zone),
    resolvedAt: a.resolvedAt === null ? null : formatInstant(a.resolvedAt, zone),
  };
}

/** The scheduled jobs. Each is idempotent, records its run, and runs once across instances. */
@Injectable()
export class JobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');
  private readonly lock: JobLock;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly fees: FeeStatementsService,
    private readonly webhook: AlertWebhook,
    private readonly audit: AuditService,
    private readonly months: MonthsService,
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
          const { affected } = await this.runs.update({ job, outcome: 'running' }, { outcome: 'failed', finishedAt: this.clock.now() });
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
      const skipped: JobRunEntity = Object.assign(new JobRunEntity(), { id: newId(), job, startedAt, finishedAt: startedAt, outcome: 'skipped' as const, counts: {} });
      await this.runs.insert(skipped);
      return jobRunView(skipped);
    }
    const run: JobRunEntity = Object.assign(new JobRunEntity(), { id: newId(), job, startedAt, finishedAt: null, outcome: 'running' as const, counts: {} });
    try {
      await this.runs.insert(run);
      try {
        run.counts = await this.execute(job);
        run.outcome = 'ok';
      } catch (e) {
        this.logger.error(`job ${job} failed: ${e instanceof Error ? e.stack : e}`);
        run.outcome = 'failed';
      }
      run.finishedAt = this.clock.now();
      await this.runs.update({ id: run.id }, { outcome: run.outcome, counts: run.counts, finishedAt: run.finishedAt });
      return jobRunView(run);
    } finally {
      await release();
    }
  }

  private execute(job: JobName): Promise<Record<string, number>> {
    switch (job) {
      case 'extend-slots':
        return this.extendSlots();
      case 'scan-gaps':
        return this.scanGaps();
      case 'draft-fee-statements':
        return this.draftFeeStatements();
    }
  }

  /** Open-ended contracts get slots at least 400 days past today; closed months are skipped. */
  async extendSlots(): Promise<Record<string, number>> {
    const contracts = await this.dataSource.manager.find(ContractEntity, { where: { validTo: IsNull() } });
    let extended = 0;
    let slots = 0;
    for (const c of contracts) {
      const added = await this.tx.run(
        async (m) => {
          const contract = await m.findOneByOrFail(ContractEntity, { id: c.id });
          if (contract.validTo !== null) return 0;
          const region = await m.findOneByOrFail(RegionEntity, { code: contract.regionCode });
          const horizon = generationHorizon(contract, localDateOf(this.clock.now(), region.timezone));
          if (contract.slotsThrough !== null && contract.slotsThrough >= horizon) return 0;
          const fromDate = contract.slotsThrough ? addDays(contract.slotsThrough, 1) : contract.validFrom;
          const closed = await this.months.closedMonthsOf(m, contract.id);
          const templates = await m.find(TemplateEntity, { where: { contractId: contract.id, deletedAt: IsNull() } });
          let count = 0;
          for (const t of templates) {
            const rows = buildSlots(t, contract, region, horizon, fromDate).filter((s) => !closed.has(s.localDate.slice(0, 7)));
            const existing = new Set(
              (await m.find(SlotEntity, { where: { templateId: t.id, localDate: In(rows.map((r) => r.localDate)) }, select: { localDate: true } })).map((s) => s.localDate),
            );
            const fresh = rows.filter((r) => !existing.has(r.localDate));
            await insertSlots(m, fresh);
            count += fresh.length;
          }
          await m.update(ContractEntity, { id: contract.id }, { slotsThrough: horizon });
          if (count > 0) await this.audit.append(m, SYSTEM_PRINCIPAL, 'extend', 'contract', contract.id, `${count} slots added through ${horizon}`);
          return count;
        },
        [Locks.contractRoster(c.id, 'exclusive')],
      );
      if (added > 0) extended++;
      slots += added;
    }
    return { contracts: contracts.length, extended, slots };
  }

  /** Open or partial slots starting in the next 72 h get one open alert; covered, removed or ended ones are resolved. */
  async scanGaps(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const created: AlertEntity[] = [];
    const resolved = await this.tx.run(async (m) => {
      const open = await m.find(AlertEntity, { where: { active: 1 } });
      const slots = open.length ? await m.find(SlotEntity, { where: { id: In(open.map((a) => a.slotId)) } }) : [];
      const byId = new Map(slots.map((s) => [s.id, s]));
      let count = 0;
      for (const alert of open) {
        const slot = byId.get(alert.slotId);
        if (!slot || slot.endMs <= now || slot.assignedCount >= slot.requiredNurses) {
          await m.update(AlertEntity, { id: alert.id }, { status: 'resolved', active: null, resolvedAt: now });
          count++;
        }
      }
      const gaps = await m
        .createQueryBuilder(SlotEntity, 's')
        .where('s.start_ms >= :now AND s.start_ms < :until AND s.assigned_count < s.required_nurses', { now, until: now + GAP_WINDOW_MS })
        .orderBy('s.start_ms', 'ASC')
        .getMany();
      const stillOpen = new Set((await m.find(AlertEntity, { where: { active: 1 }, select: { slotId: true } })).map((a) => a.slotId));
      for (const s of gaps) {
        if (stillOpen.has(s.id)) continue;
        const alert: AlertEntity = Object.assign(new AlertEntity(), {
          id: newId(),
          slotId: s.id,
          regionCode: s.regionCode,
          function: s.function,
          startMs: s.startMs,
          endMs: s.endMs,
          missing: s.requiredNurses - s.assignedCount,
          status: 'open' as const,
          active: 1 as number | null,
          createdAt: now,
          resolvedAt: null as number | null,
        });
        await m.insert(AlertEntity, alert);
        created.push(alert);
      }
      return count;
    });
    const zones = new Map((await this.dataSource.manager.find(RegionEntity)).map((r) => [r.code, r.timezone]));
    for (const alert of created) this.webhook.send(alertView(alert, zones.get(alert.regionCode) ?? CRON_ZONE));
    return { created: created.length, resolved };
  }

  /**
   * Drafts (recomputes) the previous month's statements of all contracts; final ones stay untouched.
   * Each contract is computed in its own transaction, so one that fails is rolled back, logged and
   * counted in `failed` while the others are still drafted. The run's outcome stays `ok` when every
   * contract was tried (a run records its counts only then, and `failed` tells how many did not
   * draft); it is `failed` only when the job itself could not run, e.g. the contracts did not load.
   */
  async draftFeeStatements(): Promise<Record<string, number>> {
    const today = localDateOf(this.clock.now(), CRON_ZONE);
    const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const contracts = (await this.dataSource.manager.find(ContractEntity, { order: { id: 'ASC' } })).filter(
      (c) => daysOfMonthInPeriod(month, c.validFrom, c.validTo) > 0,
    );
    let drafted = 0;
    let final = 0;
    let failed = 0;
    for (const c of contracts) {
      try {
        const s = await this.fees.computeOne(SYSTEM_PRINCIPAL, c.id, month, false);
        if (s?.status === 'final') final++;
        else if (s) drafted++;
      } catch (e) {
        failed++;
        // Ids and the error only: a statement holds no client data, and neither does its log line.
        this.logger.error(`draft-fee-statements: contract ${c.id}, ${month} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { contracts: contracts.length, drafted, final, failed };
  }

  /** Alerts in the caller's scope: an admin any region, a coordinator its own regions. */
  async alertsFor(who: Principal, q: { regionCode?: string; status?: string; from?: string; to?: string }) {
    let regionCodes: string[] | null = q.regionCode ? [q.regionCode] : null;
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
      regionCodes = q.regionCode ? [q.regionCode] : who.regionCodes;
    }
    const fromMs = q.from === undefined ? undefined : (parseInstant(q.from) ?? undefined);
    const toMs = q.to === undefined ? undefined : (parseInstant(q.to) ?? undefined);
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new BadInputError('to must not be before from');
    return this.alerts({ regionCodes, status: q.status, fromMs, toMs });
  }

  private async alerts(filter: { regionCodes: string[] | null; status?: string; fromMs?: number; toMs?: number }) {
    const qb = this.dataSource.manager.createQueryBuilder(AlertEntity, 'a').orderBy('a.start_ms', 'ASC').addOrderBy('a.id', 'ASC').limit(5000);
    if (filter.regionCodes) {
      if (filter.regionCodes.length === 0) return [];
      qb.andWhere('a.region_code IN (:...regions)', { regions: filter.regionCodes });
    }
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.fromMs !== undefined) qb.andWhere('a.start_ms >= :from', { from: filter.fromMs });
    if (filter.toMs !== undefined) qb.andWhere('a.start_ms <= :to', { to: filter.toMs });
    const rows = await qb.getMany();
    const zones = new Map((await this.dataSource.manager.find(RegionEntity)).map((r) => [r.code, r.timezone]));
    return rows.map((a) => alertView(a, zones.get(a.regionCode) ?? CRON_ZONE));
  }
}
