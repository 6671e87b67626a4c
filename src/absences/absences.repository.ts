import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { inChunks } from '../database/dialect.js';
import { AbsenceEntity } from './absence.entity.js';

/**
 * The absences table: the one place that reads and writes it. Every method takes the manager of
 * the caller's transaction (or the data source's manager outside one).
 */
@Injectable()
export class AbsencesRepository {
  /** The nurse's absences, by start. */
  ofNurse(m: EntityManager, nurseId: string): Promise<AbsenceEntity[]> {
    return m.find(AbsenceEntity, { where: { nurseId }, order: { fromDate: 'ASC', id: 'ASC' } });
  }

  /** The absences of many nurses, per nurse (every nurse asked for has an entry). */
  async ofNurses(m: EntityManager, nurseIds: string[]): Promise<Map<string, AbsenceEntity[]>> {
    const byNurse = new Map<string, AbsenceEntity[]>(nurseIds.map((id) => [id, []]));
    const rows = await inChunks(nurseIds, (chunk) => m.find(AbsenceEntity, { where: { nurseId: In(chunk) }, order: { fromDate: 'ASC' } }));
    for (const a of rows) byNurse.get(a.nurseId)?.push(a);
    return byNurse;
  }

  /** The nurse's first absence whose inclusive local dates intersect `from`..`to` (dates compare as text). */
  firstOverlapping(m: EntityManager, nurseId: string, from: string, to: string): Promise<AbsenceEntity | null> {
    return m.findOne(AbsenceEntity, {
      where: { nurseId, fromDate: LessThanOrEqual(to), toDate: MoreThanOrEqual(from) },
      order: { fromDate: 'ASC', id: 'ASC' },
    });
  }

  find(m: EntityManager, id: string): Promise<AbsenceEntity | null> {
    return m.findOneBy(AbsenceEntity, { id });
  }

  async insert(m: EntityManager, absence: AbsenceEntity): Promise<void> {
    await m.insert(AbsenceEntity, absence);
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.delete(AbsenceEntity, { id });
  }
}
