import highs from 'highs';
import { judgeAssignment } from '../src/assignments/verdict.js';
import { daysBetween } from '../src/common/local-time.js';
import { withinContractHours } from '../src/roster-plans/planner/objective.js';
import { smallInstance } from '../src/roster-plans/planner/instances.js';
import {
  DEFAULT_CONTRACT_MINUTES_PER_WEEK,
  planRoster,
  type PlannerInput,
  type PlannerNurse,
  type PlannerPosition,
} from '../src/roster-plans/planner/planner.js';
import { NurseTimeline } from '../src/working-time/timeline.js';
import type { Duty } from '../src/working-time/working-time-rules.js';

/**
 * The planner against an exact optimum, shared by the quality test and the benchmark. For each
 * nurse every set of positions she could lawfully take is enumerated with the same judgement the
 * API uses — "lawfully" in the API's sense that the proposals can be applied in any order, so
 * every subset and every order must pass — and a MILP (HiGHS, a development dependency) picks one
 * set per nurse: first the most covered position-minutes, then, with that coverage fixed, the
 * smallest largest relative load. The planner must reach the same coverage and come within 5 % of
 * that load.
 */

interface Schedule {
  positions: number[];
  minutes: number;
  /** Of those, the minutes of shifts (on-call blocks are not working time). */
  shiftMinutes: number;
}

const durationMinutes = (p: { startMs: number; endMs: number }) => Math.round((p.endMs - p.startMs) / 60_000);

/** A nurse's existing shift minutes in the period (the load's numerator before the plan). */
function shiftMinutesBefore(input: PlannerInput, n: PlannerNurse): number {
  return n.duties.filter((d) => d.dutyType === 'shift' && d.localDate >= input.from && d.localDate <= input.to).reduce((sum, d) => sum + durationMinutes(d), 0);
}

function dutyOf(p: PlannerPosition): Duty {
  return { startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone };
}

function eligible(p: PlannerPosition, n: PlannerNurse): boolean {
  return (
    n.contractMinutesPerWeek !== 0 &&
    p.employerAgbs.includes(n.employerAgb) &&
    p.requiredQualifications.every((q) => n.qualifications.includes(q)) &&
    !n.absences.some((a) => a.fromDate <= p.localDate && a.toDate >= p.localDate)
  );
}

/** Every set of the nurse's eligible positions that passes in every order of application. */
function schedulesOf(input: PlannerInput, n: PlannerNurse, limit: number): Schedule[] | null {
  const candidates = input.positions.map((p, i) => ({ p, i })).filter(({ p }) => eligible(p, n));
  const judgeAdding = (x: number, others: number[]) => {
    const p = input.positions[x];
    const v = judgeAssignment({
      slot: { ...p, requiredNurses: 1, assignedCount: 0 },
      nurse: n,
      employerAgbs: p.employerAgbs,
      closedMonths: new Set(),
      absences: n.absences,
      timeline: new NurseTimeline([...n.duties, ...others.map((o) => dutyOf(input.positions[o]))]),
    });
    return v.conflicts.length === 0 && v.violations.length === 0;
  };
  const accepted = new Set<string>(['']);
  const share = n.contractMinutesPerWeek ?? DEFAULT_CONTRACT_MINUTES_PER_WEEK;
  const days = daysBetween(input.from, input.to) + 1;
  const before = shiftMinutesBefore(input, n);
  const shiftMinutes = (set: number[]) => set.reduce((sum, x) => sum + (input.positions[x].dutyType === 'shift' ? durationMinutes(input.positions[x]) : 0), 0);
  const result: Schedule[] = [{ positions: [], minutes: 0, shiftMinutes: 0 }];
  let level: number[][] = [[]];
  while (level.length) {
    const next: number[][] = [];
    for (const set of level) {
      const last = set.length ? set[set.length - 1] : -1;
      for (const { i } of candidates) {
        if (i <= last) continue;
        const grown = [...set, i];
        // Every order passes: each member may be added last to the others, and the others are a passing set.
        const ok = grown.every((x, k) => {
          const rest = grown.filter((_, j) => j !== k);
          return accepted.has(rest.join(',')) && judgeAdding(x, rest);
        });
        if (!ok) continue;
        // Contract hours (domain.md): her shifts in the period, existing and proposed, within her
        // share (a set beyond it has no superset within it either).
        if (!withinContractHours(before + shiftMinutes(grown), share, days, input.overtimePct ?? 0)) continue;
        accepted.add(grown.join(','));
        next.push(grown);
        result.push({ positions: grown, minutes: grown.reduce((sum, x) => sum + durationMinutes(input.positions[x]), 0), shiftMinutes: shiftMinutes(grown) });
        if (result.length > limit) return null;
      }
    }
    level = next;
  }
  return result;
}

interface Optimum {
  coveredMinutes: number;
  maxLoad: number;
}

// The package's types describe its CommonJS build; under ES modules its default export is the loader.
const loadHighs = highs as unknown as typeof highs.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;

function solveExact(solver: Highs, input: PlannerInput, schedules: Map<PlannerNurse, Schedule[]>): Optimum {
  const columns: { name: string; nurse: number; schedule: Schedule }[] = [];
  input.nurses.forEach((n, ni) => (schedules.get(n) ?? []).forEach((schedule, k) => columns.push({ name: `y_${ni}_${k}`, nurse: ni, schedule })));
  const rows: string[] = [];
  input.nurses.forEach((_, ni) =>
    rows.push(
      `one_${ni}: ${columns
        .filter((c) => c.nurse === ni)
        .map((c) => c.name)
        .join('\n  + ')} = 1`,
    ),
  );
  input.positions.forEach((p, pi) => {
    const using = columns.filter((c) => c.schedule.positions.includes(pi));
    if (using.length) rows.push(`open_${pi}: ${using.map((c) => c.name).join('\n  + ')} <= ${p.open}`);
  });
  const binaries = `Binary\n ${columns.map((c) => c.name).join('\n ')}\nEnd`;
  const coverage = columns.filter((c) => c.schedule.minutes > 0).map((c) => `${c.schedule.minutes} ${c.name}`);
  const first = solver.solve(`Maximize\n obj: ${coverage.join('\n  + ') || '0 y_0_0'}\nSubject To\n ${rows.join('\n ')}\n${binaries}`, { output_flag: false });
  if (first.Status !== 'Optimal') throw new Error(`coverage: ${first.Status}`);
  const coveredMinutes = Math.round(first.ObjectiveValue);

  // The same coverage, the smallest largest relative load (minutes in the period ÷ contract minutes).
  const loadRows = input.nurses
    .map((n, ni) => {
      if (n.contractMinutesPerWeek === 0) return null;
      const share = n.contractMinutesPerWeek ?? DEFAULT_CONTRACT_MINUTES_PER_WEEK;
      const before = shiftMinutesBefore(input, n);
      const terms = columns.filter((c) => c.nurse === ni).map((c) => `${((before + c.schedule.shiftMinutes) / share).toFixed(9)} ${c.name}`);
      return `load_${ni}: ${terms.join('\n  + ')} - z <= 0`;
    })
    .filter((r): r is string => r !== null);
  const second = solver.solve(
    `Minimize\n obj: z\nSubject To\n ${[...rows, `cover: ${coverage.join('\n  + ') || '0 y_0_0'} >= ${coveredMinutes}`, ...loadRows].join('\n ')}\nBounds\n z >= 0\n${binaries}`,
    { output_flag: false },
  );
  if (second.Status !== 'Optimal') throw new Error(`load: ${second.Status}`);
  return { coveredMinutes, maxLoad: second.ObjectiveValue };
}

function plannerMaxLoad(input: PlannerInput, plan: ReturnType<typeof planRoster>): number {
  let max = 0;
  for (const n of input.nurses) {
    if (n.contractMinutesPerWeek === 0) continue;
    const outcome = plan.nurses.find((o) => o.nurseId === n.id)!;
    max = Math.max(max, (outcome.minutesBefore + outcome.minutesProposed) / (n.contractMinutesPerWeek ?? DEFAULT_CONTRACT_MINUTES_PER_WEEK));
  }
  return max;
}

export interface OracleFigures {
  instances: number;
  equalCoverage: number;
  worstLoadGapPct: number;
  withUnfilled: number;
  /** Instances where the greedy pass alone covers less than the optimum (the chains and searches matter). */
  greedyShort: number;
  failures: string[];
}

/** Compares the planner with the exact optimum on `count` generated small instances. */
export async function compareWithOptimum(count: number): Promise<OracleFigures> {
  const solver = await loadHighs();
  const figures: OracleFigures = { instances: 0, equalCoverage: 0, worstLoadGapPct: 0, withUnfilled: 0, greedyShort: 0, failures: [] };
  for (let seed = 1; figures.instances < count && seed < 400; seed++) {
    const days = seed % 3 === 0 ? 14 : 7;
    const input = smallInstance(seed * 7919, { nurses: 3 + (seed % 2), days, density: days === 14 ? 0.12 : 0.22 });
    const schedules = new Map<PlannerNurse, Schedule[]>();
    let tooBig = false;
    for (const n of input.nurses) {
      const found = schedulesOf(input, n, 400);
      if (!found) tooBig = true;
      else schedules.set(n, found);
    }
    if (tooBig || input.positions.length === 0) continue;
    figures.instances++;
    const exact = solveExact(solver, input, schedules);
    const plan = planRoster(input);
    const greedyOnly = planRoster(input, { greedyOnly: true });
    if (greedyOnly.proposedMinutes < exact.coveredMinutes) figures.greedyShort++;
    if (plan.unfilled.length) figures.withUnfilled++;
    if (plan.proposedMinutes === exact.coveredMinutes) figures.equalCoverage++;
    else figures.failures.push(`seed ${seed * 7919}: planner ${plan.proposedMinutes} min, optimum ${exact.coveredMinutes} min`);
    const gap = exact.maxLoad > 0 ? (plannerMaxLoad(input, plan) / exact.maxLoad - 1) * 100 : 0;
    figures.worstLoadGapPct = Math.max(figures.worstLoadGapPct, gap);
    if (gap > 5 + 1e-6) figures.failures.push(`seed ${seed * 7919}: largest load ${gap.toFixed(2)} % above the optimum`);
  }
  figures.worstLoadGapPct = Number(figures.worstLoadGapPct.toFixed(2));
  return figures;
}
