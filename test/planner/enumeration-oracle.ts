import highs from 'highs';
import { judgeAssignment } from '../../src/assignments/verdict.js';
import { daysBetween } from '../../src/common/local-time.js';
import { planRoster, type PlannerNurse, type PlannerPosition } from '../../src/roster-plans/planner/planner.js';
import { NurseTimeline } from '../../src/working-time/timeline.js';
import type { Duty } from '../../src/working-time/working-time-rules.js';
import { contractCapMinutes, durationMinutes, isNight, shareOf, sundayRestBreaches, weeklyRestBreaches } from './law.js';
import { smallInstance } from './instances.js';
import type { OracleInput } from './milp-model.js';
import { compareRatio, loadValue, type Ratio } from './oracle.js';
import { figuresOf } from './quality.js';

/**
 * A second, independent optimum for small instances, to validate the MILP of `milp-model.ts`: for
 * each nurse every set of positions she could lawfully take is enumerated — lawful as the API
 * judges it (`judgeAssignment`, every subset in every order, since api.md asks that a plan can be
 * applied in any order), within her contract hours, and keeping weekly rest and Sunday rest as
 * `law.ts` reads them — and a small MILP (HiGHS) picks one set per nurse. Only integer objectives
 * are solved: the most covered position-minutes; then the smallest largest load by trying the
 * candidate loads (each set's exact fraction) in a binary search, each try a coverage solve with
 * the sets above it left out; the least "most nights" the same way. Does not scale beyond a few
 * nurses and a week or two: that is what the row model is for.
 */

interface Schedule {
  positions: number[];
  /** Position-minutes it covers (shifts and on-call blocks). */
  coverMinutes: number;
  load: Ratio | null;
  nights: number;
}

export interface EnumeratedOptimum {
  coveredMinutes: number;
  maxLoad: Ratio | null;
  leastMostNights: number;
  /** Lawful sets enumerated over all nurses. */
  schedules: number;
}

// The package's types describe its CommonJS build; under ES modules its default export is the loader.
const loadHighs = highs as unknown as typeof highs.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;

function dutyOf(p: PlannerPosition): Duty {
  return { startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone };
}

/** Every set of the nurse's positions that passes in every order of application, or null beyond `limit`. */
function schedulesOf(input: OracleInput, n: PlannerNurse, limit: number, weekRules: boolean): Schedule[] | null {
  const duties = input.positions.map(dutyOf);
  const candidates = n.contractMinutesPerWeek === 0 ? [] : input.positions.map((_, i) => i);
  const zone = input.positions[0]?.zone ?? 'Europe/Amsterdam';
  const days = daysBetween(input.from, input.to) + 1;
  const cap = contractCapMinutes(n.contractMinutesPerWeek, days, input.overtimePct ?? 0);
  const inPeriod = n.duties.filter((d) => d.localDate >= input.from && d.localDate <= input.to);
  const minutesBefore = inPeriod.filter((d) => d.dutyType === 'shift').reduce((sum, d) => sum + durationMinutes(d), 0);
  const nightsBefore = inPeriod.filter(isNight).length;
  const night = duties.map(isNight);
  const judgeAdding = (x: number, others: number[]) => {
    const p = input.positions[x];
    const v = judgeAssignment({
      slot: { ...p, requiredNurses: 1, assignedCount: 0 },
      nurse: n,
      employerAgbs: p.employerAgbs,
      closedMonths: p.closedMonths ?? new Set(),
      absences: n.absences,
      timeline: new NurseTimeline([...n.duties, ...others.map((o) => duties[o])]),
    });
    return v.conflicts.length === 0 && v.violations.length === 0;
  };
  const schedule = (positions: number[]): Schedule => {
    const shiftMinutes = positions.filter((x) => duties[x].dutyType === 'shift').reduce((sum, x) => sum + durationMinutes(duties[x]), 0);
    return {
      positions,
      coverMinutes: positions.reduce((sum, x) => sum + durationMinutes(duties[x]), 0),
      load: n.contractMinutesPerWeek === 0 ? null : { minutes: minutesBefore + shiftMinutes, share: shareOf(n.contractMinutesPerWeek) },
      nights: nightsBefore + positions.filter((x) => night[x]).length,
    };
  };
  // Within contract hours, weekly rest and Sunday rest: judged on the set as a whole (adding a duty
  // never helps them). The week rules again as law.ts reads them only when asked (`weekRules`): the
  // judgement above already applies them in every order.
  const withinPlanLimits = (positions: number[]) => {
    const proposedShiftMinutes = positions.filter((x) => duties[x].dutyType === 'shift').reduce((sum, x) => sum + durationMinutes(duties[x]), 0);
    if (proposedShiftMinutes > 0 && minutesBefore + proposedShiftMinutes > cap) return false;
    if (!weekRules) return true;
    const proposed = positions.map((x) => duties[x]);
    return weeklyRestBreaches(n.duties, proposed, zone).length === 0 && sundayRestBreaches(n.duties, proposed).length === 0;
  };
  const accepted = new Set<string>(['']);
  const result: Schedule[] = [schedule([])];
  let level: number[][] = [[]];
  while (level.length) {
    const next: number[][] = [];
    for (const set of level) {
      const last = set.length ? set[set.length - 1] : -1;
      for (const i of candidates) {
        if (i <= last) continue;
        const grown = [...set, i];
        // Every order passes: each member may be added last to the others, and the others are a passing set.
        const ok =
          grown.every((x, k) => {
            const rest = grown.filter((_, j) => j !== k);
            return accepted.has(rest.join(',')) && judgeAdding(x, rest);
          }) && withinPlanLimits(grown);
        if (!ok) continue;
        accepted.add(grown.join(','));
        next.push(grown);
        result.push(schedule(grown));
        if (result.length > limit) return null;
      }
    }
    level = next;
  }
  return result;
}

/** The smallest largest load at `covered` (within 0.01 %), in floating point (minutes per contract minute), or null. */
function loadHint(solver: Highs, input: OracleInput, allowed: Schedule[][], covered: number): number | null {
  const columns: { name: string; nurse: number; schedule: Schedule }[] = [];
  allowed.forEach((list, ni) => list.forEach((schedule, k) => columns.push({ name: `y_${ni}_${k}`, nurse: ni, schedule })));
  const rows: string[] = [];
  allowed.forEach((_, ni) => {
    const own = columns.filter((c) => c.nurse === ni);
    if (own.length === 0) return;
    rows.push(`one_${ni}: ${own.map((c) => c.name).join(' + ')} = 1`);
    const loaded = own.filter((c) => c.schedule.load !== null && c.schedule.load.minutes > 0);
    if (loaded.length)
      rows.push(
        `load_${ni}: ${loaded.map((c) => `${((c.schedule.load as Ratio).minutes / (c.schedule.load as Ratio).share).toFixed(9)} ${c.name}`).join(' + ')} - z <= 0`,
      );
  });
  input.positions.forEach((p, pi) => {
    const using = columns.filter((c) => c.schedule.positions.includes(pi));
    if (using.length > p.open) rows.push(`open_${pi}: ${using.map((c) => c.name).join(' + ')} <= ${p.open}`);
  });
  const cover = columns.filter((c) => c.schedule.coverMinutes > 0).map((c) => `${c.schedule.coverMinutes} ${c.name}`);
  if (cover.length) rows.push(`cover: ${cover.join(' + ')} >= ${covered}`);
  const lp = `Minimize\n obj: z\nSubject To\n ${rows.join('\n ')}\nBounds\n z >= 0\nBinary\n ${columns.map((c) => c.name).join(' ')}\nEnd`;
  // The solver's default gap (0.01 %): the value is the largest load of a plan that close to the optimum.
  const solution = solver.solve(lp, { output_flag: false });
  return solution.Status === 'Optimal' ? solution.ObjectiveValue : null;
}

/** The most coverage when each nurse takes one of her allowed sets. */
function bestCoverage(solver: Highs, input: OracleInput, allowed: Schedule[][]): number {
  const columns: { name: string; nurse: number; schedule: Schedule }[] = [];
  allowed.forEach((list, ni) => list.forEach((schedule, k) => columns.push({ name: `y_${ni}_${k}`, nurse: ni, schedule })));
  const rows: string[] = [];
  allowed.forEach((_, ni) => {
    const own = columns.filter((c) => c.nurse === ni).map((c) => c.name);
    if (own.length) rows.push(`one_${ni}: ${own.join(' + ')} = 1`);
  });
  input.positions.forEach((p, pi) => {
    const using = columns.filter((c) => c.schedule.positions.includes(pi));
    if (using.length > p.open) rows.push(`open_${pi}: ${using.map((c) => c.name).join(' + ')} <= ${p.open}`);
  });
  const objective = columns.filter((c) => c.schedule.coverMinutes > 0).map((c) => `${c.schedule.coverMinutes} ${c.name}`);
  if (objective.length === 0) return 0;
  const lp = `Maximize\n obj: ${objective.join(' + ')}\nSubject To\n ${rows.join('\n ')}\nBinary\n ${columns.map((c) => c.name).join(' ')}\nEnd`;
  const solution = solver.solve(lp, { output_flag: false, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') throw new Error(`enumeration oracle: ${solution.Status}`);
  return Math.round(solution.ObjectiveValue);
}

/** The smallest candidate that still allows `covered` (candidates sorted ascending; the last always does). */
function smallestAllowing<T>(candidates: T[], allows: (c: T) => boolean): T {
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (allows(candidates[mid])) hi = mid;
    else lo = mid + 1;
  }
  return candidates[lo];
}

/**
 * The optimum by enumeration, or null when a nurse has more than `limit` lawful sets. `exact`: the
 * week rules also as law.ts reads them, the largest load proven by coverage solves alone (a
 * binary search over the exact fractions) and the least "most nights"; `quick`: the largest load
 * as the fraction of a min-max solve's plan (within the solver's default gap of 0.01 % of the
 * optimum, enough for a comparison in per cent), and `leastMostNights` left as the most nights of any allowed set.
 */
export async function enumerateOptimum(input: OracleInput, limit = 400, mode: 'exact' | 'quick' = 'exact'): Promise<EnumeratedOptimum | null> {
  const solver = await loadHighs();
  const all: Schedule[][] = [];
  for (const n of input.nurses) {
    const found = schedulesOf(input, n, limit, mode === 'exact');
    if (!found) return null;
    all.push(found);
  }
  const schedules = all.reduce((sum, l) => sum + l.length, 0);
  const coveredMinutes = bestCoverage(solver, input, all);
  const loads = all
    .flat()
    .map((s) => s.load)
    .filter((l): l is Ratio => l !== null)
    .sort(compareRatio)
    .filter((l, i, sorted) => i === 0 || compareRatio(sorted[i - 1], l) !== 0);
  if (mode === 'quick') {
    const z = loads.length ? loadHint(solver, input, all, coveredMinutes) : null;
    // The fraction of the solver's plan: the one nearest its floating value.
    const maxLoad = z === null ? null : loads.reduce((best, l) => (Math.abs(l.minutes / l.share - z) < Math.abs(best.minutes / best.share - z) ? l : best));
    return { coveredMinutes, maxLoad, leastMostNights: Math.max(0, ...all.flat().map((s) => s.nights)), schedules };
  }
  // The largest load is at least every nurse's smallest: loads below it leave her no set.
  const withLoadAtMost = (max: Ratio) => all.map((list) => list.filter((s) => s.load === null || compareRatio(s.load, max) <= 0));
  const feasible = (lists: Schedule[][]) => lists.every((l) => l.length > 0) && bestCoverage(solver, input, lists) === coveredMinutes;
  const maxLoad = loads.length ? smallestAllowing(loads, (l) => feasible(withLoadAtMost(l))) : null;
  const atLoad = maxLoad ? withLoadAtMost(maxLoad) : all;
  const nightCounts = [...new Set(atLoad.flat().map((s) => s.nights))].sort((a, b) => a - b);
  const leastMostNights = smallestAllowing(nightCounts, (w) => feasible(atLoad.map((list) => list.filter((s) => s.nights <= w))));
  return { coveredMinutes, maxLoad, leastMostNights, schedules };
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

/**
 * The planner against the enumerated optimum on `count` generated small instances (3–4 nurses, one
 * or two weeks): the same coverage, and a largest relative load within 5 % of the optimum's.
 */
export async function compareWithOptimum(count: number): Promise<OracleFigures> {
  const figures: OracleFigures = { instances: 0, equalCoverage: 0, worstLoadGapPct: 0, withUnfilled: 0, greedyShort: 0, failures: [] };
  for (let seed = 1; figures.instances < count && seed < 400; seed++) {
    const days = seed % 3 === 0 ? 14 : 7;
    const input = smallInstance(seed * 7919, { nurses: 3 + (seed % 2), days, density: days === 14 ? 0.12 : 0.22 });
    if (input.positions.length === 0) continue;
    const exact = await enumerateOptimum(input, 400, 'quick');
    if (!exact) continue;
    figures.instances++;
    const plan = planRoster(input);
    const greedyOnly = planRoster(input, { greedyOnly: true });
    if (figuresOf(input, greedyOnly.proposals).coveredMinutes < exact.coveredMinutes) figures.greedyShort++;
    if (plan.unfilled.length) figures.withUnfilled++;
    const planned = figuresOf(input, plan.proposals);
    if (planned.coveredMinutes === exact.coveredMinutes) figures.equalCoverage++;
    else figures.failures.push(`seed ${seed * 7919}: planner ${planned.coveredMinutes} min, optimum ${exact.coveredMinutes} min`);
    const optimum = exact.maxLoad ? loadValue(exact.maxLoad, daysBetween(input.from, input.to) + 1) : 0;
    const gap = optimum > 0 && planned.maxLoad !== null ? (planned.maxLoad / optimum - 1) * 100 : 0;
    figures.worstLoadGapPct = Math.max(figures.worstLoadGapPct, gap);
    if (gap > 5 + 1e-6) figures.failures.push(`seed ${seed * 7919}: largest load ${gap.toFixed(2)} % above the optimum`);
  }
  figures.worstLoadGapPct = Number(figures.worstLoadGapPct.toFixed(2));
  return figures;
}
