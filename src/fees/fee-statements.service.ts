import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant, monthBounds } from '../common/local-time.js';
import { Locks } from '../common/locks.js';
import { Transactions } from '../common/transactions.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { canReadContract, responsiblePartyOf } from '../contracts/contract-view.js';
import { RegionEntity } from '../reference/reference.entities.js';
import { SlotEntity } from '../roster/roster.entities.js';
import { computeMonthlyFee, daysOfMonthInPeriod } from './fee-calculator.js';
import { FeeStatementEntity } from './fee-statement.entity.js';
import { positionMinutesOf } from './position-minutes.js';

const STATEMENT_ZONE_FALLBACK = 'Europe/Amsterdam';

function statementView(s: FeeStatementEntity, zone: string) {
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
  };
}

/** The slots of a contract whose local date lies in the month, reduced to what position-minutes need. */
export async function staffedSlotsOf(m: EntityManager, contractId: string, month: string) {
  const { first, last } = monthBounds(month);
  return m
    .createQueryBuilder(SlotEntity, 's')
    .select(['s.id', 's.durationMinutes', 's.requiredNurses', 's.assignedCount', 's.startMs', 's.endMs'])
    .where('s.contract_id = :c AND s.local_date >= :first AND s.local_date <= :last', { c: contractId, first, last })
    .orderBy('s.start_ms', 'ASC')
    .getMany();
}

@Injectable()
export class FeeStatementsService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectRepository(FeeStatementEntity) private readonly statements: Repository<FeeStatementEntity>,
    @InjectRepository(ContractEntity) private readonly contracts: Repository<ContractEntity>,
    @InjectRepository(RegionEntity) private readonly regions: Repository<RegionEntity>,
  ) {}

  private async zones(): Promise<Map<string, string>> {
    return new Map((await this.regions.find({ select: { code: true, timezone: true } })).map((r) => [r.code, r.timezone]));
  }

  /** Computes or recomputes the draft of one contract and month; a final one is returned untouched. */
  async computeOne(who: Principal, contractId: string, month: string, refuseFinal: boolean) {
    return this.tx.run(
      async (m) => {
        const contract = await m.findOneByOrFail(ContractEntity, { id: contractId });
        const region = await m.findOneByOrFail(RegionEntity, { code: contract.regionCode });
        const existing = await m.findOneBy(FeeStatementEntity, { contractId, month });
        if (existing?.status === 'final') {
          if (refuseFinal) throw new ConflictError(`the statement of ${month} for contract ${contractId} is final`);
          return statementView(existing, region.timezone);
        }
        const slots = await staffedSlotsOf(m, contractId, month);
        const minutes = positionMinutesOf(slots.map((s) => ({ durationMinutes: s.durationMinutes, requiredNurses: s.requiredNurses, assignedNurses: s.assignedCount })));
        const fee = computeMonthlyFee({
          month,
          validFrom: contract.validFrom,
          lastDay: contract.validTo,
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
        if (!fee) return null;
        const row = Object.assign(existing ?? new FeeStatementEntity(), {
          id: existing?.id ?? newId(),
          contractId,
          month,
          status: 'draft' as const,
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
          finalizedAt: null,
        });
        await m.save(FeeStatementEntity, row);
        await this.audit.append(m, who, existing ? 'recompute' : 'compute', 'fee-statement', row.id, `${month} contract ${contractId}: total ${fee.totalCents} cents`);
        return statementView(row, region.timezone);
      },
      [Locks.feeStatement(contractId, month)],
    );
  }

  async compute(who: Principal, month: string, contractId?: string) {
    if (contractId !== undefined) {
      const contract = await this.contracts.findOneBy({ id: contractId });
      if (!contract || !canReadContract(who, contract)) throw new NotFoundError(`contract ${contractId} not found`);
      if (who.role === 'coordinator') throw new ForbiddenError('a coordinator reads fee statements but does not compute them');
      if (daysOfMonthInPeriod(month, contract.validFrom, contract.validTo) === 0) {
        throw new RuleViolationError([{ rule: 'no-day-in-month', message: `contract ${contractId} has no day in ${month}` }]);
      }
      const one = await this.computeOne(who, contractId, month, true);
      return one ? [one] : [];
    }
    const where = who.role === 'insurer' ? { insurerUzovi: who.insurerUzovi ?? '' } : {};
    const contracts = (await this.contracts.find({ where, order: { regionCode: 'ASC', function: 'ASC', id: 'ASC' } })).filter(
      (c) => daysOfMonthInPeriod(month, c.validFrom, c.validTo) > 0,
    );
    const result = [];
    for (const c of contracts) {
      const statement = await this.computeOne(who, c.id, month, false);
      if (statement) result.push(statement);
    }
    return result;
  }

  async finalize(who: Principal, id: string) {
    const found = await this.statements.findOneBy({ id });
    if (!found || !(await this.readable(who, found))) throw new NotFoundError(`fee statement ${id} not found`);
    if (who.role === 'coordinator') throw new ForbiddenError('only the insurer or an admin finalizes a statement');
    return this.tx.run(
      async (m) => {
        const s = await m.findOneByOrFail(FeeStatementEntity, { id });
        if (s.status === 'final') throw new ConflictError(`fee statement ${id} is already final`);
        s.status = 'final';
        s.finalizedAt = this.clock.now();
        await m.save(FeeStatementEntity, s);
        await this.audit.append(m, who, 'finalize', 'fee-statement', id, `${s.month} contract ${s.contractId}: total ${s.totalCents} cents final`);
        return statementView(s, (await m.findOneByOrFail(RegionEntity, { code: s.regionCode })).timezone);
      },
      // The month lock serializes finalizing with assignments in that month (see AssignmentsService).
      [Locks.feeStatement(found.contractId, found.month), Locks.contractMonth(found.contractId, found.month), Locks.contractRoster(found.contractId, 'shared')],
    );
  }

  private async readable(who: Principal, s: FeeStatementEntity): Promise<boolean> {
    if (who.role === 'admin') return true;
    if (who.role === 'insurer') return s.insurerUzovi === who.insurerUzovi;
    if (who.role === 'coordinator') return who.regionCodes.includes(s.regionCode);
    return false;
  }

  async list(who: Principal, q: { month?: string; contractId?: string; regionCode?: string }) {
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
    const zones = await this.zones();
    return rows.map((s) => statementView(s, zones.get(s.regionCode) ?? STATEMENT_ZONE_FALLBACK));
  }

  async csv(who: Principal, month: string): Promise<string> {
    const rows = await this.list(who, { month });
    const header = [
      'id', 'contractId', 'regionCode', 'function', 'insurerUzovi', 'responsiblePartyType', 'responsiblePartyId', 'month', 'status',
      'positionMinutes', 'coveredMinutes', 'coveragePct', 'fixedCents', 'capitationCents', 'positionHoursCents', 'deductionCents',
      'totalCents', 'computedAt', 'finalizedAt',
    ];
    const lines = rows.map((s) =>
      [
        s.id, s.contractId, s.regionCode, s.function, s.insurerUzovi, s.responsibleParty.type,
        s.responsibleParty.agb ?? s.responsibleParty.consortiumId, s.month, s.status, s.positionMinutes, s.coveredMinutes,
        (s.coveragePct).toString(), s.lines.fixedCents, s.lines.capitationCents, s.lines.positionHoursCents, s.lines.deductionCents,
        s.totalCents, s.computedAt, s.finalizedAt ?? '',
      ]
        .map((v) => csvCell(String(v)))
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }
}

/** RFC 4180 quoting; a leading formula character is neutralised for spreadsheet safety. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
