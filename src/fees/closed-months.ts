import { EntityManager } from 'typeorm';
import { FeeStatementEntity } from './fee-statement.entity.js';

/** Months (YYYY-MM) of a contract whose fee statement is final: that roster month is closed. */
export async function closedMonthsOf(manager: EntityManager, contractId: string): Promise<Set<string>> {
  const finals = await manager.find(FeeStatementEntity, { where: { contractId, status: 'final' }, select: { month: true } });
  return new Set(finals.map((s) => s.month));
}

export const CLOSED_MONTH_RULE = 'closed-month';
