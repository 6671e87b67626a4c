import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, MoreThanOrEqual, Repository } from 'typeorm';
import { type Principal, coordinates } from '../common/principal.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { inChunks } from '../database/dialect.js';
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

/** The columns every slot of one template shares, given once per statement. */
const SHARED_COLUMNS = ['contract_id', 'template_id', 'region_code', 'function', 'duty_type', 'required_nurses', 'required_qualifications', 'assigned_count'];
/** The columns of each slot's own. */
const OWN_COLUMNS = ['id', 'local_date', 'start_ms', 'end_ms', 'duration_minutes', 'is_holiday'];
/** PostgreSQL types of the shared and own columns, for the casts of their parameters. */
const PG_SHARED_TYPES = ['text', 'text', 'text', 'text', 'text', 'integer', 'text', 'integer'];
const PG_OWN_TYPES = ['text', 'text', 'bigint', 'bigint', 'integer', 'boolean'];
/** SQLite: rows per statement, 6 parameters each (30,000, under its limit of 32,766). */
const SQLITE_ROWS_PER_STATEMENT = 5_000;
/** PostgreSQL: rows per statement, each column one array parameter. */
const PG_ROWS_PER_STATEMENT = 20_000;

/**
 * Inserts slot rows in few statements (a national year is ~150,000 rows; the ORM's per-entity
 * insert path costs several times more than the database work). What the slots of one template
 * share (contract, template, region, function, duty type, required nurses and qualifications,
 * count) is a parameter once per statement, not once per row: the driver converts a third of
 * the values, which is most of the main thread's work here. SQLite: `INSERT … SELECT` over a
 * `VALUES` list of the six own columns; PostgreSQL: over `unnest` of one array per own column.
 */
export async function insertSlots(manager: EntityManager, slots: SlotEntity[]): Promise<void> {
  const pg = manager.connection.options.type === 'postgres';
  const groups = new Map<string, SlotEntity[]>();
  for (const s of slots) {
    const key = JSON.stringify(sharedValues(s));
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const size = pg ? PG_ROWS_PER_STATEMENT : SQLITE_ROWS_PER_STATEMENT;
  for (const group of groups.values()) {
    const shared = sharedValues(group[0]);
    for (let i = 0; i < group.length; i += size) {
      const chunk = group.slice(i, i + size);
      if (pg) await insertPostgres(manager, shared, chunk);
      else await insertSqlite(manager, shared, chunk);
    }
  }
}

function sharedValues(s: SlotEntity): unknown[] {
  return [s.contractId, s.templateId, s.regionCode, s.function, s.dutyType, s.requiredNurses, JSON.stringify(s.requiredQualifications), s.assignedCount];
}

function insertSqlite(manager: EntityManager, shared: unknown[], chunk: SlotEntity[]): Promise<unknown> {
  // `?` markers are numbered in the order they appear: the shared ones in the select list first,
  // then the rows. A VALUES list names its columns column1, column2, … in order.
  const params: unknown[] = [...shared];
  for (const s of chunk) params.push(s.id, s.localDate, s.startMs, s.endMs, s.durationMinutes, s.isHoliday ? 1 : 0);
  const row = `(${OWN_COLUMNS.map(() => '?').join(',')})`;
  return manager.query(
    `INSERT INTO slots (${[...OWN_COLUMNS, ...SHARED_COLUMNS].join(',')})
     SELECT ${[...OWN_COLUMNS.map((_, i) => `column${i + 1}`), ...SHARED_COLUMNS.map(() => '?')].join(',')}
     FROM (VALUES ${Array(chunk.length).fill(row).join(',')})`,
    params,
  );
}

function insertPostgres(manager: EntityManager, shared: unknown[], chunk: SlotEntity[]): Promise<unknown> {
  const sharedMarks = SHARED_COLUMNS.map((_, i) => `$${i + 1}::${PG_SHARED_TYPES[i]}`);
  const arrays = OWN_COLUMNS.map((_, i) => `$${SHARED_COLUMNS.length + i + 1}::${PG_OWN_TYPES[i]}[]`);
  const columns: unknown[][] = OWN_COLUMNS.map(() => []);
  for (const s of chunk) [s.id, s.localDate, s.startMs, s.endMs, s.durationMinutes, s.isHoliday].forEach((v, i) => columns[i].push(v));
  return manager.query(
    `INSERT INTO slots (${[...OWN_COLUMNS, ...SHARED_COLUMNS].join(',')})
     SELECT ${[...OWN_COLUMNS.map((c) => `u.${c}`), ...sharedMarks].join(',')}
     FROM unnest(${arrays.join(',')}) AS u(${OWN_COLUMNS.join(',')})`,
    [...shared, ...columns],
  );
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
