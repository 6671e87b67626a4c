import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual, MoreThanOrEqual, And, type FindOperator } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { NursesService } from '../nurses/nurses.service.js';
import { WishEntity } from './plan.entities.js';
import type { WishResponse } from './wish.response.js';

function wishView(w: WishEntity): WishResponse {
  return { id: w.id, nurseId: w.nurseId, date: w.localDate, kind: w.kind };
}

/**
 * A nurse's wishes: local dates she would rather not start a duty. Soft — assignments by hand
 * ignore them, plans avoid them where they can — and without a reason, which is nobody's business.
 */
@Injectable()
export class WishesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly nurses: NursesService,
  ) {}

  /** The caller's own nurse record (a nurse user), else 404. */
  ownNurseId(who: Principal): string {
    if (who.role !== 'nurse' || !who.nurseId) throw new NotFoundError('you are not a nurse');
    return who.nurseId;
  }

  async create(who: Principal, nurseId: string, date: string) {
    await this.nurses.findInScope(who, nurseId);
    const wish = Object.assign(new WishEntity(), { id: newId(), nurseId, localDate: date, kind: 'rather-not' as const, createdAt: this.clock.now() });
    // A second wish for the date is a unique violation: 409.
    await this.tx.run(async (m) => {
      await m.insert(WishEntity, wish);
      await this.audit.append(m, who, 'create', 'wish', wish.id, `wish of nurse ${nurseId}`);
    });
    return wishView(wish);
  }

  async list(who: Principal, nurseId: string, from?: string, to?: string) {
    await this.nurses.findInScope(who, nurseId);
    if (from && to && to < from) throw new BadInputError('to must not be before from');
    const bounds: FindOperator<string>[] = [];
    if (from) bounds.push(MoreThanOrEqual(from));
    if (to) bounds.push(LessThanOrEqual(to));
    const where = bounds.length ? { nurseId, localDate: bounds.length === 1 ? bounds[0] : And(...bounds) } : { nurseId };
    const rows = await this.dataSource.manager.find(WishEntity, { where, order: { localDate: 'ASC' } });
    return rows.map(wishView);
  }

  async remove(who: Principal, id: string): Promise<void> {
    const wish = await this.dataSource.manager.findOneBy(WishEntity, { id });
    if (!wish || !(await this.nurses.isVisibleTo(who, wish.nurseId)) || who.role === 'insurer') throw new NotFoundError(`wish ${id} not found`);
    await this.tx.run(async (m) => {
      const deleted = await m.delete(WishEntity, { id });
      if (!deleted.affected) throw new NotFoundError(`wish ${id} not found`);
      await this.audit.append(m, who, 'delete', 'wish', id, `wish of nurse ${wish.nurseId} withdrawn`);
    });
  }
}
