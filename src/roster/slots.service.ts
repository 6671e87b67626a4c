import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan, Repository } from 'typeorm';
import { type Principal, coordinates } from '../common/principal.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { daysBetween } from '../common/local-time.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { canReadContract } from '../contracts/contract-view.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SlotEntity } from './roster.entities.js';

export const MAX_RANGE_DAYS = 366;
/** Ids per `IN (...)` list: under both drivers' parameter limits. */
const CHUNK = 500;

/** `from`..`to` inclusive must be ordered and span at most 366 days. */
export function checkDateRange(from: string, to: string): void {
  if (to < from) throw new BadInputError('to must not be before from');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new BadInputError(`from..to spans more than ${MAX_RANGE_DAYS} days`);
}

@Injectable()
export class SlotsService {
  constructor(
    private readonly zones: RegionZones,
    @InjectRepository(SlotEntity) private readonly slots: Repository<SlotEntity>,
    private readonly dataSource: DataSource,
  ) {}

  private get contracts(): Repository<ContractEntity> {
    return this.dataSource.getRepository(ContractEntity);
  }

  /** A slot the caller may read (insurer of its contract, coordinator of its region, admin), else 404. */
  async findReadable(who: Principal, id: string): Promise<SlotEntity> {
    const slot = await this.slots.findOneBy({ id });
    if (!slot) throw new NotFoundError(`slot ${id} not found`);
    if (who.role === 'admin' || coordinates(who, slot.regionCode)) return slot;
    const contract = await this.contracts.findOneBy({ id: slot.contractId });
    if (who.role === 'insurer' && contract && canReadContract(who, contract)) return slot;
    throw new NotFoundError(`slot ${id} not found`);
  }

  /** Slots of a contract whose local date lies after `lastDay` (inside the caller's transaction). */
  slotsAfter(m: EntityManager, contractId: string, lastDay: string): Promise<SlotEntity[]> {
    return m.createQueryBuilder(SlotEntity, 's').where('s.contract_id = :id AND s.local_date > :d', { id: contractId, d: lastDay }).orderBy('s.start_ms', 'ASC').getMany();
  }

  /** Slots of a template that start after `nowMs` (inside the caller's transaction). */
  futureSlotsOf(m: EntityManager, templateId: string, nowMs: number): Promise<SlotEntity[]> {
    return m.find(SlotEntity, { where: { templateId, startMs: MoreThan(nowMs) }, order: { startMs: 'ASC' } });
  }

  /**
   * Deletes slots inside the caller's transaction. Their assignments must have been cancelled
   * first (through the assignments service): the assignment rows stay, as records.
   */
  async removeInTransaction(m: EntityManager, slotIds: string[]): Promise<void> {
    for (let i = 0; i < slotIds.length; i += CHUNK) await m.delete(SlotEntity, { id: In(slotIds.slice(i, i + CHUNK)) });
  }

  /** The slots of a region whose local date lies in from..to, by start (reads outside a transaction). */
  slotsOfRegion(q: { regionCode: string; from: string; to: string; function?: string; contractIds?: string[] }): Promise<SlotEntity[]> {
    const qb = this.slots
      .createQueryBuilder('s')
      .where('s.region_code = :r AND s.local_date >= :from AND s.local_date <= :to', { r: q.regionCode, from: q.from, to: q.to })
      .orderBy('s.start_ms', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (q.function) qb.andWhere('s.function = :f', { f: q.function });
    if (q.contractIds) qb.andWhere('s.contract_id IN (:...ids)', { ids: q.contractIds });
    return qb.getMany();
  }

  /** Keeps a slot's count of active assignments in step (the CHECK assigned_count <= required_nurses guards overfilling). */
  async adjustAssignedCount(m: EntityManager, slotId: string, delta: 1 | -1): Promise<void> {
    const pg = m.connection.options.type === 'postgres';
    await m.query(`UPDATE slots SET assigned_count = assigned_count ${delta > 0 ? '+' : '-'} 1 WHERE id = ${pg ? '$1' : '?'}`, [slotId]);
  }
}
