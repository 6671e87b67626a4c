import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { type Principal, coordinates } from '../common/principal.js';
import { BadInputError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { daysBetween } from '../common/local-time.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { canReadContract } from '../contracts/contract-view.js';
import { NurseEntity } from '../reference/reference.entities.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { ListSlotsQuery } from './dto/list-slots.query.js';
import { AssignmentEntity, SlotEntity } from './roster.entities.js';
import { SlotAssignmentRef, slotView } from './slot-view.js';

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
    @InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>,
    @InjectRepository(NurseEntity) private readonly nurses: Repository<NurseEntity>,
    @InjectRepository(ContractEntity) private readonly contracts: Repository<ContractEntity>,
  ) {}

  /** Active assignments with nurse names, per slot id. */
  async assignmentsBySlot(slotIds: string[]): Promise<Map<string, SlotAssignmentRef[]>> {
    const bySlot = new Map<string, SlotAssignmentRef[]>();
    const rows: AssignmentEntity[] = [];
    for (let i = 0; i < slotIds.length; i += 500) {
      rows.push(...(await this.assignments.find({ where: { slotId: In(slotIds.slice(i, i + 500)), status: 'active' }, order: { createdAt: 'ASC' } })));
    }
    const nurseIds = [...new Set(rows.map((a) => a.nurseId))];
    const names = new Map<string, string>();
    for (let i = 0; i < nurseIds.length; i += 500) {
      for (const n of await this.nurses.find({ where: { id: In(nurseIds.slice(i, i + 500)) }, select: { id: true, name: true } })) names.set(n.id, n.name);
    }
    for (const a of rows) {
      const list = bySlot.get(a.slotId) ?? [];
      list.push({ id: a.id, nurseId: a.nurseId, nurseName: names.get(a.nurseId) ?? '' });
      bySlot.set(a.slotId, list);
    }
    return bySlot;
  }

  async list(who: Principal, q: ListSlotsQuery) {
    checkDateRange(q.from, q.to);
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) {
      throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    }
    const zone = await this.zones.zoneOf(q.regionCode);
    const qb = this.slots
      .createQueryBuilder('s')
      .where('s.region_code = :r AND s.local_date >= :from AND s.local_date <= :to', { r: q.regionCode, from: q.from, to: q.to })
      .orderBy('s.start_ms', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (q.function) qb.andWhere('s.function = :f', { f: q.function });
    if (who.role === 'insurer') {
      const own = await this.contracts.find({ where: { regionCode: q.regionCode, insurerUzovi: who.insurerUzovi ?? '' }, select: { id: true } });
      if (own.length === 0) return [];
      qb.andWhere('s.contract_id IN (:...ids)', { ids: own.map((c) => c.id) });
    }
    const rows = await qb.getMany();
    const bySlot = await this.assignmentsBySlot(rows.map((s) => s.id));
    return rows.map((s) => slotView(s, zone, bySlot.get(s.id) ?? []));
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

  async get(who: Principal, id: string) {
    const slot = await this.findReadable(who, id);
    const zone = await this.zones.zoneOf(slot.regionCode);
    return slotView(slot, zone, (await this.assignmentsBySlot([id])).get(id) ?? []);
  }
}
