import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThanOrEqual } from 'typeorm';
import { closedMonthConflict } from './closed-month.js';
import { ClosedMonthEntity } from './closed-month.entity.js';

/**
 * Which roster months are closed. Fees close a month when its statement becomes final; every
 * roster change below asks here, so no feature needs to know about fee statements. Every method
 * takes the manager of the caller's transaction (which holds the contract month's lock).
 */
@Injectable()
export class MonthsService {
  /** Months (YYYY-MM) of the contract that are closed. */
  async closedMonthsOf(m: EntityManager, contractId: string): Promise<Set<string>> {
    const rows = await m.find(ClosedMonthEntity, { where: { contractId }, select: { month: true } });
    return new Set(rows.map((r) => r.month));
  }

  /** Closed months of the contract from `month` (YYYY-MM) on, in order. */
  async closedFrom(m: EntityManager, contractId: string, month: string): Promise<string[]> {
    const rows = await m.find(ClosedMonthEntity, { where: { contractId, month: MoreThanOrEqual(month) }, order: { month: 'ASC' } });
    return rows.map((r) => r.month);
  }

  /** 409 when any of the dated things (an assignment, a slot) lies in a closed month of its contract. */
  async refuseClosed(m: EntityManager, items: Array<{ contractId: string; localDate: string }>): Promise<void> {
    const byContract = new Map<string, Set<string>>();
    for (const item of items) {
      let closed = byContract.get(item.contractId);
      if (!closed) byContract.set(item.contractId, (closed = await this.closedMonthsOf(m, item.contractId)));
      const month = item.localDate.slice(0, 7);
      if (closed.has(month)) throw closedMonthConflict(month);
    }
  }

  /** Closes the month (the fee statement became final). */
  async close(m: EntityManager, contractId: string, month: string, at: number): Promise<void> {
    await m.insert(ClosedMonthEntity, { contractId, month, closedAt: at });
  }
}
