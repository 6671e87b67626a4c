/**
 * What a roster plan optimises, written once: named terms compared in one order (api.md, "Roster
 * plans and wishes"). Every move and search of the planner asks `compareOutcomes`; none encodes a
 * goal of its own. Pure.
 *
 * A comparison is between two outcomes of the same nurses (those a move touches): because a
 * "largest first" (leximax) comparison of all nurses' values is decided by the values that differ,
 * comparing the touched nurses alone orders whole plans exactly as comparing every nurse would.
 */

/** The sector's full-time week (CAO VVT): the share of a nurse without contract hours. */
export const FULL_TIME_MINUTES_PER_WEEK = 2160;

/** A nurse's contract minutes a week as the plan counts them: her own, or the full-time week. */
export function shareOf(contractMinutesPerWeek: number | null): number {
  return contractMinutesPerWeek ?? FULL_TIME_MINUTES_PER_WEEK;
}

/** What a nurse carries in a plan, as far as the objective is concerned. */
export interface Tally {
  /** Minutes of her shifts whose local date lies in the period, existing and proposed (on-call blocks are not working time). */
  minutes: number;
  /** Contract minutes a week (`shareOf`): her load is minutes ÷ (share × days ÷ 7), and the days cancel out. */
  share: number;
  /** Night shifts in the period (more than 1 h between 00:00 and 06:00). */
  nights: number;
  onCallBlocks: number;
  /** Duties starting on a local Saturday or Sunday. */
  weekendDuties: number;
  /** Dates she would rather not start a duty on, on which she has one. */
  wishesOverridden: number;
}

/** The state a comparison looks at: the plan's coverage, its changes, and the touched nurses. */
export interface Outcome {
  /** Covered position-minutes (only the difference between two outcomes matters). */
  coveredMinutes: number;
  /** Existing assignments handed to another nurse (repair plans). */
  changedAssignments: number;
  /** The nurses the comparison is about, the same nurses on both sides. */
  tallies: readonly Tally[];
}

/** One goal: negative when `after` is better than `before`, positive when worse, 0 when equal. */
export interface Term {
  readonly name: string;
  compare(before: Outcome, after: Outcome): number;
}

/**
 * a/b against c/d for non-negative integers, exactly; a zero denominator reads as beyond every
 * ratio (a nurse with no contract hours is never given anything, so her load never improves).
 */
export function compareRatio(a: number, b: number, c: number, d: number): number {
  if (b === 0 || d === 0) return b === 0 && d === 0 ? 0 : b === 0 ? 1 : -1;
  return Math.sign(a * d - c * b);
}

/**
 * Two multisets compared largest first: sorted from the largest, the first place where they
 * differ decides, and the smaller value there is better. Negative when `after` is better.
 */
export function compareLargestFirst<T>(before: readonly T[], after: readonly T[], order: (x: T, y: T) => number): number {
  // Most comparisons are of the one or two nurses a move touches: without sorting or copying.
  if (before.length === 1 && after.length === 1) return Math.sign(order(after[0], before[0]));
  if (before.length === 2 && after.length === 2) {
    const [bHi, bLo] = order(before[0], before[1]) >= 0 ? [before[0], before[1]] : [before[1], before[0]];
    const [aHi, aLo] = order(after[0], after[1]) >= 0 ? [after[0], after[1]] : [after[1], after[0]];
    return Math.sign(order(aHi, bHi)) || Math.sign(order(aLo, bLo));
  }
  const down = (xs: readonly T[]) => [...xs].sort((x, y) => order(y, x));
  const b = down(before);
  const a = down(after);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = order(a[i], b[i]);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

const byLoad = (x: Tally, y: Tally) => compareRatio(x.minutes, x.share, y.minutes, y.share);
const byCount = (count: (t: Tally) => number) => (x: Tally, y: Tally) => count(x) - count(y);

/** (1) The most covered position-minutes. */
export const coverage: Term = { name: 'coverage', compare: (before, after) => Math.sign(before.coveredMinutes - after.coveredMinutes) };

/** Repair plans, after coverage: the fewest existing assignments handed to another nurse. */
export const fewestChanges: Term = { name: 'fewest-changes', compare: (before, after) => Math.sign(after.changedAssignments - before.changedAssignments) };

/** (2) Relative loads as even as possible, the largest first (the sorted loads compared from the top). */
export const evenLoads: Term = { name: 'even-loads', compare: (before, after) => compareLargestFirst(before.tallies, after.tallies, byLoad) };

/** (3) Nights spread evenly, the most first. */
export const evenNights: Term = {
  name: 'even-nights',
  compare: (before, after) =>
    compareLargestFirst(
      before.tallies,
      after.tallies,
      byCount((t) => t.nights),
    ),
};

/** (3) On-call blocks spread evenly, the most first. */
export const evenOnCallBlocks: Term = {
  name: 'even-on-call-blocks',
  compare: (before, after) =>
    compareLargestFirst(
      before.tallies,
      after.tallies,
      byCount((t) => t.onCallBlocks),
    ),
};

/** (3) Weekend duties spread evenly, the most first. */
export const evenWeekendDuties: Term = {
  name: 'even-weekend-duties',
  compare: (before, after) =>
    compareLargestFirst(
      before.tallies,
      after.tallies,
      byCount((t) => t.weekendDuties),
    ),
};

/** (4) Wishes honoured: the fewest overridden. */
export const honourWishes: Term = {
  name: 'honour-wishes',
  compare: (before, after) => {
    const sum = (o: Outcome) => o.tallies.reduce((n, t) => n + t.wishesOverridden, 0);
    return Math.sign(sum(after) - sum(before));
  },
};

/** The objective of a plan, in api.md's order. */
export const PLAN_OBJECTIVE: readonly Term[] = [coverage, evenLoads, evenNights, evenOnCallBlocks, evenWeekendDuties, honourWishes];

/** The objective of a repair plan: coverage first, then the fewest changed assignments, then the spread. */
export const REPAIR_OBJECTIVE: readonly Term[] = [coverage, fewestChanges, evenLoads, evenNights, evenOnCallBlocks, evenWeekendDuties, honourWishes];

/** The first term that tells the outcomes apart decides: negative when `after` is better. */
export function compareOutcomes(objective: readonly Term[], before: Outcome, after: Outcome): number {
  for (const term of objective) {
    const c = term.compare(before, after);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Contract hours in a plan (domain.md, "Contract hours and overtime"): never beyond the share over
 * the period plus `overtimePct`: minutes ≤ share × days ÷ 7 × (1 + overtimePct ÷ 100), exactly.
 */
export function withinContractHours(minutes: number, share: number, days: number, overtimePct: number): boolean {
  return minutes * 700 <= share * days * (100 + overtimePct);
}

/** The whole minutes of a nurse's shifts in the period beyond her contract share for it. */
export function overtimeMinutes(minutes: number, share: number, days: number): number {
  return Math.max(0, Math.floor((minutes * 7 - share * days) / 7));
}
