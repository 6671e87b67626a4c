import { addDays, daysBetween, localDateOf, localMinuteOfDay, placeLocal } from '../../src/common/local-time.js';
import type { Duty } from '../../src/working-time/working-time-rules.js';

/**
 * The working-time law and the plan's limits as domain.md and api.md state them, written again
 * for the oracle from the text and not from the service's code: the oracle judges the planner by
 * the spec, so it must not share the planner's (or the verdict's) reading of it. Pure: duties in,
 * facts out. Elapsed time is real time (epoch milliseconds); "night", "ends after 02:00", dates,
 * calendar weeks and Sundays are wall-clock notions in the region's zone.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const WEEK = 7 * 24 * HOUR;
export const SIXTEEN_WEEKS = 16 * WEEK;

/** The numbers of domain.md's table of working-time rules. */
export const LAW = {
  maxShift: 12 * HOUR,
  maxOnCall: 24 * HOUR,
  maxNightShift: 10 * HOUR,
  dailyRest: 11 * HOUR,
  restAfterNight: 14 * HOUR,
  shortenedRest: 8 * HOUR,
  nightSeries: 3,
  restAfterNightSeries: 46 * HOUR,
  maxWeekShift: 60 * HOUR,
  maxLateNights16Weeks: 36,
  maxOnCallPerWeek: 3,
  maxOnCallPer16Weeks: 32,
  onCallBeforeNight: 11 * HOUR,
  onCallAfterNight: 14 * HOUR,
  weeklyRest: 36 * HOUR,
  pairRestPiece: 32 * HOUR,
  pairRestTotal: 72 * HOUR,
  sundaysWindowWeeks: 52,
  freeSundaysInWindow: 13,
} as const;

/** The sector's full-time week (CAO VVT): the share of a nurse without contract hours. */
export const FULL_TIME_MINUTES_PER_WEEK = 2160;

/** The Monday that opens the first fixed two-week period of weekly rest (domain.md). */
export const PAIR_EPOCH = '2024-01-01';

/** Night shift: a shift with more than 1 h of work between 00:00 and 06:00 local time. */
export function isNight(d: Duty): boolean {
  if (d.dutyType !== 'shift') return false;
  let nightMs = 0;
  const last = localDateOf(d.endMs, d.zone);
  for (let date = localDateOf(d.startMs, d.zone); date <= last; date = addDays(date, 1)) {
    const from = placeLocal(date, '00:00', d.zone);
    const to = placeLocal(date, '06:00', d.zone);
    nightMs += Math.max(0, Math.min(d.endMs, to) - Math.max(d.startMs, from));
  }
  return nightMs > HOUR;
}

/** "Ends after 02:00": the local time of day of the end is later than 02:00. */
export function endsAfterTwo(d: Duty): boolean {
  return localMinuteOfDay(d.endMs, d.zone) > 120;
}

export function isLateNight(d: Duty): boolean {
  return isNight(d) && endsAfterTwo(d);
}

export function durationMinutes(d: { startMs: number; endMs: number }): number {
  return Math.round((d.endMs - d.startMs) / MINUTE);
}

/** A duty that no set of other duties can make lawful: too long for its kind. */
export function tooLong(d: Duty): boolean {
  const length = d.endMs - d.startMs;
  if (d.dutyType === 'on-call') return length > LAW.maxOnCall;
  return length > LAW.maxShift || (isNight(d) && length > LAW.maxNightShift);
}

/** The nurse's share of the work per week: contract minutes, the full-time week when unset. */
export function shareOf(contractMinutesPerWeek: number | null): number {
  return contractMinutesPerWeek ?? FULL_TIME_MINUTES_PER_WEEK;
}

/**
 * The most shift minutes a plan may give a nurse over a period of `days` (existing and proposed
 * together): share × days / 7 × (1 + overtimePct / 100), rounded down because minutes are whole.
 */
export function contractCapMinutes(contractMinutesPerWeek: number | null, days: number, overtimePct = 0): number {
  // In hundredths of a percent, so every product is an exact integer.
  const pct = Math.round(overtimePct * 100);
  return Math.floor((shareOf(contractMinutesPerWeek) * days * (10_000 + pct)) / 70_000);
}

// ── calendar weeks, two-week periods, Sundays ───────────────────────────────────────────────────

/** Day of the week of a local date, Monday 0 … Sunday 6. */
export function weekday(date: string): number {
  return ((daysBetween('2024-01-01', date) % 7) + 7) % 7;
}

/** The Monday of the calendar week that holds the local date. */
export function mondayOf(date: string): string {
  return addDays(date, -weekday(date));
}

/** The Monday that opens the fixed two-week period of the week of `monday`. */
export function pairMondayOf(monday: string): string {
  const weeks = Math.floor(daysBetween(PAIR_EPOCH, monday) / 7);
  return addDays(PAIR_EPOCH, 14 * Math.floor(weeks / 2));
}

/** The calendar weeks (their Mondays) that an interval [startMs, endMs) touches. */
export function weeksTouched(startMs: number, endMs: number, zone: string): string[] {
  const weeks: string[] = [];
  for (let monday = mondayOf(localDateOf(startMs, zone)); placeLocal(monday, '00:00', zone) < endMs; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/** The local Sundays a duty touches (a night from Saturday 23:00 takes the Sunday). */
export function sundaysTouched(d: { startMs: number; endMs: number; zone: string }): string[] {
  const sundays: string[] = [];
  const last = localDateOf(d.endMs - 1, d.zone);
  for (let date = localDateOf(d.startMs, d.zone); date <= last; date = addDays(date, 1)) if (weekday(date) === 6) sundays.push(date);
  return sundays;
}

/** The maximal intervals of [fromMs, toMs) that no duty touches, in order. */
export function freeRuns(duties: readonly { startMs: number; endMs: number }[], fromMs: number, toMs: number): [number, number][] {
  const inside = duties.filter((d) => d.startMs < toMs && d.endMs > fromMs).sort((a, b) => a.startMs - b.startMs);
  const runs: [number, number][] = [];
  let cursor = fromMs;
  for (const d of inside) {
    if (d.startMs > cursor) runs.push([cursor, d.startMs]);
    cursor = Math.max(cursor, d.endMs);
  }
  if (cursor < toMs) runs.push([cursor, toMs]);
  return runs;
}

export interface WeekRest {
  monday: string;
  /** The longest uninterrupted rest inside the week. */
  longestMs: number;
  /** The rests of 32 h or more inside the week's two-week period, added up. */
  pairRestMs: number;
  passes: boolean;
}

/**
 * Weekly rest (Atw 5:5) of one calendar week: a rest of 36 h inside the week, or rests of at least
 * 32 h each that add up to 72 h inside its fixed two-week period. Rest means no duty of any kind.
 */
export function weekRest(duties: readonly Duty[], monday: string, zone: string): WeekRest {
  const from = placeLocal(monday, '00:00', zone);
  const to = placeLocal(addDays(monday, 7), '00:00', zone);
  const longestMs = Math.max(0, ...freeRuns(duties, from, to).map(([a, b]) => b - a));
  const pair = pairMondayOf(monday);
  const pairRestMs = freeRuns(duties, placeLocal(pair, '00:00', zone), placeLocal(addDays(pair, 14), '00:00', zone))
    .map(([a, b]) => b - a)
    .filter((ms) => ms >= LAW.pairRestPiece)
    .reduce((sum, ms) => sum + ms, 0);
  return { monday, longestMs, pairRestMs, passes: longestMs >= LAW.weeklyRest || pairRestMs >= LAW.pairRestTotal };
}

/**
 * The weeks whose weekly rest the proposed duties break, applied in any order: weeks of the
 * two-week periods they touch that pass on the existing duties alone and fail with the proposals,
 * and weeks that already fail on existing duties and would take a proposal of their own (domain.md:
 * a breach is reported on the assignment that causes it, and a duty inside a week without its rest
 * takes part in that breach; a duty in the partner week of such a week does not).
 */
export function weeklyRestBreaches(existing: readonly Duty[], proposed: readonly Duty[], zone: string): string[] {
  const weeks = new Set<string>();
  const own = new Set<string>();
  for (const d of proposed) {
    for (const monday of weeksTouched(d.startMs, d.endMs, zone)) {
      own.add(monday);
      const pair = pairMondayOf(monday);
      weeks.add(pair).add(addDays(pair, 7));
    }
  }
  const all = [...existing, ...proposed];
  return [...weeks].sort().filter((monday) => (weekRest(existing, monday, zone).passes ? !weekRest(all, monday, zone).passes : own.has(monday)));
}

/**
 * Sunday rest (Atw 5:6): the 52-week windows (of calendar weeks) holding a Sunday the proposals
 * take (free on existing duties) in which fewer than 13 Sundays stay free. Returns the Mondays
 * opening those windows.
 */
export function sundayRestBreaches(existing: readonly Duty[], proposed: readonly Duty[]): string[] {
  const worked = (duties: readonly Duty[]) => new Set(duties.flatMap((d) => sundaysTouched(d)));
  const before = worked(existing);
  const after = worked([...existing, ...proposed]);
  const taken = [...after].filter((s) => !before.has(s)).sort();
  const maxWorked = LAW.sundaysWindowWeeks - LAW.freeSundaysInWindow;
  // No window can hold more worked Sundays than there are in all.
  if (taken.length === 0 || after.size <= maxWorked) return [];
  const breaches = new Set<string>();
  for (const sunday of taken) {
    for (let k = 0; k < LAW.sundaysWindowWeeks; k++) {
      const first = mondayOf(addDays(sunday, -7 * k));
      const last = addDays(first, 7 * LAW.sundaysWindowWeeks - 1);
      const count = (set: Set<string>) => [...set].filter((s) => s >= first && s <= last).length;
      if (count(after) > maxWorked) breaches.add(first);
    }
  }
  return [...breaches].sort();
}
