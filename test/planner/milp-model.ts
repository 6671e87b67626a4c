import type { PlannerInput, PlannerNurse, PlannerPosition } from '../../src/roster-plans/planner/planner.js';
import { addDays, daysBetween, placeLocal } from '../../src/common/local-time.js';
import type { Duty } from '../../src/working-time/working-time-rules.js';
import {
  contractCapMinutes,
  durationMinutes,
  HOUR,
  isLateNight,
  isNight,
  LAW,
  mondayOf,
  pairMondayOf,
  shareOf,
  SIXTEEN_WEEKS,
  sundaysTouched,
  tooLong,
  WEEK,
  weekRest,
  weeksTouched,
} from './law.js';

/**
 * The roster plan as a mixed-integer linear programme, built directly from a planner input: one
 * binary x[nurse, slot] for every eligible pair, and every working-time rule of domain.md, the
 * "lawful in any order" requirement of api.md and the contract hours of a plan as rows. Pure: the
 * input in, the model's columns and rows out (`oracle.ts` hands them to HiGHS).
 *
 * Every rule is written so that a 0/1 choice of the x satisfies the rows exactly when the chosen
 * proposals, added to the existing duties one by one in any order, pass every check; the
 * auxiliary columns are continuous and bounded by the x, so they add no choice of their own.
 * Breaches among existing duties alone involve no proposal and constrain nothing; a proposal that
 * takes part in one (a window already over its limit) is refused, as the verdict refuses it.
 * Weekly rest and Sunday rest are judged on the assignment that causes the breach, as the verdict
 * reads domain.md: a week that already fails on existing duties takes no proposal of its own (its
 * partner week's proposals are free), and a 52-week window already beyond 39 worked Sundays takes
 * no proposal on a free Sunday.
 */

export type OracleInput = PlannerInput & {
  /** The plan's overtime option (api.md: 0–50, default 0). */
  overtimePct?: number;
};

export type RowRule =
  /** A counting column defined by the x (minutes worked, nights): not a rule, never left out. */
  | 'definition'
  | 'position-open'
  | 'overlap'
  | 'rest-minimum'
  | 'daily-rest'
  | 'rest-after-night'
  | 'rest-after-night-series'
  | 'max-week-hours'
  | 'max-nights-16-weeks'
  | 'on-call-frequency'
  | 'on-call-near-night'
  | 'weekly-rest'
  | 'sunday-rest'
  | 'contract-hours';

/** The rules that are rows of the model (every one but the open positions themselves). */
export const RULE_ROWS: readonly RowRule[] = [
  'overlap',
  'rest-minimum',
  'daily-rest',
  'rest-after-night',
  'rest-after-night-series',
  'max-week-hours',
  'max-nights-16-weeks',
  'on-call-frequency',
  'on-call-near-night',
  'weekly-rest',
  'sunday-rest',
  'contract-hours',
];

export interface Column {
  name: string;
  lower: number;
  upper: number;
  integer: boolean;
  /** The nurse whose rows the column belongs to (every rule row is one nurse's; only position-open rows span nurses). */
  nurse: number;
}

export interface Row {
  rule: RowRule;
  lower: number;
  upper: number;
  indices: number[];
  values: number[];
  /** Rows of a lazy group are added to a solve only once a solution breaks the group (see `LazyGroup`). */
  group?: string;
}

/**
 * Rows that rarely bind and are many (weekly rest of one nurse's two-week period; one 7×24 h window
 * of max-week-hours): a solver may leave them out until a solution breaks them, then add them and
 * solve again. The end result is the same optimum, from a much smaller model.
 */
export interface LazyGroup {
  rule: RowRule;
  nurse: number;
  /** Weekly rest: the Monday opening the two-week period. */
  pair?: string;
  rows: number[];
}

/** One eligible nurse–slot pair: the binary column x. */
export interface Assignment {
  column: number;
  nurse: number;
  position: number;
  /** Position-minutes it covers. */
  minutes: number;
  /** Minutes of working time (0 for an on-call block). */
  shiftMinutes: number;
  night: boolean;
}

export interface NurseFacts {
  nurse: PlannerNurse;
  /** Contract minutes per week (the full-time week when unset); 0: never planned, no load. */
  share: number;
  /** Minutes of her existing shifts whose local date lies in the period. */
  minutesBefore: number;
  nightsBefore: number;
  /** The most shift minutes the plan may give her (existing and proposed). */
  capMinutes: number;
  assignments: Assignment[];
  /**
   * An integer column counting her proposed shift minutes in units of `minutes` (their common
   * divisor), so that a solver can branch on a nurse's whole load; null without shift proposals.
   */
  worked: { column: number; minutes: number } | null;
  /** An integer column counting her proposed night shifts; null without night proposals. */
  nights: number | null;
}

export interface OracleModel {
  input: OracleInput;
  days: number;
  columns: Column[];
  rows: Row[];
  lazyGroups: Map<string, LazyGroup>;
  assignments: Assignment[];
  nurses: NurseFacts[];
}

export interface ModelOptions {
  /** Rules left out (to measure whether they bind). */
  omit?: readonly RowRule[];
}

/** A duty of a nurse in the model: existing (fixed) or a proposal she may get (a column). */
interface Item {
  duty: Duty;
  column: number | null;
  start: number;
  end: number;
  shift: boolean;
  night: boolean;
  late: boolean;
  day: number;
}

/** An indicator in a row: a column, or FIXED for an existing duty that is there anyway. */
const FIXED = -1;

class ModelBuilder {
  readonly columns: Column[] = [];
  readonly rows: Row[] = [];
  readonly lazyGroups = new Map<string, LazyGroup>();
  private readonly seen = new Set<string>();
  private group: { key: string; nurse: number; pair?: string } | null = null;

  /** Rows added inside `build` form one lazy group. */
  lazy(key: string, nurse: number, pair: string | undefined, build: () => void): void {
    this.group = { key, nurse, pair };
    try {
      build();
    } finally {
      this.group = null;
    }
  }

  constructor(private readonly omit: ReadonlySet<RowRule>) {}

  /** The nurse whose columns and rows are being built. */
  nurse = -1;

  column(name: string, lower: number, upper: number, integer = false): number {
    this.columns.push({ name, lower, upper, integer, nurse: this.nurse });
    return this.columns.length - 1;
  }

  /** Adds lower ≤ Σ value × column ≤ upper once (an identical row is not repeated). */
  row(rule: RowRule, terms: Iterable<[number, number]>, lower: number, upper: number): void {
    if (this.omit.has(rule)) return;
    const merged = new Map<number, number>();
    for (const [column, value] of terms) merged.set(column, (merged.get(column) ?? 0) + value);
    let entries = [...merged].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    if (entries.length === 0) {
      if (lower > 1e-9 || upper < -1e-9) throw new Error(`a ${rule} row without columns cannot hold`);
      return;
    }
    // Integer columns and coefficients: divide by their common divisor and round the bounds inwards
    // (a valid tightening that the LP relaxation feels, e.g. minutes in multiples of an hour).
    if (entries.every(([c, v]) => this.columns[c].integer && Number.isInteger(v))) {
      const divisor = entries.reduce((g, [, v]) => gcd(g, Math.abs(v)), 0);
      if (divisor > 1) {
        entries = entries.map(([c, v]) => [c, v / divisor]);
        lower = Math.ceil(lower / divisor - 1e-9);
        upper = Math.floor(upper / divisor + 1e-9);
      }
    }
    const key = `${rule}|${lower}|${upper}|${entries.map(([c, v]) => `${c}:${v}`).join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const row: Row = { rule, lower, upper, indices: entries.map(([c]) => c), values: entries.map(([, v]) => v) };
    if (this.group) {
      row.group = this.group.key;
      let group = this.lazyGroups.get(this.group.key);
      if (!group) this.lazyGroups.set(this.group.key, (group = { rule, nurse: this.group.nurse, pair: this.group.pair, rows: [] }));
      group.rows.push(this.rows.length);
    }
    this.rows.push(row);
  }

  /**
   * At most `limit` of the indicators (existing duties count as fixed ones). Redundant when even all
   * of them stay within; when the fixed ones alone exceed it, every proposal among them is refused.
   */
  atMost(rule: RowRule, indicators: readonly number[], limit: number): void {
    const fixed = indicators.filter((i) => i === FIXED).length;
    const free = [...new Set(indicators.filter((i) => i !== FIXED))];
    if (free.length === 0 || fixed + free.length <= limit) return;
    if (fixed > limit) {
      for (const c of free) this.row(rule, [[c, 1]], -Infinity, 0);
      return;
    }
    this.row(
      rule,
      free.map((c) => [c, 1]),
      -Infinity,
      limit - fixed,
    );
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

const dayNumber = (date: string) => daysBetween('2000-01-01', date);

/** Whether two duties can never be held together by one nurse, whatever else she holds. */
function pairConflict(a: Item, b: Item): boolean {
  if (overlaps(a.start, a.end, b.start, b.end)) return true;
  if (a.shift && b.shift) {
    const [first, second] = a.start <= b.start ? [a, b] : [b, a];
    if (second.start - first.end < LAW.shortenedRest) return true;
  }
  return nearNight(a, b) || nearNight(b, a);
}

/** on-call-near-night: a block in the 11 h before or the 14 h after a night shift. */
function nearNight(block: Item, night: Item): boolean {
  if (block.shift || !night.night) return false;
  return (
    overlaps(block.start, block.end, night.start - LAW.onCallBeforeNight, night.start) ||
    overlaps(block.start, block.end, night.end, night.end + LAW.onCallAfterNight)
  );
}

function itemOf(duty: Duty, column: number | null): Item {
  return {
    duty,
    column,
    start: duty.startMs,
    end: duty.endMs,
    shift: duty.dutyType === 'shift',
    night: isNight(duty),
    late: isLateNight(duty),
    day: dayNumber(duty.localDate),
  };
}

const ind = (item: Item) => item.column ?? FIXED;

/** Groups of items that all hold one instant (so at most one of each group can be chosen), covering every item. */
function stabbingCliques(items: readonly Item[]): Item[][] {
  const cliques: Item[][] = [];
  const covered = new Set<Item>();
  for (const item of [...items].sort((a, b) => a.end - b.end)) {
    if (covered.has(item)) continue;
    const at = item.end - 1;
    const clique = items.filter((o) => o.start <= at && o.end > at);
    for (const o of clique) covered.add(o);
    cliques.push(clique);
  }
  return cliques;
}

/** The maximal groups of intervals that share an instant, each listed once. */
function intervalCliques(intervals: readonly { column: number; from: number; to: number }[]): number[][] {
  const starts = [...new Set(intervals.map((i) => i.from))].sort((a, b) => a - b);
  const cliques: number[][] = [];
  let previous: Set<number> | null = null;
  for (const t of starts) {
    const active = intervals.filter((i) => i.from <= t && i.to > t).map((i) => i.column);
    const set = new Set(active);
    if (previous && [...previous].every((c) => set.has(c))) cliques.pop();
    cliques.push(active);
    previous = set;
  }
  return cliques.filter((c) => c.length > 1);
}

/** Builds the model of a planner input. */
export function buildOracleModel(input: OracleInput, options: ModelOptions = {}): OracleModel {
  const b = new ModelBuilder(new Set(options.omit ?? []));
  const days = daysBetween(input.from, input.to) + 1;
  const zones = new Set(input.positions.map((p) => p.zone));
  if (zones.size > 1) throw new Error('the oracle models one region (one time zone) at a time');
  const zone = [...zones][0] ?? 'Europe/Amsterdam';
  for (const p of input.positions) {
    if (p.localDate < input.from || p.localDate > input.to) throw new Error(`position ${p.slotId} lies outside the period`);
  }

  const assignments: Assignment[] = [];
  const nurses: NurseFacts[] = [];
  const itemsOf: Item[][] = [];
  input.nurses.forEach((nurse, n) => {
    b.nurse = n;
    const existing = nurse.duties.map((d) => itemOf(d, null));
    const inPeriod = nurse.duties.filter((d) => d.dutyType === 'shift' && d.localDate >= input.from && d.localDate <= input.to);
    const facts: NurseFacts = {
      nurse,
      share: nurse.contractMinutesPerWeek === 0 ? 0 : shareOf(nurse.contractMinutesPerWeek),
      minutesBefore: inPeriod.reduce((sum, d) => sum + durationMinutes(d), 0),
      nightsBefore: inPeriod.filter(isNight).length,
      capMinutes: contractCapMinutes(nurse.contractMinutesPerWeek, days, input.overtimePct ?? 0),
      assignments: [],
      worked: null,
      nights: null,
    };
    nurses.push(facts);
    const items = [...existing];
    input.positions.forEach((p, pi) => {
      if (!staticallyEligible(p, nurse)) return;
      const duty: Duty = { startMs: p.startMs, endMs: p.endMs, dutyType: p.dutyType, localDate: p.localDate, zone: p.zone };
      const probe = itemOf(duty, null);
      if (tooLong(duty) || existing.some((e) => pairConflict(probe, e))) return;
      const column = b.column(`x_${n}_${pi}`, 0, 1, true);
      const item = { ...probe, column };
      const assignment: Assignment = {
        column,
        nurse: n,
        position: pi,
        minutes: durationMinutes(p),
        shiftMinutes: item.shift ? durationMinutes(p) : 0,
        night: item.night,
      };
      assignments.push(assignment);
      facts.assignments.push(assignment);
      items.push(item);
    });
    itemsOf.push(items.sort((a, c) => a.start - c.start || a.end - c.end));
  });

  // Each position is covered at most as often as it is open.
  input.positions.forEach((p, pi) => {
    const columns = assignments.filter((a) => a.position === pi).map((a) => a.column);
    if (columns.length > p.open) {
      b.row(
        'position-open',
        columns.map((c) => [c, 1]),
        -Infinity,
        p.open,
      );
    }
  });

  input.nurses.forEach((_, n) => {
    b.nurse = n;
    const items = itemsOf[n];
    const free = items.filter((i) => i.column !== null);
    if (free.length === 0) return;
    overlapRows(b, free);
    restRows(b, items);
    nightSeriesRows(b, n, items);
    weekHourRows(b, n, items);
    countRows(b, items);
    countingColumns(b, n, nurses[n]);
    weeklyRestRows(b, n, items, zone);
    sundayRestRows(b, n, items);
  });

  return { input, days, columns: b.columns, rows: b.rows, lazyGroups: b.lazyGroups, assignments, nurses };
}

/** Employer, qualification, absence, closed month and contract minutes: what no other duty changes. */
function staticallyEligible(p: PlannerPosition, n: PlannerNurse): boolean {
  return (
    n.contractMinutesPerWeek !== 0 &&
    p.employerAgbs.includes(n.employerAgb) &&
    p.requiredQualifications.every((q) => n.qualifications.includes(q)) &&
    !n.absences.some((a) => a.fromDate <= p.localDate && a.toDate >= p.localDate) &&
    !(p.closedMonths?.has(p.localDate.slice(0, 7)) ?? false)
  );
}

/** overlap; and the 8 h below which no rest between two shifts may ever fall (daily rest and rest after a night). */
function overlapRows(b: ModelBuilder, free: readonly Item[]): void {
  for (const clique of intervalCliques(free.map((i) => ({ column: i.column as number, from: i.start, to: i.end })))) {
    b.row(
      'overlap',
      clique.map((c) => [c, 1]),
      -Infinity,
      1,
    );
  }
  const shifts = free.filter((i) => i.shift).map((i) => ({ column: i.column as number, from: i.start, to: i.end + LAW.shortenedRest }));
  for (const clique of intervalCliques(shifts)) {
    b.row(
      'rest-minimum',
      clique.map((c) => [c, 1]),
      -Infinity,
      1,
    );
  }
  for (const block of free) {
    for (const night of free) {
      if (nearNight(block, night)) {
        b.row(
          'on-call-near-night',
          [
            [block.column as number, 1],
            [night.column as number, 1],
          ],
          -Infinity,
          1,
        );
      }
    }
  }
}

/**
 * The shortened rests (8 h ≤ rest < 11 h, or < 14 h after a night ending after 02:00): at most one
 * of each rule starts in any 7×24 h. A rest is between two shifts with no shift in between; a pair
 * of chosen shifts less than 14 h apart can have none between them (it would leave less than 8 h),
 * so a shortened pair is a rest exactly when both are chosen. A continuous s ≥ x + y − 1 marks it.
 */
function restRows(b: ModelBuilder, items: readonly Item[]): void {
  const shifts = items.filter((i) => i.shift);
  for (const rule of ['daily-rest', 'rest-after-night'] as const) {
    const pairs: { start: number; indicator: number }[] = [];
    shifts.forEach((x, xi) => {
      if ((rule === 'rest-after-night') !== x.late) return;
      const required = x.late ? LAW.restAfterNight : LAW.dailyRest;
      for (let yi = xi + 1; yi < shifts.length; yi++) {
        const y = shifts[yi];
        const gap = y.start - x.end;
        if (y.start === x.start || gap < LAW.shortenedRest || gap >= required) continue;
        // An existing shift between them means they are never one rest.
        if (shifts.some((z) => z.column === null && z.start > x.start && z.start < y.start)) continue;
        if (x.column === null && y.column === null) {
          pairs.push({ start: x.end, indicator: FIXED });
          continue;
        }
        const s = b.column(`s_${rule}_${x.column ?? 'e'}_${y.column ?? 'e'}`, 0, 1);
        const terms: [number, number][] = [[s, 1]];
        let fixed = 0;
        for (const end of [x, y]) {
          if (end.column === null) fixed++;
          else terms.push([end.column, -1]);
        }
        b.row(rule, terms, fixed - 1, Infinity);
        pairs.push({ start: x.end, indicator: s });
      }
    });
    for (const anchor of new Set(pairs.map((p) => p.start))) {
      b.atMost(
        rule,
        pairs.filter((p) => p.start >= anchor && p.start < anchor + WEEK).map((p) => p.indicator),
        1,
      );
    }
  }
}

/**
 * rest-after-night-series, as lawful in any order: after three or more night shifts on consecutive
 * dates, no shift may start within 46 h of the last one's end. A run is judged in every subset of
 * the plan, so a proposed night that continues a run can be left out: for the last night L of
 * three (dates d−2, d−1, d, with no existing night on d+1 to carry the run on) and a shift S
 * starting within 46 h of L's end (not a night of d+1), the four may not all be chosen when S is a
 * proposal; when S exists, the three may not all be chosen when one of them is a proposal, and when
 * all three exist no proposed night may extend the run backwards. This covers "no proposed night
 * 4th or later in a run with another night after it".
 */
function nightSeriesRows(b: ModelBuilder, n: number, items: readonly Item[]): void {
  const nightsOn = new Map<number, Item[]>();
  for (const i of items) if (i.night) nightsOn.set(i.day, [...(nightsOn.get(i.day) ?? []), i]);
  for (const [day, nights] of nightsOn) {
    for (let i = 0; i < nights.length; i++) {
      for (let j = i + 1; j < nights.length; j++) {
        if (!overlaps(nights[i].start, nights[i].end, nights[j].start, nights[j].end)) {
          throw new Error(`two night shifts on one date that do not overlap (day ${day}): not modelled`);
        }
      }
    }
  }
  const indicatorOf = new Map<number, number | null>();
  /** "A night on this date is chosen": FIXED, a column, or null when no night can be. */
  const nightOn = (day: number): number | null => {
    if (indicatorOf.has(day)) return indicatorOf.get(day) as number | null;
    const nights = nightsOn.get(day) ?? [];
    let value: number | null = null;
    if (nights.some((x) => x.column === null)) value = FIXED;
    else if (nights.length === 1) value = nights[0].column;
    else if (nights.length > 1) {
      value = b.column(`night_${n}_${day}`, 0, 1);
      for (const x of nights) {
        b.row(
          'rest-after-night-series',
          [
            [value, 1],
            [x.column as number, -1],
          ],
          0,
          Infinity,
        );
      }
    }
    indicatorOf.set(day, value);
    return value;
  };
  const notAll = (indicators: number[]) => {
    const fixed = indicators.filter((x) => x === FIXED).length;
    const free = indicators.filter((x) => x !== FIXED);
    if (free.length === 0) return false;
    b.row(
      'rest-after-night-series',
      free.map((c) => [c, 1]),
      -Infinity,
      indicators.length - 1 - fixed,
    );
    return true;
  };
  const shifts = items.filter((i) => i.shift);
  for (const last of items.filter((i) => i.night)) {
    if ((nightsOn.get(last.day + 1) ?? []).some((x) => x.column === null)) continue;
    const before1 = nightOn(last.day - 1);
    const before2 = nightOn(last.day - 2);
    if (before1 === null || before2 === null) continue;
    const run = [before2, before1, ind(last)];
    const within = shifts.filter((s) => s.start >= last.end && s.start < last.end + LAW.restAfterNightSeries && !(s.night && s.day === last.day + 1));
    const firstExisting = within.find((s) => s.column === null);
    for (const next of within) {
      if (next.column !== null) {
        if (firstExisting && firstExisting.start < next.start) continue;
        notAll([...run, next.column]);
      } else if (next === firstExisting && !notAll(run)) {
        // The run and the shift after it all exist: a proposed night may not lengthen the run backwards.
        const chain: number[] = [];
        for (let day = last.day - 3; ; day--) {
          const indicator = nightOn(day);
          if (indicator === null) break;
          chain.push(indicator);
          notAll(chain);
        }
      }
    }
  }
}

/** max-week-hours: at most 60 h of shifts (clipped at the window's edges) in any 7×24 h. */
function weekHourRows(b: ModelBuilder, n: number, items: readonly Item[]): void {
  const shifts = items.filter((i) => i.shift);
  const anchors = new Set<number>();
  for (const s of shifts) anchors.add(s.start).add(s.end - WEEK);
  const limit = LAW.maxWeekShift / 60_000;
  for (const t of anchors) {
    let fixed = 0;
    const terms: [number, number][] = [];
    for (const s of shifts) {
      const minutes = (Math.min(s.end, t + WEEK) - Math.max(s.start, t)) / 60_000;
      if (minutes <= 0) continue;
      if (s.column === null) fixed += minutes;
      else terms.push([s.column, minutes]);
    }
    if (terms.length === 0 || fixed + terms.reduce((sum, [, m]) => sum + m, 0) <= limit) continue;
    b.lazy(`max-week-hours|${n}|${t}`, n, undefined, () => {
      if (fixed > limit) for (const [c] of terms) b.row('max-week-hours', [[c, 1]], -Infinity, 0);
      else b.row('max-week-hours', terms, -Infinity, limit - fixed);
    });
  }
}

/** max-nights-16-weeks and on-call-frequency: counts of duties starting in rolling windows. */
function countRows(b: ModelBuilder, items: readonly Item[]): void {
  const windows = (rule: RowRule, members: Item[], span: number, limit: number) => {
    for (const first of members) {
      b.atMost(rule, members.filter((m) => m.start >= first.start && m.start < first.start + span).map(ind), limit);
    }
  };
  windows(
    'max-nights-16-weeks',
    items.filter((i) => i.late),
    SIXTEEN_WEEKS,
    LAW.maxLateNights16Weeks,
  );
  const blocks = items.filter((i) => !i.shift);
  windows('on-call-frequency', blocks, WEEK, LAW.maxOnCallPerWeek);
  windows('on-call-frequency', blocks, SIXTEEN_WEEKS, LAW.maxOnCallPer16Weeks);
}

/**
 * Her proposed shift minutes and nights as integer columns, and contract hours on them: her shift
 * minutes in the period, existing and proposed, within her share plus overtime (none at all when
 * the existing ones are already beyond it).
 */
function countingColumns(b: ModelBuilder, n: number, facts: NurseFacts): void {
  const shifts = facts.assignments.filter((a) => a.shiftMinutes > 0);
  if (shifts.length) {
    const unit = shifts.reduce((g, a) => gcd(g, a.shiftMinutes), 0);
    const total = shifts.reduce((sum, a) => sum + a.shiftMinutes, 0);
    const column = b.column(`worked_${n}`, 0, total / unit, true);
    b.row('definition', [...shifts.map((a): [number, number] => [a.column, a.shiftMinutes / unit]), [column, -1]], 0, 0);
    facts.worked = { column, minutes: unit };
    const room = facts.capMinutes - facts.minutesBefore;
    if (total > room) b.row('contract-hours', [[column, 1]], -Infinity, room < 0 ? 0 : Math.floor(room / unit));
  }
  const nights = facts.assignments.filter((a) => a.night);
  if (nights.length) {
    const column = b.column(`nights_${n}`, 0, nights.length, true);
    b.row('definition', [...nights.map((a): [number, number] => [a.column, 1]), [column, -1]], 0, 0);
    facts.nights = column;
  }
}

/**
 * Weekly rest (Atw 5:5): every calendar week holds a free 36 h inside it, or its fixed two-week
 * period holds free stretches of 32 h or more adding up to 72 h.
 *
 * The week's own rest: a continuous μ_t ≤ 1 − x for every proposal in the window [t, t + 36 h),
 * for t the week's start and every duty end in it (every free stretch starts at one of them);
 * Σ μ_t + π_w ≥ 1, where π_w says the week relies on its period.
 *
 * The period: a free stretch starts where a chosen duty ends (or at the period's start). For each
 * such instant a, κ_a ≤ 1 − x for the proposals in [a, a + 32 h) (the stretch is long enough),
 * and R_a (hours, at most 72) ≤ 72 κ_a, ≤ 72 × [a duty ending at a is chosen], ≤ (s − a) + 72 (1 −
 * [a duty starting at s is chosen]) for every start s in [a + 32 h, a + 72 h), ≤ the period's
 * end − a. Then R_a is the stretch's length (capped at 72 h, which is enough) when it counts and 0
 * otherwise, distinct a are distinct stretches, and Σ R_a ≥ 72 π_w.
 */
function weeklyRestRows(b: ModelBuilder, n: number, items: readonly Item[], zone: string): void {
  const pairs = new Set<string>();
  for (const i of items) if (i.column !== null) for (const monday of weeksTouched(i.start, i.end, zone)) pairs.add(pairMondayOf(monday));
  for (const pair of pairs) {
    const p0 = placeLocal(pair, '00:00', zone);
    const p1 = placeLocal(addDays(pair, 14), '00:00', zone);
    const inPair = items.filter((i) => overlaps(i.start, i.end, p0, p1));
    const existing = inPair.filter((i) => i.column === null).map((i) => i.duty);
    const everything = inPair.map((i) => i.duty);
    for (const monday of [pair, addDays(pair, 7)]) {
      if (weekRest(existing, monday, zone).passes) continue;
      // A week already without its rest on existing duties takes no further duty of its own (the
      // verdict counts the breach against every assignment in it); its partner week's duties are free.
      for (const i of inPair) if (i.column !== null && weeksTouched(i.start, i.end, zone).includes(monday)) b.row('weekly-rest', [[i.column, 1]], -Infinity, 0);
    }
    const weeks = [pair, addDays(pair, 7)].filter((monday) => weekRest(existing, monday, zone).passes && !weekRest(everything, monday, zone).passes);
    if (weeks.length === 0) continue;
    b.lazy(`weekly-rest|${n}|${pair}`, n, pair, () => weekRows(b, n, inPair, weeks, p0, p1, zone));
  }
}

function weekRows(b: ModelBuilder, n: number, inPair: readonly Item[], weeks: readonly string[], p0: number, p1: number, zone: string): void {
  const freeWindow = (from: number, to: number): Item[] | null => {
    const inside = inPair.filter((i) => overlaps(i.start, i.end, from, to));
    return inside.some((i) => i.column === null) ? null : inside;
  };
  const freeOf = (indicator: number, inside: Item[]) => {
    for (const clique of stabbingCliques(inside)) {
      b.row('weekly-rest', [[indicator, 1], ...clique.map((i): [number, number] => [i.column as number, 1])], -Infinity, 1);
    }
  };
  const relies = new Map<string, number>();
  for (const monday of weeks) {
    const w0 = placeLocal(monday, '00:00', zone);
    const w1 = placeLocal(addDays(monday, 7), '00:00', zone);
    const anchors = new Set([w0, ...inPair.map((i) => i.end).filter((e) => e > w0 && e + LAW.weeklyRest <= w1)]);
    const pi = b.column(`weekpair_${n}_${monday}`, 0, 1);
    relies.set(monday, pi);
    const own: [number, number][] = [[pi, 1]];
    for (const t of anchors) {
      const inside = freeWindow(t, t + LAW.weeklyRest);
      if (!inside) continue;
      const mu = b.column(`rest36_${n}_${monday}_${t}`, 0, 1);
      freeOf(mu, inside);
      own.push([mu, 1]);
    }
    b.row('weekly-rest', own, 1, Infinity);
  }
  const stretches: [number, number][] = [];
  const anchors = new Set([p0, ...inPair.map((i) => i.end).filter((e) => e > p0 && e + LAW.pairRestPiece <= p1)]);
  for (const a of anchors) {
    const inside = freeWindow(a, a + LAW.pairRestPiece);
    if (!inside) continue;
    const endingHere = inPair.filter((i) => i.end === a);
    if (a !== p0 && endingHere.length === 0) continue;
    const kappa = b.column(`rest32_${n}_${a}`, 0, 1);
    freeOf(kappa, inside);
    const r = b.column(`stretch_${n}_${a}`, 0, Math.min(72, (p1 - a) / HOUR));
    b.row(
      'weekly-rest',
      [
        [r, 1],
        [kappa, -72],
      ],
      -Infinity,
      0,
    );
    if (a !== p0 && !endingHere.some((i) => i.column === null)) {
      b.row('weekly-rest', [[r, 1], ...endingHere.map((i): [number, number] => [i.column as number, -72])], -Infinity, 0);
    }
    const starts = [...new Set(inPair.map((i) => i.start).filter((s) => s >= a + LAW.pairRestPiece && s < Math.min(a + LAW.pairRestTotal, p1)))].sort(
      (x, y) => x - y,
    );
    for (const s of starts) {
      const startingHere = inPair.filter((i) => i.start === s);
      if (startingHere.some((i) => i.column === null)) {
        b.row('weekly-rest', [[r, 1]], -Infinity, (s - a) / HOUR);
        break;
      }
      b.row('weekly-rest', [[r, 1], ...startingHere.map((i): [number, number] => [i.column as number, 72])], -Infinity, (s - a) / HOUR + 72);
    }
    stretches.push([r, 1]);
  }
  for (const monday of weeks) b.row('weekly-rest', [...stretches, [relies.get(monday) as number, -72]], 0, Infinity);
}

/**
 * Sunday rest (Atw 5:6): in any 52 calendar weeks at most 39 Sundays worked. u_S ≥ x for every
 * proposal touching Sunday S (not needed where an existing duty takes S anyway); in a 52-week window
 * already over 39 on existing duties no proposal may take a Sunday that was free.
 */
function sundayRestRows(b: ModelBuilder, n: number, items: readonly Item[]): void {
  const workedAnyway = new Set(items.filter((i) => i.column === null).flatMap((i) => sundaysTouched(i.duty)));
  const touching = new Map<string, Item[]>();
  for (const i of items) {
    if (i.column === null) continue;
    for (const sunday of sundaysTouched(i.duty)) if (!workedAnyway.has(sunday)) touching.set(sunday, [...(touching.get(sunday) ?? []), i]);
  }
  if (touching.size === 0) return;
  const worked = new Map<string, number>();
  for (const [sunday, proposals] of touching) {
    if (proposals.length === 1) worked.set(sunday, proposals[0].column as number);
    else {
      const u = b.column(`sunday_${n}_${sunday}`, 0, 1);
      for (const i of proposals) {
        b.row(
          'sunday-rest',
          [
            [u, 1],
            [i.column as number, -1],
          ],
          0,
          Infinity,
        );
      }
      worked.set(sunday, u);
    }
  }
  const firsts = new Set<string>();
  for (const sunday of touching.keys()) for (let k = 0; k < LAW.sundaysWindowWeeks; k++) firsts.add(mondayOf(addDays(sunday, -7 * k)));
  const maxWorked = LAW.sundaysWindowWeeks - LAW.freeSundaysInWindow;
  for (const first of firsts) {
    const last = addDays(first, 7 * LAW.sundaysWindowWeeks - 1);
    // A window already beyond the limit on existing duties refuses every new Sunday in it (atMost
    // refuses each proposal then), as the verdict does: the new Sunday is part of the breach.
    const fixed = [...workedAnyway].filter((s) => s >= first && s <= last).length;
    const free = [...worked].filter(([s]) => s >= first && s <= last).map(([, c]) => c);
    b.atMost('sunday-rest', [...free, ...new Array<number>(fixed).fill(FIXED)], maxWorked);
  }
}
