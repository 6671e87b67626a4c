import highs from 'highs';
import type { Duty } from '../../src/working-time/working-time-rules.js';
import { pairMondayOf, weeklyRestBreaches, weeksTouched } from './law.js';
import { buildOracleModel, type ModelOptions, type OracleInput, type OracleModel, type Row, RULE_ROWS, type RowRule } from './milp-model.js';

/**
 * The exact optimum of a planner input, by HiGHS (a development dependency) on the model of
 * `milp-model.ts`, one objective level after another, each level's optimum fixed as a constraint
 * for the next (api.md, "Roster plans and wishes", in order):
 *
 * 1. `coverage`: the most covered position-minutes;
 * 2. `load`: at that coverage, the smallest largest relative load (a nurse's shift minutes in the
 *    period ÷ her contract minutes for the period);
 * 3. `nights`: at that coverage and largest load, the least possible "most nights for one nurse"
 *    (night shifts in the period, existing and proposed);
 * 4. `second`: at that coverage and largest load, the smallest second-largest relative load: the
 *    second level of the leximax (the sorted loads compared from the top, so when two nurses share
 *    the largest, the second is the largest again). Modelled exactly as the smallest sum of the two
 *    largest loads, min 2t + Σ max(0, load − t), which needs no binary of its own; with the largest
 *    fixed, the sum and the second largest are minimised together.
 *
 * Loads are exact fractions (minutes ÷ contract minutes per week; the period's days cancel out).
 * In the solver they are scaled by the least common multiple of the nurses' contract minutes, so
 * every load is a whole number and every level's optimum an integer that the solver's bound proves
 * (for contract minutes whose multiple is too large to scale, the bound is compared with the largest
 * fraction below the value that a nurse's contract minutes allow). A level's value is always read
 * from the rounded 0/1 solution, never from the solver's floating objective.
 *
 * Weekly rest and max-week-hours, the rows that are many and rarely bind, are lazy by default: left
 * out until a solution breaks them (as `law.ts` and the rows themselves judge it), then added and the
 * level solved again. The final solution keeps every row, and a bound of the smaller model bounds the
 * full one, so the optimum is the same.
 */

/** A relative load as an exact fraction: shift minutes over contract minutes per week. */
export interface Ratio {
  minutes: number;
  share: number;
}

/** Sign of a − b. */
export function compareRatio(a: Ratio, b: Ratio): number {
  return Math.sign(a.minutes * b.share - b.minutes * a.share);
}

/** The relative load over the period (1 = exactly the contract share). */
export function loadValue(r: Ratio, days: number): number {
  return (r.minutes * 7) / (r.share * days);
}

export type Level = 'coverage' | 'load' | 'nights' | 'second';

export interface LevelOutcome {
  /** HiGHS's model status: Optimal, Time limit reached, … */
  status: string;
  seconds: number;
  /** The level's value is the exact optimum (else the best found within the time limit). */
  proven: boolean;
}

export interface OracleSolution {
  model: OracleModel;
  /** Covered position-minutes of the best plan found, and the solver's upper bound. */
  coveredMinutes: number;
  coverageBound: number;
  /** The smallest largest load at that coverage (null when the level was not asked for). */
  maxLoad: Ratio | null;
  /** A lower bound of the largest load, as a number of minutes per contract minute. */
  maxLoadBound: number | null;
  leastMostNights: number | null;
  nightsBound: number | null;
  secondLoad: Ratio | null;
  /** The plan of the last level solved. */
  plan: { slotId: string; nurseId: string }[];
  levels: Partial<Record<Level, LevelOutcome>>;
  size: { columns: number; binaries: number; rows: number; nonzeros: number };
}

export interface OracleOptions extends ModelOptions {
  /** Time limit of each level, seconds. */
  timeLimitSeconds?: number;
  /** Leave the lazy rows out until a solution breaks them (default true); false: every row from the start. */
  lazy?: boolean;
  /** Add each nurse's capacity per week, two-week period and period as implied rows (default true; see `capacityCuts`). */
  capacityCuts?: boolean;
  /** Time for finding the capacity rows, seconds, all nurses together (default 30; each solve at most 5 s). */
  cutSeconds?: number;
  /** The levels to solve, in order (default: all four). */
  levels?: readonly Level[];
}

// The package's types describe its CommonJS build; under ES modules its default export is the loader.
const loadHighs = highs as unknown as typeof highs.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs['createModel']>;

let runtime: Promise<Highs> | null = null;
function solver(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

const STATUS_NAMES: Record<number, string> = {
  7: 'Optimal',
  8: 'Infeasible',
  13: 'Time limit reached',
  11: 'Objective bound',
  15: 'Unknown',
  17: 'Interrupted',
};

/** Solves the levels of a planner input. */
export async function solveOracle(input: OracleInput, options: OracleOptions = {}): Promise<OracleSolution> {
  const h = await solver();
  const model = buildOracleModel(input, options);
  const cuts = options.capacityCuts === false ? [] : capacityCuts(h, model, options.cutSeconds ?? 30);
  const run = new LevelRun(h, model, options.timeLimitSeconds ?? 30, options.lazy ?? true, cuts);
  try {
    return run.solve(options.levels ?? ['coverage', 'load', 'nights', 'second']);
  } finally {
    run.dispose();
  }
}

/**
 * Which rules of the model a plan breaks, each judged alone: the plan's columns fixed, the rows of
 * one rule kept, the LP asked whether the auxiliary columns can satisfy them. Built once per input,
 * asked about many plans (a planner's plan, random plans in the model's own tests).
 */
export class PlanChecker {
  private readonly keys: string[];

  private constructor(
    private readonly h: Highs,
    readonly model: OracleModel,
    private readonly m: Model,
  ) {
    const { input } = model;
    this.keys = model.assignments.map((a) => `${input.nurses[a.nurse].id}|${input.positions[a.position].slotId}`);
    m.options.set({ output_flag: false, time_limit: 60, primal_feasibility_tolerance: 1e-9 });
  }

  static async create(input: OracleInput, options: ModelOptions = {}): Promise<PlanChecker> {
    const h = await solver();
    const model = buildOracleModel(input, options);
    return new PlanChecker(h, model, h.createModel(modelData(h, model)));
  }

  /**
   * The rules the plan breaks (empty: the model accepts it). A proposal the model has no column for
   * (a nurse who may never take that slot: employer, qualification, absence, contract 0, too long,
   * or against an existing duty) is reported as `ineligible`.
   */
  broken(plan: readonly { slotId: string; nurseId: string }[]): (RowRule | 'ineligible')[] {
    const chosen = new Set(plan.map((p) => `${p.nurseId}|${p.slotId}`));
    const broken: (RowRule | 'ineligible')[] = [];
    const known = new Set(this.keys);
    if ([...chosen].some((k) => !known.has(k))) broken.push('ineligible');
    this.model.assignments.forEach((a, i) => {
      const value = chosen.has(this.keys[i]) ? 1 : 0;
      this.m.changeColBounds(a.column, value, value);
    });
    const keep = (rule: RowRule | null) => {
      this.model.rows.forEach((row, i) => {
        if (rule === null || row.rule === rule || row.rule === 'definition') this.m.changeRowBounds(i, finite(this.h, row.lower), finite(this.h, row.upper));
        else this.m.changeRowBounds(i, -this.h.infinity, this.h.infinity);
      });
    };
    const feasible = () => {
      this.m.clearSolver();
      this.m.run();
      return this.m.getModelStatus() === this.h.constants.modelStatus.optimal;
    };
    keep(null);
    if (!feasible()) {
      for (const rule of ['position-open', ...RULE_ROWS] as RowRule[]) {
        if (!this.model.rows.some((r) => r.rule === rule)) continue;
        keep(rule);
        if (!feasible()) broken.push(rule);
      }
    }
    return broken;
  }

  dispose(): void {
    this.m.dispose();
  }
}

/** The rules of the model a plan breaks (see PlanChecker). */
export async function rulesBrokenBy(
  input: OracleInput,
  plan: readonly { slotId: string; nurseId: string }[],
  options: ModelOptions = {},
): Promise<(RowRule | 'ineligible')[]> {
  const checker = await PlanChecker.create(input, options);
  try {
    return checker.broken(plan);
  } finally {
    checker.dispose();
  }
}

function finite(h: Highs, value: number): number {
  if (value === Infinity) return h.infinity;
  if (value === -Infinity) return -h.infinity;
  return value;
}

export function modelData(h: Highs, model: OracleModel, include: (row: Row) => boolean = () => true) {
  const rows = model.rows.filter(include);
  const starts = new Int32Array(rows.length + 1);
  let nonzeros = 0;
  rows.forEach((r, i) => {
    nonzeros += r.indices.length;
    starts[i + 1] = nonzeros;
  });
  const indices = new Int32Array(nonzeros);
  const values = new Float64Array(nonzeros);
  let k = 0;
  for (const r of rows) {
    indices.set(r.indices, k);
    values.set(r.values, k);
    k += r.indices.length;
  }
  return {
    numCols: model.columns.length,
    numRows: rows.length,
    sense: h.constants.objectiveSense.maximize,
    colCost: new Float64Array(model.columns.length),
    colLower: Float64Array.from(model.columns, (c) => finite(h, c.lower)),
    colUpper: Float64Array.from(model.columns, (c) => finite(h, c.upper)),
    rowLower: Float64Array.from(rows, (r) => finite(h, r.lower)),
    rowUpper: Float64Array.from(rows, (r) => finite(h, r.upper)),
    matrix: { format: 'csr' as const, numRows: rows.length, numCols: model.columns.length, starts, indices, values },
    integrality: Int32Array.from(model.columns, (c) => (c.integer ? h.constants.variableType.integer : h.constants.variableType.continuous)),
  };
}

interface Cut {
  indices: number[];
  values: number[];
  upper: number;
}

/**
 * Implied rows that make the relaxation feel each nurse's own rules: for every nurse and every
 * calendar week, two-week period and the whole period, the most position-minutes and the most
 * shift minutes she can take there at all, under all of her rows (weekly rest, rests, contract
 * hours …), found by a small exact solve over her columns alone. Every lawful plan keeps them, so
 * they change no optimum; without them the relaxation spreads fractions of duties over nurses whose
 * weekly rest would not allow them, and the search must find that out node by node.
 */
export function capacityCuts(h: Highs, model: OracleModel, budgetSeconds = 30): Cut[] {
  const cuts: Cut[] = [];
  // A solve cut short proves nothing and adds no row; past the budget the rest are left out (fewer rows, the same optimum).
  const deadline = performance.now() + budgetSeconds * 1000;
  const { input } = model;
  const zone = input.positions[0]?.zone ?? 'Europe/Amsterdam';
  model.nurses.forEach((facts, n) => {
    if (facts.assignments.length < 2 || performance.now() >= deadline) return;
    const own = model.columns.map((c, i) => (c.nurse === n ? i : -1)).filter((i) => i >= 0);
    const local = new Map(own.map((c, i) => [c, i]));
    const rows = model.rows.filter((r) => r.rule !== 'position-open' && r.indices.every((c) => local.has(c)));
    const scopes = new Map<string, Set<number>>();
    const scope = (key: string, column: number) => {
      if (!scopes.has(key)) scopes.set(key, new Set());
      (scopes.get(key) as Set<number>).add(column);
    };
    for (const a of facts.assignments) {
      const p = input.positions[a.position];
      scope('period', a.column);
      for (const monday of weeksTouched(p.startMs, p.endMs, zone)) {
        scope(`week ${monday}`, a.column);
        scope(`pair ${pairMondayOf(monday)}`, a.column);
      }
    }
    const starts = new Int32Array(rows.length + 1);
    let nonzeros = 0;
    rows.forEach((r, i) => (starts[i + 1] = nonzeros += r.indices.length));
    const data = {
      numCols: own.length,
      numRows: rows.length,
      sense: h.constants.objectiveSense.maximize,
      colCost: new Float64Array(own.length),
      colLower: Float64Array.from(own, (c) => finite(h, model.columns[c].lower)),
      colUpper: Float64Array.from(own, (c) => finite(h, model.columns[c].upper)),
      rowLower: Float64Array.from(rows, (r) => finite(h, r.lower)),
      rowUpper: Float64Array.from(rows, (r) => finite(h, r.upper)),
      matrix: {
        format: 'csr' as const,
        numRows: rows.length,
        numCols: own.length,
        starts,
        indices: Int32Array.from(rows.flatMap((r) => r.indices.map((c) => local.get(c) as number))),
        values: Float64Array.from(rows.flatMap((r) => r.values)),
      },
      integrality: Int32Array.from(own, (c) => (model.columns[c].integer ? h.constants.variableType.integer : h.constants.variableType.continuous)),
    };
    const m = h.createModel(data);
    try {
      m.options.set({ output_flag: false, mip_rel_gap: 0 });
      for (const columns of scopes.values()) {
        const members = facts.assignments.filter((a) => columns.has(a.column));
        for (const weight of [(a: (typeof members)[number]) => a.minutes, (a: (typeof members)[number]) => a.shiftMinutes]) {
          const weighted = members.filter((a) => weight(a) > 0);
          const everything = weighted.reduce((sum, a) => sum + weight(a), 0);
          if (weighted.length < 2) continue;
          const left = (deadline - performance.now()) / 1000;
          if (left <= 0) return;
          m.options.set({ time_limit: Math.min(5, left) });
          const costs = new Float64Array(own.length);
          for (const a of weighted) costs[local.get(a.column) as number] = weight(a);
          m.changeColsCost({ kind: 'range', from: 0, to: own.length - 1 }, costs);
          m.clearSolver();
          m.run();
          if (m.getModelStatus() !== h.constants.modelStatus.optimal) continue;
          const most = Math.round(m.getObjectiveValue());
          if (most < everything) cuts.push({ indices: weighted.map((a) => a.column), values: weighted.map(weight), upper: most });
        }
      }
    } finally {
      m.dispose();
    }
  });
  return cuts;
}

/** Least common multiple, or null when it passes `limit`. */
function lcm(values: readonly number[], limit: number): number | null {
  let result = 1;
  for (const v of values) {
    result = (result / gcd(result, v)) * v;
    if (result > limit) return null;
  }
  return result;
}
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

type Nurse = OracleModel['nurses'][number];

class LevelRun {
  private readonly m: Model;
  private values: number[];
  private readonly levels: Partial<Record<Level, LevelOutcome>> = {};
  private readonly shares: number[];
  /** Loads in the solver are minutes × scale ÷ share: whole numbers when the scale is the shares' multiple. */
  private readonly scale: number;
  private readonly exact: boolean;
  private readonly added = new Set<string>();
  private readonly lazy: boolean;
  /** When the current level's time is up (epoch of performance.now()). */
  private deadline = Infinity;

  constructor(
    private readonly h: Highs,
    private readonly model: OracleModel,
    private readonly timeLimit: number,
    lazy: boolean,
    cuts: readonly Cut[],
  ) {
    this.lazy = lazy && model.lazyGroups.size > 0;
    const data = modelData(h, model, this.lazy ? (row) => row.group === undefined : () => true);
    this.m = h.createModel(data);
    for (const cut of cuts) this.m.addRow(-h.infinity, cut.upper, { indices: cut.indices, values: cut.values });
    this.m.options.set({
      output_flag: false,
      time_limit: timeLimit,
      mip_rel_gap: 0,
    });
    this.values = new Array<number>(model.columns.length).fill(0);
    this.shares = [...new Set(model.nurses.filter((n) => n.share > 0).map((n) => n.share))];
    const multiple = lcm(this.shares, 1_000_000);
    this.scale = multiple ?? 1000;
    this.exact = multiple !== null;
  }

  dispose(): void {
    this.m.dispose();
  }

  solve(levels: readonly Level[]): OracleSolution {
    const model = this.model;
    let nonzeros = 0;
    for (const r of model.rows) nonzeros += r.indices.length;
    const solution: OracleSolution = {
      model,
      coveredMinutes: 0,
      coverageBound: 0,
      maxLoad: null,
      maxLoadBound: null,
      leastMostNights: null,
      nightsBound: null,
      secondLoad: null,
      plan: [],
      levels: this.levels,
      size: { columns: model.columns.length, binaries: model.assignments.length, rows: model.rows.length, nonzeros },
    };
    const loaded = model.nurses.filter((n) => n.share > 0);
    if (model.assignments.length === 0) {
      // Nothing to choose: every level is what the existing duties make it.
      const [first, second] = this.topLoads();
      Object.assign(solution, {
        maxLoad: first ?? null,
        maxLoadBound: first ? first.minutes / first.share : null,
        leastMostNights: this.mostNights(),
        secondLoad: second ?? null,
      });
      solution.nightsBound = solution.leastMostNights;
      for (const level of levels) this.levels[level] = { status: 'Optimal', seconds: 0, proven: true };
      return this.finish(solution);
    }

    // (1) Coverage.
    this.deadline = performance.now() + this.timeLimit * 1000;
    this.setCosts(new Map(model.assignments.map((a) => [a.column, a.minutes])), 'maximize');
    // Covered minutes come in multiples of their common divisor: a bound closer than that proves the optimum.
    const step = model.assignments.reduce((g, a) => gcd(g, a.minutes), 0);
    const coverage = this.runLevel(step);
    if (!coverage.lawful) this.values = new Array<number>(this.values.length).fill(0);
    solution.coveredMinutes = this.covered();
    solution.coverageBound = coverage.optimal ? solution.coveredMinutes : Math.floor(coverage.bound + 1e-6);
    this.levels.coverage = { status: coverage.status, seconds: coverage.seconds, proven: coverage.optimal };
    if (!levels.some((l) => l !== 'coverage') || !coverage.lawful) return this.finish(solution);
    this.addRow(
      model.assignments.map((a) => [a.column, a.minutes]),
      solution.coveredMinutes,
      Infinity,
    );

    // (2) The largest load: the smallest of the loads a nurse can have for which every nurse can keep to it.
    this.deadline = performance.now() + this.timeLimit * 1000;
    const load = this.searchLoad(loaded);
    const maxLoad: Ratio | undefined = this.topLoads()[0];
    this.levels.load = { status: load.status, seconds: load.seconds, proven: load.proven };
    if (maxLoad) {
      solution.maxLoad = maxLoad;
      solution.maxLoadBound = load.bound ? load.bound.minutes / load.bound.share : null;
      // Fixed for the levels below: every load at most the largest, in whole minutes.
      this.capLoads(loaded, maxLoad);
    }

    // (3) The most nights for one nurse: the smallest w for which every nurse can keep to w.
    if (levels.includes('nights')) {
      const started = performance.now();
      this.deadline = started + this.timeLimit * 1000;
      const fixedNights = Math.max(0, ...model.nurses.map((n) => n.nightsBefore));
      let lo = fixedNights;
      let hi = Math.max(lo, this.mostNights());
      let best = this.values.slice();
      let proven = true;
      const bound = (w: number) => {
        for (const n of model.nurses)
          if (n.nights !== null) this.m.changeColBounds(n.nights, 0, Math.max(0, Math.min(this.model.columns[n.nights].upper, w - n.nightsBefore)));
      };
      this.setCosts(new Map(), 'minimize');
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        bound(mid);
        const check = this.runLevel(0);
        if (check.found) {
          hi = this.mostNights();
          best = this.values.slice();
        } else if (check.status === 'Infeasible') lo = mid + 1;
        else {
          proven = false;
          break;
        }
      }
      for (const n of model.nurses) if (n.nights !== null) this.m.changeColBounds(n.nights, 0, this.model.columns[n.nights].upper);
      this.values = best;
      solution.leastMostNights = this.mostNights();
      solution.nightsBound = proven ? solution.leastMostNights : lo;
      this.levels.nights = { status: proven ? 'Optimal' : 'Time limit reached', seconds: (performance.now() - started) / 1000, proven };
    }

    // (4) The second-largest load, as the smallest sum of the two largest: min 2t + Σ e, e ≥ load − t.
    if (levels.includes('second') && maxLoad && loaded.length > 1) {
      const t = this.addColumn(0, Infinity, false);
      const excess = loaded.map(() => this.addColumn(0, Infinity, false));
      loaded.forEach((n, i) => this.addRow([...this.loadTerms(n), [t, -1], [excess[i], -1]], -Infinity, -this.scaled(n.minutesBefore, n)));
      const before = this.values.slice();
      const second = this.topLoads()[1];
      this.values[t] = second ? this.scaled(second.minutes, second) : 0;
      loaded.forEach((n, i) => (this.values[excess[i]] = Math.max(0, this.scaled(this.loadOf(n).minutes, n) - this.values[t])));
      this.setCosts(new Map([[t, 2], ...excess.map((c): [number, number] => [c, 1])]), 'minimize');
      this.deadline = performance.now() + this.timeLimit * 1000;
      const level = this.runLevel(this.exact ? 1 : 0);
      if (!level.lawful) this.values = before;
      const secondLoad = this.topLoads()[1];
      solution.secondLoad = secondLoad;
      this.levels.second = {
        status: level.status,
        seconds: level.seconds,
        proven: level.lawful && level.optimal && (this.exact || this.boundProves(level.bound / this.scale - maxLoad.minutes / maxLoad.share, secondLoad)),
      };
      if (this.exact && level.lawful && !level.optimal && secondLoad) {
        // The bound of the sum, in whole scaled units, against the sum found.
        const found = this.scaled(maxLoad.minutes, maxLoad) + this.scaled(secondLoad.minutes, secondLoad);
        this.levels.second.proven = Math.ceil(level.bound - 1e-6) >= found;
      }
    }
    return this.finish(solution);
  }

  /**
   * The smallest largest load, exactly: the loads a nurse can have (her minutes before plus whole
   * units of her proposals, over her contract minutes) are finitely many fractions; a binary search
   * over those up to the largest load of the coverage level's plan asks, for each, whether the
   * coverage optimum is still reachable with every nurse's worked minutes capped at it. The answer
   * is the first fraction that is, the one below it proven unreachable (infeasible).
   */
  private searchLoad(loaded: Nurse[]): { proven: boolean; status: string; bound: Ratio | null; seconds: number } {
    const started = performance.now();
    const fractions = new Map<string, Ratio>();
    let floor: Ratio = { minutes: 0, share: 1 };
    for (const n of loaded) {
      const base = { minutes: n.minutesBefore, share: n.share };
      if (compareRatio(base, floor) > 0) floor = base;
      if (!n.worked) continue;
      const upper = this.model.columns[n.worked.column].upper;
      for (let k = 0; k <= upper; k++) {
        const minutes = n.minutesBefore + k * n.worked.minutes;
        fractions.set(`${minutes}/${n.share}`, { minutes, share: n.share });
      }
    }
    const top = this.topLoads()[0];
    if (!top) return { proven: true, status: 'Optimal', bound: null, seconds: 0 };
    fractions.set(`${floor.minutes}/${floor.share}`, floor);
    const candidates = [...fractions.values()].filter((r) => compareRatio(r, floor) >= 0 && compareRatio(r, top) <= 0).sort(compareRatio);
    this.setCosts(new Map(), 'minimize');
    let lo = 0;
    let hi = candidates.findIndex((r) => compareRatio(r, top) === 0);
    let best = this.values.slice();
    let proven = true;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      this.capLoads(loaded, candidates[mid]);
      const check = this.runLevel(0);
      if (check.lawful) {
        const found = this.topLoads()[0];
        hi = candidates.findIndex((r) => compareRatio(r, found) === 0);
        best = this.values.slice();
      } else if (check.status === 'Infeasible') lo = mid + 1;
      else {
        proven = false;
        break;
      }
    }
    for (const n of loaded) if (n.worked) this.m.changeColBounds(n.worked.column, 0, this.model.columns[n.worked.column].upper);
    this.values = best;
    return { proven, status: proven ? 'Optimal' : 'Time limit reached', bound: candidates[lo] ?? null, seconds: (performance.now() - started) / 1000 };
  }

  /** Caps every nurse's worked minutes so that her load stays at most `limit`. */
  private capLoads(loaded: Nurse[], limit: Ratio): void {
    for (const n of loaded) {
      if (!n.worked) continue;
      const cap = Math.floor((Math.floor((limit.minutes * n.share) / limit.share) - n.minutesBefore) / n.worked.minutes);
      this.m.changeColBounds(n.worked.column, 0, Math.max(0, Math.min(this.model.columns[n.worked.column].upper, cap)));
    }
  }

  private scaled(minutes: number, n: { share: number }): number {
    return (minutes * this.scale) / n.share;
  }

  private finish(solution: OracleSolution): OracleSolution {
    const { input } = this.model;
    solution.plan = this.model.assignments
      .filter((a) => this.values[a.column] > 0.5)
      .map((a) => ({ slotId: input.positions[a.position].slotId, nurseId: input.nurses[a.nurse].id }));
    return solution;
  }

  /** A nurse's scaled load, less its constant part: her worked-minutes column. */
  private loadTerms(n: Nurse): [number, number][] {
    return n.worked ? [[n.worked.column, this.scaled(n.worked.minutes, n)]] : [];
  }

  private loadOf(n: Nurse): Ratio {
    const minutes = n.minutesBefore + n.assignments.reduce((sum, a) => sum + (this.values[a.column] > 0.5 ? a.shiftMinutes : 0), 0);
    return { minutes, share: n.share };
  }

  /** The loads of the current solution, largest first. */
  private topLoads(): Ratio[] {
    return this.model.nurses
      .filter((n) => n.share > 0)
      .map((n) => this.loadOf(n))
      .sort((a, b) => compareRatio(b, a));
  }

  private mostNights(): number {
    return Math.max(0, ...this.model.nurses.map((n) => n.nightsBefore + n.assignments.filter((a) => a.night && this.values[a.column] > 0.5).length));
  }

  private covered(): number {
    return this.model.assignments.reduce((sum, a) => sum + (this.values[a.column] > 0.5 ? a.minutes : 0), 0);
  }

  /**
   * Whether the solver's lower bound (in loads, minutes per contract minute) leaves no achievable
   * load below `value`: the largest fraction below it with a nurse's contract minutes as
   * denominator lies under the bound.
   */
  private boundProves(bound: number, value: Ratio | undefined): boolean {
    if (!value || !Number.isFinite(bound)) return false;
    let below = -Infinity;
    for (const share of this.shares) {
      const minutes = Math.floor((value.minutes * share + value.share - 1) / value.share) - 1;
      below = Math.max(below, minutes / share);
    }
    return bound > below + 1e-9 * Math.max(1, Math.abs(bound));
  }

  private setCosts(costs: Map<number, number>, sense: 'maximize' | 'minimize'): void {
    const all = new Float64Array(this.values.length);
    for (const [c, v] of costs) all[c] = v;
    this.m.changeColsCost({ kind: 'range', from: 0, to: this.values.length - 1 }, all);
    this.m.changeObjectiveSense(this.h.constants.objectiveSense[sense]);
  }

  private addColumn(lower: number, upper: number, integer: boolean): number {
    this.m.addVar(finite(this.h, lower), finite(this.h, upper));
    const index = this.values.length;
    if (integer) this.m.changeColIntegrality(index, this.h.constants.variableType.integer);
    this.values.push(0);
    return index;
  }

  private addRow(terms: [number, number][], lower: number, upper: number): number {
    const merged = new Map<number, number>();
    for (const [c, v] of terms) merged.set(c, (merged.get(c) ?? 0) + v);
    const entries = [...merged].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    this.m.addRow(finite(this.h, lower), finite(this.h, upper), { indices: entries.map(([c]) => c), values: entries.map(([, v]) => v) });
    return this.m.getDimensions().numRows - 1;
  }

  /** The lazy groups the current (rounded) solution breaks. */
  private brokenGroups(): string[] {
    if (!this.lazy) return [];
    const chosen = (c: number) => this.values[c] > 0.5;
    const broken: string[] = [];
    const { input } = this.model;
    const zone = input.positions[0]?.zone ?? 'Europe/Amsterdam';
    for (const [key, group] of this.model.lazyGroups) {
      if (this.added.has(key)) continue;
      if (group.rule === 'weekly-rest') {
        const nurse = this.model.nurses[group.nurse];
        const proposed = nurse.assignments.filter((a) => chosen(a.column)).map((a) => dutyOfPosition(input.positions[a.position]));
        const pair = group.pair as string;
        const weeks = weeklyRestBreaches(nurse.nurse.duties, proposed, zone).filter((monday) => pairMondayOf(monday) === pair);
        if (weeks.length) broken.push(key);
      } else {
        const holds = group.rows.every((r) => {
          const row = this.model.rows[r];
          const value = row.indices.reduce((sum, c, k) => sum + (chosen(c) ? row.values[k] : 0), 0);
          return value <= row.upper + 1e-9 && value >= row.lower - 1e-9;
        });
        if (!holds) broken.push(key);
      }
    }
    return broken;
  }

  private addGroups(keys: readonly string[]): void {
    for (const key of keys) {
      this.added.add(key);
      for (const r of (this.model.lazyGroups.get(key) as { rows: number[] }).rows) {
        const row = this.model.rows[r];
        this.m.addRow(finite(this.h, row.lower), finite(this.h, row.upper), { indices: row.indices, values: row.values });
      }
    }
  }

  /**
   * Solves the current level from the current values as a start (`step`: the objective's values are
   * whole multiples of it, so the solver may stop once its bound is closer than that; 0: no such
   * step), adding the lazy rows a solution
   * breaks and solving again until none is broken or the level's time is spent. Keeps the new
   * values when a solution was found; `lawful` says the kept solution keeps every row.
   */
  private runLevel(step: number): { optimal: boolean; status: string; bound: number; seconds: number; lawful: boolean; found: boolean } {
    const started = performance.now();
    const deadline = Math.min(this.deadline, started + this.timeLimit * 1000);
    this.m.options.set({ mip_abs_gap: step > 0 ? step * (1 - 1e-6) : 1e-9 });
    for (;;) {
      this.m.options.set({ time_limit: Math.max(0.5, (deadline - performance.now()) / 1000) });
      this.m.clearSolver();
      // The last solution, whole, as a start: it keeps every row of the level before, and the level's
      // own columns are set to match it. (A partial start, left for the solver to complete, was
      // seen to end a level "optimal" at the start's value with a better solution feasible.)
      const start = Float64Array.from(this.values, (v, i) => (i < this.model.columns.length && this.model.columns[i].integer ? Math.round(v) : v));
      this.m.setSolution({ colValue: start });
      if (process.env.ORACLE_DEBUG === '2') {
        this.m.options.set({ output_flag: true, log_to_console: false });
        this.m.run({
          [this.h.constants.callbackType.logging]: (event: { message?: string }) => {
            if (event.message) process.stdout.write(event.message);
          },
        });
      } else this.m.run();
      const code = this.m.getModelStatus();
      const optimal = code === this.h.constants.modelStatus.optimal;
      const found = Number(this.m.info.get('primal_solution_status')) === 2;
      if (found) this.values = Array.from(this.m.getSolution().colValue);
      let bound = Number(this.m.info.get('mip_dual_bound'));
      if (optimal && !Number.isFinite(bound)) bound = this.m.getObjectiveValue();
      const broken = found ? this.brokenGroups() : [];
      const seconds = (performance.now() - started) / 1000;
      if (process.env.ORACLE_DEBUG)
        console.log(
          `  run: ${STATUS_NAMES[code]} obj ${this.m.getObjectiveValue()} bound ${bound} broken ${broken.length} (${broken.slice(0, 3).join(' ')}) at ${seconds.toFixed(1)}s`,
        );
      if (broken.length === 0 || performance.now() >= deadline) {
        return {
          optimal: optimal && broken.length === 0,
          status: STATUS_NAMES[code] ?? `status ${code}`,
          bound,
          seconds,
          lawful: found && broken.length === 0,
          found,
        };
      }
      this.addGroups(broken);
    }
  }
}

function dutyOfPosition(p: OracleInput['positions'][number]): Duty {
  return { startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone };
}
