import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { addDays, formatInstant, localDateOf, monthBounds } from '../common/local-time.js';
import { SYSTEM_PRINCIPAL } from '../common/principal.js';
import type { Violation } from '../common/codes.js';
import { Locks } from '../database/locks.js';
import { MonthsService } from '../months/months.service.js';
import { UsersService } from '../identity/users.service.js';
import { Transactions } from '../database/transactions.js';
import type { ContractEntity } from '../contracts/contract.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { canReadContract, responsiblePartyOf } from '../contracts/contract-view.js';
import type { RegionEntity } from '../reference/reference.entities.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { computeMonthlyFee, daysOfMonthInPeriod, type FeeResult } from './fee-calculator.js';
import { FeeStatementEntity } from './fee-statement.entity.js';
import type { FeeStatementResponse } from './fee-statement.response.js';
import { statementsWorkbook } from './fee-statements-xlsx.js';
import { positionMinutesOf } from './position-minutes.js';
import { staffedSlotsOf } from '../roster/slots.service.js';

const STATEMENT_ZONE_FALLBACK = 'Europe/Amsterdam';

function statementView(s: FeeStatementEntity, zone: string): FeeStatementResponse {
  return {
    id: s.id,
    contractId: s.contractId,
    regionCode: s.regionCode,
    function: s.function,
    insurerUzovi: s.insurerUzovi,
    responsibleParty: s.responsibleParty,
    month: s.month,
    status: s.status,
    positionMinutes: s.positionMinutes,
    coveredMinutes: s.coveredMinutes,
    coveragePct: s.coveragePctHundredths / 100,
    lines: {
      fixedCents: s.fixedCents,
      capitationCents: s.capitationCents,
      positionHoursCents: s.positionHoursCents,
      deductionCents: s.deductionCents,
    },
    totalCents: s.totalCents,
    computedAt: formatInstant(s.computedAt, zone),
    finalizedAt: s.finalizedAt === null ? null : formatInstant(s.finalizedAt, zone),
    finalizedBy: s.finalizedBy === null ? null : { userId: s.finalizedBy, name: s.finalizedByName ?? '' },
  };
}

/** The monthly job drafts the month that ended in Amsterdam (api.md: 1st of the month, 03:00 Europe/Amsterdam). */
const DRAFT_ZONE = 'Europe/Amsterdam';

@Injectable()
export class FeeStatementsService {
  private readonly logger = new Logger('FeeStatements');

  constructor(
    private readonly tx: Transactions,
    private readonly months: MonthsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UsersService,
    @InjectRepository(FeeStatementEntity) private readonly statements: Repository<FeeStatementEntity>,
    private readonly contracts: ContractsService,
    private readonly reference: ReferenceService,
    private readonly zones: RegionZones,
  ) {}

  /** The statement's contract and its region, read through the caller's transaction. */
  private async contractAndRegion(m: EntityManager, contractId: string): Promise<{ contract: ContractEntity; region: RegionEntity }> {
    const contract = await this.contracts.byId(contractId, m);
    if (!contract) throw new NotFoundError(`contract ${contractId} not found`);
    return { contract, region: await this.regionOf(m, contract) };
  }

  private async regionOf(m: EntityManager, contract: ContractEntity): Promise<RegionEntity> {
    const region = await this.reference.regionByCode(contract.regionCode, m);
    if (!region) throw new NotFoundError(`region ${contract.regionCode} not found`);
    return region;
  }

  /** Computes or recomputes the draft of one contract and month; a final one is returned untouched. */
  async computeOne(who: Principal, contractId: string, month: string, refuseFinal: boolean) {
    return this.tx.run(
      async (m) => {
        const { contract, region } = await this.contractAndRegion(m, contractId);
        const existing = await m.findOneBy(FeeStatementEntity, { contractId, month });
        if (existing?.status === 'final') {
          if (refuseFinal) throw new ConflictError(`the statement of ${month} for contract ${contractId} is final`, 'statement-final');
          return statementView(existing, region.timezone);
        }
        const row = await this.draftIn(m, who, contract, region, month, contract.validTo, existing);
        return row ? statementView(row, region.timezone) : null;
      },
      // Shared roster lock: a termination (exclusive) settles the drafts itself, never beside this.
      [Locks.feeStatement(contractId, month), Locks.contractRoster(contractId, 'shared')],
    );
  }

  /** The fee of a contract and month from its roster as it is now, read through `m`; null without a day in the month. */
  private async feeFromRoster(
    m: EntityManager,
    contract: ContractEntity,
    region: RegionEntity,
    month: string,
    lastDay: string | null,
  ): Promise<FeeResult | null> {
    const slots = await staffedSlotsOf(m, contract.id, month);
    const minutes = positionMinutesOf(
      slots.map((s) => ({ durationMinutes: s.durationMinutes, requiredNurses: s.requiredNurses, assignedNurses: s.assignedCount })),
    );
    return computeMonthlyFee({
      month,
      validFrom: contract.validFrom,
      lastDay,
      population: region.population,
      minutes,
      terms: {
        fixedMonthlyCents: contract.fixedMonthlyCents,
        perPositionHourCents: contract.perPositionHourCents,
        perInhabitantMonthlyCents: contract.perInhabitantMonthlyCents,
        slaMinCoverageHundredths: contract.slaMinCoverageHundredths,
        slaDeductionPerUncoveredHourCents: contract.slaDeductionPerUncoveredHourCents ?? 0,
      },
    });
  }

  /** Writes the statement's figures from a computed fee onto `row`. */
  private withFee(row: FeeStatementEntity, contract: ContractEntity, fee: FeeResult): FeeStatementEntity {
    return Object.assign(row, {
      regionCode: contract.regionCode,
      function: contract.function,
      insurerUzovi: contract.insurerUzovi,
      responsibleParty: responsiblePartyOf(contract),
      positionMinutes: fee.positionMinutes,
      coveredMinutes: fee.coveredMinutes,
      coveragePctHundredths: fee.coveragePctHundredths,
      fixedCents: fee.lines.fixedCents,
      capitationCents: fee.lines.capitationCents,
      positionHoursCents: fee.lines.positionHoursCents,
      deductionCents: fee.lines.deductionCents,
      totalCents: fee.totalCents,
      computedAt: this.clock.now(),
    });
  }

  /** Computes and saves the draft (never a final one) inside the caller's transaction; null without a day in the month. */
  private async draftIn(
    m: EntityManager,
    who: Principal,
    contract: ContractEntity,
    region: RegionEntity,
    month: string,
    lastDay: string | null,
    existing: FeeStatementEntity | null,
  ): Promise<FeeStatementEntity | null> {
    const fee = await this.feeFromRoster(m, contract, region, month, lastDay);
    if (!fee) return null;
    const row = this.withFee(
      Object.assign(existing ?? new FeeStatementEntity(), {
        id: existing?.id ?? newId(),
        contractId: contract.id,
        month,
        status: 'draft' as const,
        finalizedAt: null,
        finalizedBy: null,
        finalizedByName: null,
      }),
      contract,
      fee,
    );
    await m.save(FeeStatementEntity, row);
    await this.audit.append(
      m,
      who,
      existing ? 'recompute' : 'compute',
      'fee-statement',
      row.id,
      `${month} contract ${contract.id}: total ${fee.totalCents} cents`,
    );
    return row;
  }

  async compute(who: Principal, month: string, contractId?: string) {
    if (contractId !== undefined) {
      const contract = await this.contracts.byId(contractId);
      if (!contract || !canReadContract(who, contract)) throw new NotFoundError(`contract ${contractId} not found`);
      if (who.role === 'coordinator') throw new ForbiddenError('a coordinator reads fee statements but does not compute them');
      if (daysOfMonthInPeriod(month, contract.validFrom, contract.validTo) === 0) {
        throw new RuleViolationError([{ rule: 'no-day-in-month', message: `contract ${contractId} has no day in ${month}` }]);
      }
      const one = await this.computeOne(who, contractId, month, true);
      return one ? [one] : [];
    }
    const contracts = (await this.contracts.withDayIn(month, who.role === 'insurer' ? { insurerUzovi: who.insurerUzovi ?? '' } : {})).sort(
      (a, b) => compare(a.regionCode, b.regionCode) || compare(a.function, b.function) || compare(a.id, b.id),
    );
    const result = [];
    for (const c of contracts) {
      const statement = await this.computeOne(who, c.id, month, false);
      if (statement) result.push(statement);
    }
    return result;
  }

  /**
   * Makes a statement final. What becomes final is computed from the roster at this moment, under
   * the month lock that assignments take, so a stale draft is never what gets paid.
   */
  async finalize(who: Principal, id: string) {
    const found = await this.statements.findOneBy({ id });
    if (!found || !(await this.readable(who, found))) throw new NotFoundError(`fee statement ${id} not found`);
    if (who.role === 'coordinator') throw new ForbiddenError('only the insurer or an admin finalizes a statement');
    return this.tx.run(
      async (m) => {
        // A termination may have deleted the draft while this waited for the roster lock.
        const s = await m.findOneBy(FeeStatementEntity, { id });
        if (!s) throw new NotFoundError(`fee statement ${id} not found`);
        if (s.status === 'final') throw new ConflictError(`fee statement ${id} is already final`, 'statement-final');
        const { contract, region } = await this.contractAndRegion(m, s.contractId);
        const violations: Violation[] = [];
        // The month has ended once the region's local date lies past its last day.
        if (localDateOf(this.clock.now(), region.timezone) <= monthBounds(s.month).last) {
          violations.push({ rule: 'month-not-ended', message: `${s.month} has not ended in ${region.timezone}` });
        }
        const fee = await this.feeFromRoster(m, contract, region, s.month, contract.validTo);
        if (!fee) violations.push({ rule: 'no-day-in-month', message: `contract ${contract.id} has no day in ${s.month}` });
        if (violations.length || !fee) throw new RuleViolationError(violations);
        this.withFee(s, contract, fee);
        s.status = 'final';
        s.finalizedAt = this.clock.now();
        s.finalizedBy = who.userId;
        s.finalizedByName = await this.users.nameOf(m, who);
        // The roster month closes with it.
        await this.months.close(m, s.contractId, s.month, s.finalizedAt);
        await m.save(FeeStatementEntity, s);
        await this.audit.append(m, who, 'finalize', 'fee-statement', id, `${s.month} contract ${s.contractId}: recomputed, total ${s.totalCents} cents final`);
        return statementView(s, region.timezone);
      },
      // The month lock serializes finalizing with roster changes in that month; the contract's
      // roster lock (shared) with its termination and with templates added or removed.
      [Locks.feeStatement(found.contractId, found.month), Locks.contractMonth(found.contractId, found.month), Locks.contractRoster(found.contractId, 'shared')],
    );
  }

  /**
   * After a contract's period was shortened to end on `lastDay` (api.md, terminate): deletes the
   * drafts of months after lastDay's month and recomputes the draft of lastDay's month, if there
   * is one. Runs inside the caller's transaction; every read and write goes through `m`. Call it
   * after the slots after lastDay are gone, so the recomputed draft counts only the remaining ones.
   * Final statements are never touched: the caller refuses a termination that a final one contradicts.
   */
  async reconcileAfterTermination(
    m: EntityManager,
    who: Principal,
    contract: ContractEntity,
    lastDay: string,
  ): Promise<{ deleted: string[]; recomputed: string | null }> {
    const month = lastDay.slice(0, 7);
    const later = await m
      .createQueryBuilder(FeeStatementEntity, 's')
      .where('s.contract_id = :c AND s.month > :month AND s.status = :draft', { c: contract.id, month, draft: 'draft' })
      .orderBy('s.month', 'ASC')
      .getMany();
    for (const s of later) {
      await m.delete(FeeStatementEntity, { id: s.id, status: 'draft' });
      await this.audit.append(m, who, 'delete', 'fee-statement', s.id, `${s.month} contract ${contract.id}: draft deleted, the contract ends on ${lastDay}`);
    }
    const existing = await m.findOneBy(FeeStatementEntity, { contractId: contract.id, month, status: 'draft' });
    let recomputed: string | null = null;
    if (existing) {
      const region = await this.regionOf(m, contract);
      recomputed = (await this.draftIn(m, who, contract, region, month, lastDay, existing))?.id ?? null;
    }
    return { deleted: later.map((s) => s.id), recomputed };
  }

  private async readable(who: Principal, s: FeeStatementEntity): Promise<boolean> {
    if (who.role === 'admin') return true;
    if (who.role === 'insurer') return s.insurerUzovi === who.insurerUzovi;
    if (who.role === 'coordinator') return who.regionCodes.includes(s.regionCode);
    return false;
  }

  async list(who: Principal, q: { month?: string; contractId?: string; regionCode?: string }): Promise<FeeStatementResponse[]> {
    const where: Record<string, unknown> = {};
    if (q.month) where.month = q.month;
    if (q.contractId) where.contractId = q.contractId;
    if (q.regionCode) where.regionCode = q.regionCode;
    if (who.role === 'insurer') where.insurerUzovi = who.insurerUzovi;
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) return [];
      if (!q.regionCode) where.regionCode = In(who.regionCodes);
    }
    const rows = await this.statements.find({ where, order: { month: 'ASC', regionCode: 'ASC', function: 'ASC', id: 'ASC' } });
    const zones = await this.zones.zonesOf(rows.map((s) => s.regionCode));
    return rows.map((s) => statementView(s, zones.get(s.regionCode) ?? STATEMENT_ZONE_FALLBACK));
  }

  async csv(who: Principal, month: string): Promise<string> {
    const rows = await this.list(who, { month });
    const header = [
      'id',
      'contractId',
      'regionCode',
      'function',
      'insurerUzovi',
      'responsiblePartyType',
      'responsiblePartyId',
      'month',
      'status',
      'positionMinutes',
      'coveredMinutes',
      'coveragePct',
      'fixedCents',
      'capitationCents',
      'positionHoursCents',
      'deductionCents',
      'totalCents',
      'computedAt',
      'finalizedAt',
    ];
    const lines = rows.map((s) =>
      [
        s.id,
        s.contractId,
        s.regionCode,
        s.function,
        s.insurerUzovi,
        s.responsibleParty.type,
        s.responsibleParty.agb ?? s.responsibleParty.consortiumId,
        s.month,
        s.status,
        s.positionMinutes,
        s.coveredMinutes,
        s.coveragePct.toString(),
        s.lines.fixedCents,
        s.lines.capitationCents,
        s.lines.positionHoursCents,
        s.lines.deductionCents,
        s.totalCents,
        s.computedAt,
        s.finalizedAt ?? '',
      ]
        .map((v) => csvCell(String(v)))
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  /** The month's statements in scope as an .xlsx workbook for people (Dutch headers, names, euros). */
  async xlsx(who: Principal, month: string): Promise<Buffer> {
    const rows = await this.list(who, { month });
    return statementsWorkbook(month, rows, await this.reference.names());
  }

  /**
   * Drafts (recomputes) the previous month's statements of all contracts; final ones stay untouched.
   * Each contract is computed in its own transaction, so one that fails is rolled back, logged and
   * counted in `failed` while the others are still drafted. The run's outcome stays `ok` when every
   * contract was tried (a run records its counts only then, and `failed` tells how many did not
   * draft); it is `failed` only when the job itself could not run, e.g. the contracts did not load.
   */
  async draftPreviousMonth(): Promise<Record<string, number>> {
    const today = localDateOf(this.clock.now(), DRAFT_ZONE);
    const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const contracts = (await this.contracts.withDayIn(month)).sort((a, b) => compare(a.id, b.id));
    let drafted = 0;
    let final = 0;
    let failed = 0;
    for (const c of contracts) {
      try {
        const s = await this.computeOne(SYSTEM_PRINCIPAL, c.id, month, false);
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
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 4180 quoting; a leading formula character is neutralised for spreadsheet safety. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
