import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan, MoreThan, Not } from 'typeorm';
import { inChunks } from '../database/dialect.js';
import type { AbsenceFacts } from './verdict.js';
import { monthBounds } from '../common/local-time.js';
import { AssignmentEntity } from './assignment.entity.js';

/**
 * The assignments table: the named queries the features need, each taking the manager of the
 * caller's transaction (or the data source's manager outside one), chunked where lists are long.
 */
@Injectable()
export class AssignmentsRepository {
  /** Active assignments on the slots, by start. */
  /** An assignment by id (in any state), or null. */
  byId(m: EntityManager, id: string): Promise<AssignmentEntity | null> {
    return m.findOneBy(AssignmentEntity, { id });
  }

  async activeOnSlots(m: EntityManager, slotIds: readonly string[]): Promise<AssignmentEntity[]> {
    const rows = await inChunks(slotIds, (chunk) => m.find(AssignmentEntity, { where: { slotId: In(chunk), status: 'active' }, order: { createdAt: 'ASC' } }));
    return rows.sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
  }

  /** How many active assignments each slot has (every slot has an entry, 0 where none). */
  async activeCountsOnSlots(m: EntityManager, slotIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(slotIds.map((id) => [id, 0]));
    const rows = await inChunks(slotIds, (chunk) =>
      m
        .createQueryBuilder(AssignmentEntity, 'a')
        .select('a.slot_id', 'slotId')
        .addSelect('COUNT(*)', 'n')
        .where("a.slot_id IN (:...chunk) AND a.status = 'active'", { chunk })
        .groupBy('a.slot_id')
        .getRawMany<{ slotId: string; n: string | number }>(),
    );
    for (const r of rows) counts.set(r.slotId, Number(r.n));
    return counts;
  }

  /** Marks the assignments cancelled (the rows stay, as records; `sequence` moves on for the calendar feeds). */
  async cancel(m: EntityManager, ids: readonly string[], reason: string, at: number): Promise<void> {
    await inChunks(ids, async (chunk) => [
      await m
        .createQueryBuilder()
        .update(AssignmentEntity)
        .set({ status: 'cancelled', sequence: () => 'sequence + 1', updatedAt: at, cancelReason: reason })
        .where('id IN (:...chunk)', { chunk })
        .execute(),
    ]);
  }

  /** Active assignments of the nurses that overlap [fromMs, toMs), by start. */
  activeOfNursesBetween(m: EntityManager, nurseIds: readonly string[], fromMs: number, toMs: number): Promise<AssignmentEntity[]> {
    return inChunks(nurseIds, (chunk) =>
      m.find(AssignmentEntity, {
        where: { nurseId: In(chunk), status: 'active', startMs: LessThan(toMs), endMs: MoreThan(fromMs) },
        order: { startMs: 'ASC' },
      }),
    );
  }

  /** The nurse's active assignments whose local date lies in from..to, by start. */
  activeOfNurseOnDates(m: EntityManager, nurseId: string, from: string, to: string, regionCodes?: readonly string[]): Promise<AssignmentEntity[]> {
    const qb = m
      .createQueryBuilder(AssignmentEntity, 'a')
      .where("a.nurse_id = :n AND a.status = 'active' AND a.local_date >= :from AND a.local_date <= :to", { n: nurseId, from, to })
      .orderBy('a.start_ms', 'ASC');
    if (regionCodes) qb.andWhere('a.region_code IN (:...regions)', { regions: regionCodes.length ? regionCodes : [''] });
    return qb.getMany();
  }

  /** The nurse's active assignments that end after `afterMs`, by start (a calendar feed). */
  activeOfNurseEndingAfter(m: EntityManager, nurseId: string, afterMs: number): Promise<AssignmentEntity[]> {
    return m.find(AssignmentEntity, { where: { nurseId, status: 'active', endMs: MoreThan(afterMs) }, order: { startMs: 'ASC' } });
  }

  /** Which other nurses are on each of the slots (active assignments of anyone but `nurseId`). */
  othersOnSlots(m: EntityManager, slotIds: readonly string[], nurseId: string): Promise<Array<Pick<AssignmentEntity, 'slotId' | 'nurseId'>>> {
    return inChunks([...new Set(slotIds)], (chunk) =>
      m.find(AssignmentEntity, { where: { slotId: In(chunk), status: 'active', nurseId: Not(nurseId) }, select: { slotId: true, nurseId: true } }),
    );
  }

  /** Minutes of each nurse's active assignments whose local date lies in the month (every nurse has an entry). */
  async minutesInMonth(m: EntityManager, nurseIds: readonly string[], month: string): Promise<Map<string, number>> {
    const { first, last } = monthBounds(month);
    const minutes = new Map<string, number>(nurseIds.map((id) => [id, 0]));
    const rows = await inChunks(nurseIds, (chunk) =>
      m
        .createQueryBuilder(AssignmentEntity, 'a')
        .select('a.nurse_id', 'nurseId')
        .addSelect('SUM(a.end_ms - a.start_ms)', 'ms')
        .where("a.nurse_id IN (:...chunk) AND a.status = 'active' AND a.local_date >= :first AND a.local_date <= :last", { chunk, first, last })
        .groupBy('a.nurse_id')
        .getRawMany<{ nurseId: string; ms: string | number }>(),
    );
    for (const r of rows) minutes.set(r.nurseId, Math.round(Number(r.ms) / 60_000));
    return minutes;
  }

  /**
   * Read model: the nurses' absences as the verdict needs them (dates and code), per nurse, every
   * nurse asked for with an entry. The absences table belongs to absences/, which records them and
   * sits above this module; the checks read it here, read-only, by a named query.
   */
  async absencesOf(m: EntityManager, nurseIds: readonly string[]): Promise<Map<string, Array<AbsenceFacts & { id: string }>>> {
    const byNurse = new Map<string, Array<AbsenceFacts & { id: string }>>(nurseIds.map((id) => [id, []]));
    const rows = await inChunks([...new Set(nurseIds)], (chunk) =>
      m
        .createQueryBuilder()
        .select(['x.id AS "id"', 'x.nurse_id AS "nurseId"', 'x.from_date AS "fromDate"', 'x.to_date AS "toDate"', 'x.reason AS "reason"'])
        .from('absences', 'x')
        .where('x.nurse_id IN (:...chunk)', { chunk })
        .orderBy('x.from_date', 'ASC')
        .addOrderBy('x.id', 'ASC')
        .getRawMany<{ id: string; nurseId: string; fromDate: string; toDate: string; reason: string }>(),
    );
    for (const r of rows) byNurse.get(r.nurseId)?.push({ id: r.id, fromDate: r.fromDate, toDate: r.toDate, reason: r.reason });
    return byNurse;
  }
}
