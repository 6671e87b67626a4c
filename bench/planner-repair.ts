import { addDays } from '../src/common/local-time.js';
import { planRoster, type MovableAssignment, type PlannerInput } from '../src/roster-plans/planner/planner.js';
import { regionMonth } from '../src/roster-plans/planner/instances.js';
import type { Duty } from '../src/working-time/working-time-rules.js';

/**
 * A repair plan after one nurse reports sick for a week, in a planned region month: the month is
 * planned first and its proposals become the nurses' assignments; then the most loaded nurse is
 * absent for seven days from the 10th, her assignments there are cancelled (open again), and a
 * repair plan for those days may hand any assignment of that week to another nurse. Returns the
 * repair plan's time and what it did.
 */
export function sickWeekRepair(seed: number): { ms: number; open: number; filled: number; changed: number } {
  const month = regionMonth(seed, `SICK${seed}`);
  const plan = planRoster(month);
  const bySlot = new Map(month.positions.map((p) => [p.slotId, p]));
  const duties = new Map<string, Duty[]>(month.nurses.map((n) => [n.id, [...n.duties]]));
  const assignments: Array<{ id: string; slotId: string; nurseId: string }> = [];
  plan.proposals.forEach((p, i) => {
    const pos = bySlot.get(p.slotId)!;
    const id = `a${i}`;
    assignments.push({ id, slotId: p.slotId, nurseId: p.nurseId });
    duties.get(p.nurseId)!.push({
      id,
      startMs: pos.startMs,
      endMs: pos.endMs,
      dutyType: pos.dutyType,
      localDate: pos.localDate,
      zone: pos.zone,
      slotId: p.slotId,
      nurseId: p.nurseId,
    });
  });
  const counts = new Map<string, number>();
  for (const a of assignments) counts.set(a.nurseId, (counts.get(a.nurseId) ?? 0) + 1);
  const sick = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const from = addDays(month.from, 9);
  const to = addDays(from, 6);
  const inWeek = (slotId: string) => {
    const d = bySlot.get(slotId)!.localDate;
    return d >= from && d <= to;
  };
  const cancelled = new Set(assignments.filter((a) => a.nurseId === sick && inWeek(a.slotId)).map((a) => a.id));
  const kept = assignments.filter((a) => !cancelled.has(a.id));
  const assignedOn = new Map<string, number>();
  for (const a of kept) assignedOn.set(a.slotId, (assignedOn.get(a.slotId) ?? 0) + 1);
  const positions = month.positions
    .filter((p) => p.localDate >= from && p.localDate <= to)
    .map((p) => ({ ...p, open: Math.max(0, p.open - (assignedOn.get(p.slotId) ?? 0)) }));
  const movable: MovableAssignment[] = kept.filter((a) => inWeek(a.slotId)).map((a) => ({ assignmentId: a.id, slotId: a.slotId, nurseId: a.nurseId }));
  const input: PlannerInput = {
    from,
    to,
    repair: true,
    movable,
    positions,
    nurses: month.nurses.map((n) => ({
      ...n,
      duties: duties.get(n.id)!.filter((d) => !(d.id !== undefined && cancelled.has(d.id))),
      absences: n.id === sick ? [...n.absences, { fromDate: from, toDate: to, reason: 'sick' }] : n.absences,
    })),
  };
  const t0 = performance.now();
  const repair = planRoster(input);
  const ms = performance.now() - t0;
  return { ms, open: repair.openPositions, filled: repair.proposals.filter((p) => !p.replacesAssignmentId).length, changed: repair.changedAssignments };
}
