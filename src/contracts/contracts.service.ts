import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Locks } from '../database/locks.js';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { monthBounds } from '../common/local-time.js';
import { Transactions } from '../database/transactions.js';
import { ChangeEpochs } from '../common/change-epochs.js';
import { closedMonthViolation } from '../months/closed-month.js';
import { MonthsService } from '../months/months.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { Violation } from '../common/codes.js';
import { ContractEntity } from './contract.entity.js';
import { canReadContract, contractCovers, contractView } from './contract-view.js';
import { CreateContractDto, ListContractsQuery } from './dto/create-contract.dto.js';

function periodsOverlap(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || b.from <= a.to);
}

@Injectable()
export class ContractsService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly epochs: ChangeEpochs,
    private readonly months: MonthsService,
    private readonly reference: ReferenceService,
    @InjectRepository(ContractEntity) private readonly contracts: Repository<ContractEntity>,
  ) {}

  // The reads of the modules above: they read contracts only through here. Inside a transaction,
  // pass its manager.

  /** A contract by id, or null. */
  byId(id: string, m: EntityManager = this.contracts.manager): Promise<ContractEntity | null> {
    return m.findOneBy(ContractEntity, { id });
  }

  /** The contracts of a region, every function and period, by function and start. */
  ofRegion(regionCode: string, m: EntityManager = this.contracts.manager): Promise<ContractEntity[]> {
    return m.find(ContractEntity, { where: { regionCode }, order: { function: 'ASC', validFrom: 'ASC', id: 'ASC' } });
  }

  /** The contracts with a day in the local month (YYYY-MM), by region, function and start; narrowed by region, function or insurer. */
  withDayIn(month: string, filter: { regionCode?: string; function?: string; insurerUzovi?: string } = {}, m: EntityManager = this.contracts.manager) {
    const { first, last } = monthBounds(month);
    const qb = m
      .createQueryBuilder(ContractEntity, 'c')
      .where('c.valid_from <= :last AND (c.valid_to IS NULL OR c.valid_to >= :first)', { first, last })
      .orderBy('c.region_code', 'ASC')
      .addOrderBy('c.function', 'ASC')
      .addOrderBy('c.valid_from', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (filter.regionCode !== undefined) qb.andWhere('c.region_code = :region', { region: filter.regionCode });
    if (filter.function !== undefined) qb.andWhere('c.function = :fn', { fn: filter.function });
    if (filter.insurerUzovi !== undefined) qb.andWhere('c.insurer_uzovi = :insurer', { insurer: filter.insurerUzovi });
    return qb.getMany();
  }

  /** The open-ended contracts, whose slots are extended ahead day by day. */
  openEnded(m: EntityManager = this.contracts.manager): Promise<ContractEntity[]> {
    return m.find(ContractEntity, { where: { validTo: IsNull() }, order: { id: 'ASC' } });
  }

  /** A contract the caller may read, or 404 (also for one outside its scope). */
  async findReadable(who: Principal, id: string): Promise<ContractEntity> {
    const contract = await this.contracts.findOneBy({ id });
    if (!contract || !canReadContract(who, contract)) throw new NotFoundError(`contract ${id} not found`);
    return contract;
  }

  async get(who: Principal, id: string) {
    return contractView(await this.findReadable(who, id));
  }

  async list(who: Principal, q: ListContractsQuery) {
    const where: Record<string, unknown> = {};
    if (q.regionCode) where.regionCode = q.regionCode;
    if (q.function) where.function = q.function;
    if (who.role === 'insurer') where.insurerUzovi = who.insurerUzovi;
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) return [];
      if (!q.regionCode) where.regionCode = In(who.regionCodes);
    }
    const rows = await this.contracts.find({ where, order: { regionCode: 'ASC', function: 'ASC', validFrom: 'ASC' } });
    return rows.filter((c) => !q.activeOn || contractCovers(c, q.activeOn)).map(contractView);
  }

  async create(who: Principal, dto: CreateContractDto) {
    const party = dto.responsibleParty;
    if (party.type === 'provider' && (!party.agb || party.consortiumId !== undefined)) {
      throw new BadInputError('a provider responsibleParty needs agb and no consortiumId');
    }
    if (party.type === 'consortium' && (!party.consortiumId || party.agb !== undefined)) {
      throw new BadInputError('a consortium responsibleParty needs consortiumId and no agb');
    }
    if (dto.validTo !== undefined && dto.validTo < dto.validFrom) throw new BadInputError('validTo must not be before validFrom');
    if (who.role === 'insurer' && who.insurerUzovi !== dto.insurerUzovi) {
      throw new ForbiddenError(`an insurer may contract only for its own UZOVI ${who.insurerUzovi}`);
    }
    const slaHundredths = dto.sla?.minCoveragePct === undefined ? null : Math.round(dto.sla.minCoveragePct * 100);
    // After the commit: the on-call cache of this instance must not reload the old state.
    return this.afterCommit(
      this.tx.run(
        async (m) => {
          const sameFunction = await m.findBy(ContractEntity, { regionCode: dto.regionCode, function: dto.function });
          const clash = sameFunction.find((c) => periodsOverlap({ from: dto.validFrom, to: dto.validTo ?? null }, { from: c.validFrom, to: c.validTo }));
          if (clash) {
            throw new ConflictError(
              `region ${dto.regionCode} already has ${dto.function} contracted from ${clash.validFrom} to ${clash.validTo ?? 'open end'} (contract ${clash.id})`,
              'contract-overlap',
            );
          }
          const violations: Violation[] = [];
          const region = await this.reference.regionByCode(dto.regionCode, m);
          if (!region) violations.push(unknownReference('region', dto.regionCode));
          if (!(await this.reference.insurerByUzovi(dto.insurerUzovi, m))) violations.push(unknownReference('insurer', dto.insurerUzovi));
          if (party.type === 'provider' && !(await this.reference.providerByAgb(party.agb as string, m))) {
            violations.push(unknownReference('provider', party.agb as string));
          }
          if (party.type === 'consortium' && !(await this.reference.consortiumById(party.consortiumId as string, m))) {
            violations.push(unknownReference('consortium', party.consortiumId as string));
          }
          if (region && region.preferredInsurerUzovi !== dto.insurerUzovi) {
            violations.push({
              rule: 'preferred-insurer',
              message: `only the preferred insurer ${region.preferredInsurerUzovi} may contract availability in region ${region.code}`,
            });
          }
          if (violations.length) throw new RuleViolationError(violations);
          const contract = Object.assign(new ContractEntity(), {
            id: newId(),
            regionCode: dto.regionCode,
            insurerUzovi: dto.insurerUzovi,
            function: dto.function,
            partyType: party.type,
            partyAgb: party.type === 'provider' ? (party.agb as string) : null,
            partyConsortiumId: party.type === 'consortium' ? (party.consortiumId as string) : null,
            validFrom: dto.validFrom,
            validTo: dto.validTo ?? null,
            fixedMonthlyCents: dto.fee?.fixedMonthlyCents ?? 0,
            perPositionHourCents: dto.fee?.perPositionHourCents ?? 0,
            perInhabitantMonthlyCents: dto.fee?.perInhabitantMonthlyCents ?? 0,
            slaMinCoverageHundredths: slaHundredths,
            slaDeductionPerUncoveredHourCents: dto.sla?.deductionPerUncoveredHourCents ?? null,
            slaAckMinutes: dto.sla?.ackMinutes ?? null,
            slotsThrough: null,
            terminatedAt: null,
            createdAt: this.clock.now(),
          });
          await m.insert(ContractEntity, contract);
          await this.audit.append(
            m,
            who,
            'create',
            'contract',
            contract.id,
            `${dto.function} in ${dto.regionCode} with ${party.type} ${party.agb ?? party.consortiumId} from ${dto.validFrom} to ${dto.validTo ?? 'open end'}`,
          );
          return contractView(contract);
        },
        [Locks.regionFunction(dto.regionCode, dto.function)],
      ),
    );
  }

  private async afterCommit<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    this.contractsChanged();
    return result;
  }

  /**
   * The contract about to be terminated on `lastDay`, inside the caller's transaction (which holds
   * the region-function lock and the contract's roster lock, exclusive): 409 when a final
   * statement covers days to be cut, 422 when lastDay lies outside the current period.
   */
  async terminationTarget(m: EntityManager, id: string, lastDay: string): Promise<ContractEntity> {
    const contract = await m.findOneBy(ContractEntity, { id });
    if (!contract) throw new NotFoundError(`contract ${id} not found`);
    const lastMonth = lastDay.slice(0, 7);
    // A closed month loses no day: its last day may be the last day, no earlier one.
    const blocked = (await this.months.closedFrom(m, id, lastMonth)).filter((month) => !(month === lastMonth && monthEnd(month) === lastDay));
    if (blocked.length) {
      throw new ConflictError(`the fee statement for ${blocked.join(', ')} is final; those days cannot be cut`, [closedMonthViolation(blocked[0])]);
    }
    if (!contractCovers(contract, lastDay)) {
      throw new RuleViolationError([
        {
          rule: 'last-day-outside-period',
          message: `lastDay ${lastDay} must lie within the current period ${contract.validFrom} – ${contract.validTo ?? 'open end'}`,
        },
      ]);
    }
    return contract;
  }

  /** Shortens the period to `lastDay` inside the caller's transaction (after `terminationTarget`). */
  async shortenInTransaction(m: EntityManager, who: Principal, contract: ContractEntity, lastDay: string, cancelledCount: number): Promise<ContractEntity> {
    const changes = {
      validTo: lastDay,
      terminatedAt: this.clock.now(),
      slotsThrough: contract.slotsThrough && contract.slotsThrough > lastDay ? lastDay : contract.slotsThrough,
    };
    await m.update(ContractEntity, { id: contract.id }, changes);
    await this.audit.append(m, who, 'terminate', 'contract', contract.id, `last day ${lastDay}; ${cancelledCount} assignments cancelled`);
    return Object.assign(contract, changes);
  }

  /** Slots of an open-ended contract exist through this date (written with the slots, in their transaction). */
  async markSlotsThrough(m: EntityManager, contractId: string, date: string): Promise<void> {
    await m.update(ContractEntity, { id: contractId }, { slotsThrough: date });
  }

  /** Contract writes of this instance clear the on-call cache at once (after their commit). */
  contractsChanged(): void {
    this.epochs.contractsChanged();
  }
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
