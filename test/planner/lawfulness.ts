import { judgeAssignment } from '../../src/assignments/verdict.js';
import { daysBetween } from '../../src/common/local-time.js';
import type { PlannerInput, PlannerNurse, PlannerPosition } from '../../src/roster-plans/planner/planner.js';
import { NurseTimeline } from '../../src/working-time/timeline.js';
import type { Duty } from '../../src/working-time/working-time-rules.js';
import { seeded } from './instances.js';
import { contractCapMinutes, durationMinutes, sundayRestBreaches, weeklyRestBreaches } from './law.js';

/**
 * Checks of a plan against the project's own judgement, independent of the MILP: the proposals
 * applied one by one through `NurseTimeline` and `judgeAssignment` (what POST
 * /api/slots/:id/assignments does), in the orders asked for, and the plan-level limits of api.md
 * (contract hours, weekly rest, Sunday rest) as `law.ts` reads them.
 */

export interface Proposal {
  slotId: string;
  nurseId: string;
}

export type PlanInput = PlannerInput & { overtimePct?: number };

const dutyOf = (p: PlannerPosition): Duty => ({ startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone });

/** The first proposal refused when the plan is applied in `order` (indices into `plan`), or null. */
export function applyInOrder(input: PlanInput, plan: readonly Proposal[], order: readonly number[]): { proposal: Proposal; rules: string[] } | null {
  const positions = new Map(input.positions.map((p) => [p.slotId, p]));
  const nurses = new Map(input.nurses.map((n) => [n.id, n]));
  const timelines = new Map(input.nurses.map((n) => [n.id, new NurseTimeline(n.duties)]));
  const assigned = new Map<string, number>();
  for (const k of order) {
    const proposal = plan[k];
    const p = positions.get(proposal.slotId);
    const n = nurses.get(proposal.nurseId);
    if (!p || !n) return { proposal, rules: ['unknown-reference'] };
    const v = judgeAssignment({
      slot: { ...p, requiredNurses: p.open, assignedCount: assigned.get(p.slotId) ?? 0 },
      nurse: n,
      employerAgbs: p.employerAgbs,
      closedMonths: p.closedMonths ?? new Set(),
      absences: n.absences,
      timeline: timelines.get(n.id) as NurseTimeline,
    });
    const rules = [...v.conflicts, ...v.violations].map((x) => x.rule);
    if (rules.length) return { proposal, rules };
    if (n.contractMinutesPerWeek === 0) return { proposal, rules: ['contract-hours'] };
    (timelines.get(n.id) as NurseTimeline).add(dutyOf(p));
    assigned.set(p.slotId, (assigned.get(p.slotId) ?? 0) + 1);
  }
  return null;
}

/** Orders to apply a plan of `count` proposals in: as given, by start, the reverse, and seeded shuffles. */
export function ordersOf(input: PlanInput, plan: readonly Proposal[], shuffles: number, seed = 1): number[][] {
  const start = new Map(input.positions.map((p) => [p.slotId, p.startMs]));
  const given = plan.map((_, i) => i);
  const byStart = [...given].sort((a, b) => (start.get(plan[a].slotId) ?? 0) - (start.get(plan[b].slotId) ?? 0) || a - b);
  const orders = [given, byStart, [...byStart].reverse()];
  const rand = seeded(seed);
  for (let s = 0; s < shuffles; s++) {
    const order = [...given];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    orders.push(order);
  }
  return orders;
}

/** The plan-level limits a plan breaks, per nurse: contract hours, weekly rest, Sunday rest. */
export function planLimitsBroken(input: PlanInput, plan: readonly Proposal[]): { nurseId: string; rule: 'contract-hours' | 'weekly-rest' | 'sunday-rest' }[] {
  const positions = new Map(input.positions.map((p) => [p.slotId, p]));
  const days = daysBetween(input.from, input.to) + 1;
  const zone = input.positions[0]?.zone ?? 'Europe/Amsterdam';
  const broken: { nurseId: string; rule: 'contract-hours' | 'weekly-rest' | 'sunday-rest' }[] = [];
  for (const n of input.nurses) {
    const proposed = plan.filter((p) => p.nurseId === n.id).map((p) => dutyOf(positions.get(p.slotId) as PlannerPosition));
    if (proposed.length === 0) continue;
    const shiftMinutes = (duties: readonly Duty[]) => duties.filter((d) => d.dutyType === 'shift').reduce((sum, d) => sum + durationMinutes(d), 0);
    const before = shiftMinutes(n.duties.filter((d) => d.localDate >= input.from && d.localDate <= input.to));
    const added = shiftMinutes(proposed);
    if (added > 0 && before + added > contractCapMinutes(n.contractMinutesPerWeek, days, input.overtimePct ?? 0))
      broken.push({ nurseId: n.id, rule: 'contract-hours' });
    if (weeklyRestBreaches(n.duties, proposed, zone).length) broken.push({ nurseId: n.id, rule: 'weekly-rest' });
    if (sundayRestBreaches(n.duties, proposed).length) broken.push({ nurseId: n.id, rule: 'sunday-rest' });
  }
  return broken;
}

/**
 * Whether one nurse may take these positions in any order, exhaustively: every member added last to
 * every subset of the others passes the judgement (api.md's "applying the proposals one by one in
 * any order succeeds"). 2^k judgements: for small sets only.
 */
export function lawfulInEveryOrder(nurse: PlannerNurse, positions: readonly PlannerPosition[]): boolean {
  const k = positions.length;
  if (k > 14) throw new Error('too many positions to try every order');
  const duties = positions.map(dutyOf);
  for (let mask = 1; mask < 1 << k; mask++) {
    for (let c = 0; c < k; c++) {
      if (!(mask & (1 << c))) continue;
      const others = duties.filter((_, i) => i !== c && mask & (1 << i));
      const p = positions[c];
      const v = judgeAssignment({
        slot: { ...p, requiredNurses: 1, assignedCount: 0 },
        nurse,
        employerAgbs: p.employerAgbs,
        closedMonths: p.closedMonths ?? new Set(),
        absences: nurse.absences,
        timeline: new NurseTimeline([...nurse.duties, ...others]),
      });
      if (v.conflicts.length || v.violations.length) return false;
    }
  }
  return true;
}
