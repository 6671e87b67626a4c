import { daysBetween, offsetMinutesAt, placeLocal } from '../../src/common/local-time.js';
import { planRoster } from '../../src/roster-plans/planner/planner.js';
import { durationMinutes, isNight, shareOf } from './law.js';
import { applyInOrder, ordersOf, planLimitsBroken, type Proposal } from './lawfulness.js';
import type { OracleInput, RowRule } from './milp-model.js';
import { type Level, loadValue, PlanChecker, type Ratio, solveOracle } from './oracle.js';

/**
 * The planner against the exact optimum of the MILP, on one instance: the figures the quality test
 * asserts and the benchmark reports. Every planner figure is worked out here from its proposals and
 * the input (not from the planner's own summary), by the definitions of api.md.
 */

export interface PlanFigures {
  coveredMinutes: number;
  /** Relative loads over the period (1 = the contract share), largest first: the first two. */
  maxLoad: number | null;
  secondLoad: number | null;
  mostNights: number;
}

export interface Comparison {
  label: string;
  from: string;
  to: string;
  nurses: number;
  positions: number;
  openMinutes: number;
  overtimePct: number;
  /** The period holds a clock change (March or October). */
  clockChange: boolean;
  planner: PlanFigures & {
    seconds: number;
    /** Rules of the model the planner's plan breaks (empty: lawful as the MILP reads the law). */
    brokenRules: (RowRule | 'ineligible')[];
  };
  optimum: PlanFigures & {
    coverageBound: number;
    /** Per level: proven optimal (else the best found within the time limit). */
    proven: Partial<Record<Level, boolean>>;
    seconds: number;
    size: { binaries: number; rows: number };
    /** The MILP's plan applied one by one through the project's judgement: refusals in the orders tried. */
    refusals: string[];
    /** Plan-level limits (contract hours, weekly rest, Sunday rest) the MILP's plan breaks, by law.ts. */
    limitsBroken: string[];
  };
  /** The optimum with weekly rest left out (only when asked): does weekly rest bind here? */
  withoutWeeklyRest?: { coveredMinutes: number; maxLoad: number | null };
  gaps: {
    /** Optimum minus planner (negative: the planner covers more, which only an unlawful plan can). */
    coverageMinutes: number;
    /** Planner's largest load above the optimum's, in % of it. */
    maxLoadPct: number | null;
    secondLoadPct: number | null;
    /** Planner's most nights minus the least possible. */
    nightsAbove: number | null;
  };
}

export interface CompareOptions {
  timeLimitSeconds?: number;
  levels?: readonly Level[];
  lazy?: boolean;
  /** Also solve without weekly rest (coverage and load) to show whether it binds. */
  measureWeeklyRest?: boolean;
  /** Orders in which the MILP's plan is applied through the judgement (besides as given, by start, reversed). */
  shuffles?: number;
}

const dutyOf = (p: OracleInput['positions'][number]) => ({ startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone });

/** Coverage, the two largest loads and the most nights of a plan, by api.md's definitions. */
export function figuresOf(input: OracleInput, plan: readonly Proposal[]): PlanFigures {
  const positions = new Map(input.positions.map((p) => [p.slotId, p]));
  const days = daysBetween(input.from, input.to) + 1;
  let coveredMinutes = 0;
  for (const p of plan) coveredMinutes += durationMinutes(positions.get(p.slotId) as OracleInput['positions'][number]);
  const loads: Ratio[] = [];
  let mostNights = 0;
  for (const n of input.nurses) {
    const inPeriod = n.duties.filter((d) => d.localDate >= input.from && d.localDate <= input.to);
    const proposed = plan.filter((p) => p.nurseId === n.id).map((p) => dutyOf(positions.get(p.slotId) as OracleInput['positions'][number]));
    const duties = [...inPeriod, ...proposed];
    mostNights = Math.max(mostNights, duties.filter(isNight).length);
    if (n.contractMinutesPerWeek === 0) continue;
    const minutes = duties.filter((d) => d.dutyType === 'shift').reduce((sum, d) => sum + durationMinutes(d), 0);
    loads.push({ minutes, share: shareOf(n.contractMinutesPerWeek) });
  }
  const values = loads.map((l) => loadValue(l, days)).sort((a, b) => b - a);
  return { coveredMinutes, maxLoad: values[0] ?? null, secondLoad: values[1] ?? null, mostNights };
}

const pctAbove = (value: number | null, optimum: number | null) => (value === null || optimum === null || optimum === 0 ? null : (value / optimum - 1) * 100);

/** Plans the instance with the planner and solves the MILP; the figures of both and the gaps. */
export async function compareWithOptimum(label: string, input: OracleInput, options: CompareOptions = {}): Promise<Comparison> {
  const t0 = performance.now();
  const plan = planRoster(input);
  const plannerSeconds = (performance.now() - t0) / 1000;
  const planner = figuresOf(input, plan.proposals);
  const checker = await PlanChecker.create(input);
  let brokenRules: (RowRule | 'ineligible')[];
  try {
    brokenRules = checker.broken(plan.proposals);
  } finally {
    checker.dispose();
  }

  const t1 = performance.now();
  const solution = await solveOracle(input, { timeLimitSeconds: options.timeLimitSeconds, levels: options.levels, lazy: options.lazy });
  const oracleSeconds = (performance.now() - t1) / 1000;
  const optimumPlan = figuresOf(input, solution.plan);
  const days = solution.model.days;
  const value = (r: Ratio | null) => (r ? loadValue(r, days) : null);
  const refusals: string[] = [];
  for (const order of ordersOf(input, solution.plan, options.shuffles ?? 3, input.positions.length)) {
    const refused = applyInOrder(input, solution.plan, order);
    if (refused) refusals.push(`${refused.proposal.nurseId} on ${refused.proposal.slotId}: ${refused.rules.join(', ')}`);
  }
  const optimum = {
    coveredMinutes: solution.coveredMinutes,
    maxLoad: value(solution.maxLoad),
    secondLoad: value(solution.secondLoad),
    mostNights: solution.leastMostNights ?? optimumPlan.mostNights,
    coverageBound: solution.coverageBound,
    proven: Object.fromEntries(Object.entries(solution.levels).map(([level, outcome]) => [level, outcome.proven])),
    seconds: oracleSeconds,
    size: { binaries: solution.size.binaries, rows: solution.size.rows },
    refusals,
    limitsBroken: planLimitsBroken(input, solution.plan).map((b) => `${b.nurseId}: ${b.rule}`),
  };
  let withoutWeeklyRest: Comparison['withoutWeeklyRest'];
  if (options.measureWeeklyRest) {
    const relaxed = await solveOracle(input, {
      timeLimitSeconds: options.timeLimitSeconds,
      levels: ['coverage', 'load'],
      omit: ['weekly-rest'],
      lazy: options.lazy,
    });
    withoutWeeklyRest = { coveredMinutes: relaxed.coveredMinutes, maxLoad: value(relaxed.maxLoad) };
  }
  const openMinutes = input.positions.reduce((sum, p) => sum + p.open * durationMinutes(p), 0);
  return {
    label,
    from: input.from,
    to: input.to,
    nurses: input.nurses.length,
    positions: input.positions.length,
    openMinutes,
    overtimePct: input.overtimePct ?? 0,
    clockChange: holdsClockChange(input),
    planner: { ...planner, seconds: plannerSeconds, brokenRules },
    optimum,
    withoutWeeklyRest,
    gaps: {
      coverageMinutes: optimum.coveredMinutes - planner.coveredMinutes,
      maxLoadPct: pctAbove(planner.maxLoad, optimum.maxLoad),
      secondLoadPct: pctAbove(planner.secondLoad, optimum.secondLoad),
      nightsAbove: solution.leastMostNights === null ? null : planner.mostNights - solution.leastMostNights,
    },
  };
}

/** Whether the period holds a clock change in its zone (a night of 7 or 9 hours). */
function holdsClockChange(input: OracleInput): boolean {
  const zone = input.positions[0]?.zone ?? 'Europe/Amsterdam';
  return offsetMinutesAt(placeLocal(input.from, '12:00', zone), zone) !== offsetMinutesAt(placeLocal(input.to, '12:00', zone), zone);
}
