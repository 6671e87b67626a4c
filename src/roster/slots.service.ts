import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, MoreThanOrEqual, Repository } from 'typeorm';
import { type Principal, coordinates } from '../common/principal.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { inChunks, parameterMarker } from '../common/database.js';
import { daysBetween, monthBounds } from '../common/local-time.js';
import { canReadContract } from '../contracts/contract-view.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SlotEntity } from './roster.entities.js';

export const MAX_RANGE_DAYS = 366;

/** `from`..`to` inclusive must be ordered and span at most 366 days. */
export function checkDateRange(from: string, to: string): void {
  if (to < from) throw new BadInputError('to must not be before from');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new BadInputError(`from..to spans more than ${MAX_RANGE_DAYS} days`);
}

const SLOT_COLUMNS = [
  'id',
  'contract_id',
  'template_id',
  'region_code',
  'function',
  'local_date',
  'start_ms',
  'end_ms',
  'duration_minutes',
  'duty_type',
  'is_holiday',
  'required_nurses',
  'required_qualifications',
  'assigned_count',
];
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts slot rows with multi-row INSERT statements (500 rows, 7,000 parameters: under both
 * drivers' limits). A national year is ~150,000 rows; the ORM's per-entity insert path costs
 * several times more than the database work.
 */
export async function insertSlots(manager: EntityManager, slots: SlotEntity[]): Promise<void> {
  const pg = manager.connection.options.type === 'postgres';
  const marker = parameterMarker(manager);
  for (let i = 0; i < slots.length; i += ROWS_PER_STATEMENT) {
    const chunk = slots.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const rows = chunk.map((s) => {
      const values = [
        s.id,
        s.contractId,
        s.templateId,
        s.regionCode,
        s.function,
        s.localDate,
        s.startMs,
        s.endMs,
        s.durationMinutes,
        s.dutyType,
        pg ? s.isHoliday : s.isHoliday ? 1 : 0,
        s.requiredNurses,
        JSON.stringify(s.requiredQualifications),
        s.assignedCount,
      ];
      const marks = values.map((v) => {
        params.push(v);
        return marker(params.length);
      });
      return `(${marks.join(',')})`;
    });
    await manager.query(`INSERT INTO slots (${SLOT_COLUMNS.join(',')}) VALUES ${rows.join(',')}`, params);
  }
}

/** The slots of a contract whose local date lies in the month, reduced to what position-minutes need, by start. */
export async function staffedSlotsOf(m: EntityManager, contractId: string, month: string) {
  const { first, last } = monthBounds(month);
  return m
    .createQueryBuilder(SlotEntity, 's')
    .select(['s.id', 's.durationMinutes', 's.requiredNurses', 's.assignedCount', 's.startMs', 's.endMs'])
    .where('s.contract_id = :c AND s.local_date >= :first AND s.local_date <= :last', { c: contractId, first, last })
    .orderBy('s.start_ms', 'ASC')
    .getMany();
}

export type StaffedSlot = Awaited<ReturnType<typeof staffedSlotsOf>>[number];

@Injectable()
export class SlotsService {
  constructor(
    private readonly zones: RegionZones,
    @InjectRepository(SlotEntity) private readonly slots: Repository<SlotEntity>,
    private readonly contracts: ContractsService,
  ) {}

  // The reads of the modules above: they read slots only through here. Inside a transaction, pass
  // its manager.

  /** A slot by id, or null. */
  byId(id: string, m: EntityManager = this.slots.manager): Promise<SlotEntity | null> {
    return m.findOneBy(SlotEntity, { id });
  }

  /** The slots of the ids that still exist. */
  byIds(ids: readonly string[], m: EntityManager = this.slots.manager): Promise<SlotEntity[]> {
    return inChunks(ids, (chunk) => m.findBy(SlotEntity, { id: In(chunk) }));
  }

  /** Slots that start in [fromMs, toMs) and miss nurses (open or partial), by start. */
  shortStartingBetween(m: EntityManager, fromMs: number, toMs: number): Promise<SlotEntity[]> {
    return m
      .createQueryBuilder(SlotEntity, 's')
      .where('s.start_ms >= :fromMs AND s.start_ms < :toMs AND s.assigned_count < s.required_nurses', { fromMs, toMs })
      .orderBy('s.start_ms', 'ASC')
      .getMany();
  }

  /** A slot the caller may read (insurer of its contract, coordinator of its region, admin), else 404. */
  async findReadable(who: Principal, id: string): Promise<SlotEntity> {
    const slot = await this.slots.findOneBy({ id });
    if (!slot) throw new NotFoundError(`slot ${id} not found`);
    if (who.role === 'admin' || coordinates(who, slot.regionCode)) return slot;
    const contract = await this.contracts.byId(slot.contractId);
    if (who.role === 'insurer' && contract && canReadContract(who, contract)) return slot;
    throw new NotFoundError(`slot ${id} not found`);
  }

  /** Slots of a contract whose local date lies after `lastDay` (inside the caller's transaction). */
  slotsAfter(m: EntityManager, contractId: string, lastDay: string): Promise<SlotEntity[]> {
    return m
      .createQueryBuilder(SlotEntity, 's')
      .where('s.contract_id = :id AND s.local_date > :d', { id: contractId, d: lastDay })
      .orderBy('s.start_ms', 'ASC')
      .getMany();
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
    await inChunks(slotIds, async (chunk) => [await m.delete(SlotEntity, { id: In(chunk) })]);
  }

  /** The slots of the contracts whose local date is `from` or later, by start (inside the caller's transaction). */
  ofContractsFrom(contractIds: readonly string[], from: string, m: EntityManager = this.slots.manager): Promise<SlotEntity[]> {
    return inChunks(contractIds, (chunk) =>
      m.find(SlotEntity, { where: { contractId: In(chunk), localDate: MoreThanOrEqual(from) }, order: { startMs: 'ASC', id: 'ASC' } }),
    );
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

  /**
   * Sets the slots' counts of active assignments, as the assignments service counted them (after
   * a batch of cancellations or a plan's inserts): one statement per count and chunk, and a slot
   * has only a few possible counts.
   */
  async setAssignedCounts(m: EntityManager, counts: ReadonlyMap<string, number>): Promise<void> {
    const slotsByCount = new Map<number, string[]>();
    for (const [slotId, count] of counts) slotsByCount.set(count, [...(slotsByCount.get(count) ?? []), slotId]);
    for (const [count, slotIds] of slotsByCount) {
      await inChunks(slotIds, async (chunk) => [await m.update(SlotEntity, { id: In(chunk) }, { assignedCount: count })]);
    }
  }

  /** Keeps a slot's count of active assignments in step (the CHECK assigned_count <= required_nurses guards overfilling). */
  async adjustAssignedCount(m: EntityManager, slotId: string, delta: 1 | -1): Promise<void> {
    const pg = m.connection.options.type === 'postgres';
    await m.query(`UPDATE slots SET assigned_count = assigned_count ${delta > 0 ? '+' : '-'} 1 WHERE id = ${pg ? '$1' : '?'}`, [slotId]);
  }
}
