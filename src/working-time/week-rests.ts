import { addDays, localDateOf, placeLocal } from '../common/local-time.js';
import type { Duty } from './working-time-rules.js';

/**
 * The weekly rest (Atw 5:5) and the free Sundays (Atw 5:6), as domain.md reads them. Pure.
 *
 * - A calendar week runs from Monday 00:00 to the next Monday 00:00, local time (the candidate's
 *   zone). A week passes when it holds an uninterrupted rest of at least 36 h, or when the rests
 *   of at least 32 h of its two-week period add up to at least 72 h. Only the part of a rest
 *   inside the week (or the period) counts; "rest" is time without any duty, shift or on-call
 *   block; time is real elapsed time, so a rest across the autumn clock change is an hour longer.
 *   The two-week periods are fixed pairs of weeks counted from the week of Monday 1 January 2024.
 * - In any 52 consecutive calendar weeks at least 13 Sundays are free; a Sunday is free when no
 *   duty touches its local date (a night from Saturday 23:00 takes it).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK_REST_MS = 36 * HOUR;
const PAIR_REST_MS = 32 * HOUR;
const PAIR_TOTAL_MS = 72 * HOUR;
/** Weeks in the Sunday window, and the free Sundays it needs. */
const SUNDAY_WINDOW_WEEKS = 52;
const FREE_SUNDAYS = 13;

/** The first Monday of the fixed two-week periods. */
const PAIRS_FROM = '2024-01-01';

/** How far around a candidate the two rules look: a two-week period each side, and 52 weeks of Sundays. */
export const WEEK_RULES_HORIZON_MS = (SUNDAY_WINDOW_WEEKS + 2) * 7 * DAY;

export interface WeekRestBreach {
  /** `weekly-rest` or `sunday-rest`. */
  rule: 'weekly-rest' | 'sunday-rest';
  message: string;
  /** The other duties of the failing week (or of the 52 weeks' worked Sundays), in order of start. */
  causes: Duty[];
}

// ── calendar ────────────────────────────────────────────────────────────────────────────────────

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/** 0 = Monday … 6 = Sunday. */
function weekdayOf(date: string): number {
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

const mondays = new Map<string, string>();

/** The Monday of the week that holds `date` (memoised: the planner asks about the same dates again and again). */
export function mondayOf(date: string): string {
  let monday = mondays.get(date);
  if (monday === undefined) {
    monday = addDays(date, -weekdayOf(date));
    if (mondays.size > 100_000) mondays.clear();
    mondays.set(date, monday);
  }
  return monday;
}

/** The week's number counted from the week of 1 January 2024 (0), negative before it. */
function weekIndex(monday: string): number {
  return Math.round((dayNumber(monday) - dayNumber(PAIRS_FROM)) / 7);
}

const pairStarts = new Map<string, string>();

/** The Monday that starts the two-week period holding the week of `monday` (memoised). */
export function pairStartOf(monday: string): string {
  let start = pairStarts.get(monday);
  if (start === undefined) {
    start = addDays(PAIRS_FROM, 14 * Math.floor(weekIndex(monday) / 2));
    if (pairStarts.size > 100_000) pairStarts.clear();
    pairStarts.set(monday, start);
  }
  return start;
}

const followingMondays = new Map<string, string>();

/** The Monday a week after `monday` (memoised). */
function nextMonday(monday: string): string {
  let next = followingMondays.get(monday);
  if (next === undefined) {
    next = addDays(monday, 7);
    if (followingMondays.size > 100_000) followingMondays.clear();
    followingMondays.set(monday, next);
  }
  return next;
}

/** The local dates a duty touches: from its start's date to the date of its last moment. */
function datesTouched(duty: Duty): string[] {
  const first = localDateOf(duty.startMs, duty.zone);
  const last = localDateOf(duty.endMs - 1, duty.zone);
  const dates = [first];
  for (let d = first; d < last;) dates.push((d = addDays(d, 1)));
  return dates;
}

// ── weekly rest ─────────────────────────────────────────────────────────────────────────────────

/** The uninterrupted rests inside [fromMs, toMs), clipped to it, given the duties (any order). */
export function restsWithin(fromMs: number, toMs: number, duties: readonly Duty[]): number[] {
  const inside = duties.filter((d) => d.endMs > fromMs && d.startMs < toMs).sort((a, b) => a.startMs - b.startMs);
  const rests: number[] = [];
  let free = fromMs;
  for (const d of inside) {
    if (d.startMs > free) rests.push(d.startMs - free);
    free = Math.max(free, d.endMs);
  }
  if (toMs > free) rests.push(toMs - free);
  return rests;
}

interface Week {
  monday: string;
  startMs: number;
  endMs: number;
  pairStartMs: number;
  pairEndMs: number;
}

const weekCache = new Map<string, Week>();

/** A calendar week and its two-week period as instants in the zone (memoised per zone and Monday). */
function weekOf(monday: string, zone: string): Week {
  const key = `${zone}|${monday}`;
  let week = weekCache.get(key);
  if (!week) {
    const pair = pairStartOf(monday);
    week = {
      monday,
      startMs: placeLocal(monday, '00:00', zone),
      endMs: placeLocal(addDays(monday, 7), '00:00', zone),
      pairStartMs: placeLocal(pair, '00:00', zone),
      pairEndMs: placeLocal(addDays(pair, 14), '00:00', zone),
    };
    if (weekCache.size > 100_000) weekCache.clear();
    weekCache.set(key, week);
  }
  return week;
}

function weekPasses(week: Week, duties: readonly Duty[]): boolean {
  if (restsWithin(week.startMs, week.endMs, duties).some((r) => r >= WEEK_REST_MS)) return true;
  const long = restsWithin(week.pairStartMs, week.pairEndMs, duties).filter((r) => r >= PAIR_REST_MS);
  return long.reduce((sum, r) => sum + r, 0) >= PAIR_TOTAL_MS;
}

function longestRest(week: Week, duties: readonly Duty[]): number {
  return Math.max(0, ...restsWithin(week.startMs, week.endMs, duties));
}

/**
 * The weekly-rest breach the candidate causes, if any. The weeks it can change are its own
 * weeks and the other week of each of their two-week periods. A week counts against the candidate
 * when it fails with it and either passed without it or holds the candidate itself (a week
 * already without its rest takes no further duty). `duties` are the nurse's other duties around
 * the candidate (at least its two-week periods), the candidate not among them.
 */
export function weeklyRestBreach(candidate: Duty, duties: readonly Duty[]): WeekRestBreach | null {
  const zone = candidate.zone;
  const own = new Set<string>();
  for (let monday = mondayOf(localDateOf(candidate.startMs, zone)); ; monday = nextMonday(monday)) {
    own.add(monday);
    if (weekOf(monday, zone).endMs >= candidate.endMs) break;
  }
  const weeks = new Set<string>();
  for (const monday of own) {
    const pair = pairStartOf(monday);
    weeks.add(pair);
    weeks.add(nextMonday(pair));
  }
  const withCandidate = [...duties, candidate];
  for (const monday of [...weeks].sort()) {
    const week = weekOf(monday, zone);
    if (weekPasses(week, withCandidate)) continue;
    if (!own.has(monday) && !weekPasses(week, duties)) continue;
    const hours = Math.floor(longestRest(week, withCandidate) / HOUR);
    return {
      rule: 'weekly-rest',
      message: `every calendar week needs a rest of at least 36 h, or rests of at least 32 h adding up to 72 h over its two-week period; the week of ${monday} would have no more than ${hours} h in one piece`,
      causes: duties.filter((d) => d.endMs > week.startMs && d.startMs < week.endMs).sort((a, b) => a.startMs - b.startMs),
    };
  }
  return null;
}

// ── Sunday rest ─────────────────────────────────────────────────────────────────────────────────

const sundaysCache = new WeakMap<Duty, string[]>();

/** The Sundays (local dates) a duty touches, cached per duty object. */
function sundaysOf(duty: Duty): string[] {
  let sundays = sundaysCache.get(duty);
  if (!sundays) {
    sundays = datesTouched(duty).filter((d) => weekdayOf(d) === 6);
    sundaysCache.set(duty, sundays);
  }
  return sundays;
}

/**
 * The sunday-rest breach the candidate causes, if any: it takes a Sunday that was free, and some
 * 52 consecutive calendar weeks around that Sunday then hold fewer than 13 free Sundays. `duties`
 * are the nurse's other duties within 52 weeks of the candidate.
 */
export function sundayRestBreach(candidate: Duty, duties: readonly Duty[]): WeekRestBreach | null {
  const own = sundaysOf(candidate);
  if (own.length === 0) return null;
  const worked = new Map<number, Duty[]>();
  for (const d of duties) {
    for (const sunday of sundaysOf(d)) {
      const week = weekIndex(mondayOf(sunday));
      const list = worked.get(week);
      if (list) list.push(d);
      else worked.set(week, [d]);
    }
  }
  const taken = own.map((s) => weekIndex(mondayOf(s))).filter((w) => !worked.has(w));
  if (taken.length === 0) return null;
  // However the windows fall, none holds more worked Sundays than all of them around here.
  if (worked.size + taken.length <= SUNDAY_WINDOW_WEEKS - FREE_SUNDAYS) return null;
  const workedWeeks = new Set([...worked.keys(), ...taken]);
  for (const week of taken) {
    for (let first = week - SUNDAY_WINDOW_WEEKS + 1; first <= week; first++) {
      let count = 0;
      for (let w = first; w < first + SUNDAY_WINDOW_WEEKS; w++) if (workedWeeks.has(w)) count++;
      if (SUNDAY_WINDOW_WEEKS - count >= FREE_SUNDAYS) continue;
      const causes = new Set<Duty>();
      for (let w = first; w < first + SUNDAY_WINDOW_WEEKS; w++) for (const d of worked.get(w) ?? []) causes.add(d);
      const from = addDays(PAIRS_FROM, 7 * first);
      return {
        rule: 'sunday-rest',
        message: `at least 13 free Sundays in any 52 consecutive weeks; the 52 weeks from ${from} would have ${SUNDAY_WINDOW_WEEKS - count}`,
        causes: [...causes].sort((a, b) => a.startMs - b.startMs),
      };
    }
  }
  return null;
}
