import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan, Repository } from 'typeorm';
import { type Principal, coordinates } from '../common/principal.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { inChunks, parameterMarker } from '../database/dialect.js';
import { daysBetween } from '../common/local-time.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { canReadContract } from '../contracts/contract-view.js';
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
   * Sets the slots' counts of active assignments from the assignments themselves (after a batch of
   * cancellations), one statement per chunk.
   */
  async recountAssigned(m: EntityManager, slotIds: readonly string[]): Promise<void> {
    await inChunks(slotIds, async (chunk) => {
      const marker = parameterMarker(m);
      await m.query(
        `UPDATE slots SET assigned_count = (SELECT COUNT(*) FROM assignments a WHERE a.slot_id = slots.id AND a.status = 'active') WHERE id IN (${chunk.map((_, i) => marker(i + 1)).join(',')})`,
        chunk,
      );
      return [];
    });
  }

  /** Keeps a slot's count of active assignments in step (the CHECK assigned_count <= required_nurses guards overfilling). */
  async adjustAssignedCount(m: EntityManager, slotId: string, delta: 1 | -1): Promise<void> {
    const pg = m.connection.options.type === 'postgres';
    await m.query(`UPDATE slots SET assigned_count = assigned_count ${delta > 0 ? '+' : '-'} 1 WHERE id = ${pg ? '$1' : '?'}`, [slotId]);
  }
}
