import type { RuleCode, Violation } from '../common/codes.js';
import { addDays, localDateOf, localMinuteOfDay, placeLocal } from '../common/local-time.js';
import { sundayRestBreach, WEEK_RULES_HORIZON_MS, weeklyRestBreach } from './week-rests.js';

/**
 * The working-time rules of the Arbeidstijdenwet / Arbeidstijdenbesluit as domain.md states them.
 * Pure: a nurse's existing duties plus a candidate in, the violations involving the candidate
 * out. All arithmetic uses real elapsed time (epoch milliseconds), so a rest across the autumn
 * clock change is an hour longer than the clocks suggest.
 */

export type DutyType = 'shift' | 'on-call';

export interface Duty {
  id?: string;
  startMs: number;
  endMs: number;
  dutyType: DutyType;
  /** The region's zone, for "night" and "ends after 02:00", which are local wall-clock notions. */
  zone: string;
  /** Local date on which the duty starts. */
  localDate: string;
  /** Where an existing duty comes from (filled by the loader; a violation names it as `conflictsWith`). */
  slotId?: string;
  /** The nurse record that holds it (filled by the loader). */
  nurseId?: string;
  regionCode?: string;
  function?: string;
}

/**
 * A working-time violation, with the other duty that causes it where there is exactly one
 * (`cause`), or the other duties of the week or weeks it is about (`causes`: weekly-rest,
 * sunday-rest).
 */
export type WorkingTimeViolation = Omit<Violation, 'conflictsWith'> & { cause?: Duty; causes?: Duty[] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;
const SIXTEEN_WEEKS = 16 * WEEK;

export const LIMITS = {
  maxShiftMinutes: 12 * 60,
  maxOnCallMinutes: 24 * 60,
  maxNightShiftMinutes: 10 * 60,
  dailyRest: 11 * HOUR,
  restAfterNight: 14 * HOUR,
  shortenedRest: 8 * HOUR,
  restAfterNightSeries: 46 * HOUR,
  nightSeriesLength: 3,
  maxWeekMinutes: 60 * 60,
  maxNights16Weeks: 36,
  maxOnCallPerWeek: 3,
  maxOnCallPer16Weeks: 32,
  onCallBeforeNight: 11 * HOUR,
  onCallAfterNight: 14 * HOUR,
} as const;

/** How far around a candidate the rules of the Arbeidstijdenbesluit's 16-week counts look. */
const SIXTEEN_WEEK_HORIZON_MS = SIXTEEN_WEEKS + WEEK;

/** Loading window around a candidate that every rule needs to see (the 52 weeks of Sundays). */
export const RULE_HORIZON_MS = Math.max(SIXTEEN_WEEK_HORIZON_MS, WEEK_RULES_HORIZON_MS);

/** No duty is longer than this: 24 h of wall clock plus a clock change, with room to spare. */
const LONGEST_DUTY_MS = 48 * HOUR;

/** The duties of a list sorted by start that overlap [fromMs, toMs). */
function overlapping(sorted: readonly Duty[], fromMs: number, toMs: number): Duty[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].startMs < fromMs - LONGEST_DUTY_MS) lo = mid + 1;
    else hi = mid;
  }
  const found: Duty[] = [];
  for (let i = lo; i < sorted.length && sorted[i].startMs < toMs; i++) if (sorted[i].endMs > fromMs) found.push(sorted[i]);
  return found;
}

const nightCache = new WeakMap<Duty, boolean>();

/** A night shift: more than 1 h of work between 00:00 and 06:00 local time (Atw 1:7). */
export function isNightShift(duty: Duty): boolean {
  if (duty.dutyType !== 'shift') return false;
  const cached = nightCache.get(duty);
  if (cached !== undefined) return cached;
  const night = nightMinutesOver(duty);
  nightCache.set(duty, night);
  return night;
}

function nightMinutesOver(duty: Duty): boolean {
  let nightMs = 0;
  const lastDate = localDateOf(duty.endMs, duty.zone);
  for (let date = localDateOf(duty.startMs, duty.zone); date <= lastDate; date = addDays(date, 1)) {
    const from = placeLocal(date, '00:00', duty.zone);
    const to = placeLocal(date, '06:00', duty.zone);
    nightMs += Math.max(0, Math.min(duty.endMs, to) - Math.max(duty.startMs, from));
  }
  return nightMs > HOUR;
}

const endsAfterTwoCache = new WeakMap<Duty, boolean>();

/** "Ends after 02:00": the local time of day of the end is later than 02:00. */
export function endsAfterTwo(duty: Duty): boolean {
  let value = endsAfterTwoCache.get(duty);
  if (value === undefined) {
    value = localMinuteOfDay(duty.endMs, duty.zone) > 120;
    endsAfterTwoCache.set(duty, value);
  }
  return value;
}

export function isLateNightShift(duty: Duty): boolean {
  return isNightShift(duty) && endsAfterTwo(duty);
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

function hours(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

interface Rest {
  from: Duty;
  to: Duty;
  startMs: number;
  lengthMs: number;
  requiredMs: number;
  rule: 'daily-rest' | 'rest-after-night';
}

/** Night shifts whose start falls in the 16 weeks before `atMs` and which end after 02:00. */
export function lateNightsBefore(atMs: number, duties: Duty[]): number {
  return duties.filter((d) => d.startMs >= atMs - SIXTEEN_WEEKS && d.startMs < atMs && isLateNightShift(d)).length;
}

/**
 * The working-time violations the candidate would cause, given the nurse's other duties (sorted
 * by start, at least RULE_HORIZON_MS around the candidate). Each rule looks only at the stretch of
 * time it is about, found by binary search, so a year of duties around it costs little.
 */
export function checkWorkingTime(candidate: Duty, existing: readonly Duty[]): WorkingTimeViolation[] {
  const violations: WorkingTimeViolation[] = [];
  const add: AddViolation = (rule, message, cause) => {
    if (!violations.some((v) => v.rule === rule)) violations.push(cause ? { rule, message, cause } : { rule, message });
  };
  const c = candidate;
  // Overlapping duties are a 409 of their own; leave them out of rest arithmetic.
  const others = overlapping(existing, c.startMs - SIXTEEN_WEEK_HORIZON_MS, c.endMs + SIXTEEN_WEEK_HORIZON_MS).filter(
    (d) => !overlaps(d.startMs, d.endMs, c.startMs, c.endMs),
  );
  const lengthMinutes = (c.endMs - c.startMs) / MINUTE;
  const cIsNight = isNightShift(c);

  if (c.dutyType === 'shift' && lengthMinutes > LIMITS.maxShiftMinutes) {
    add('max-shift-length', `a shift is at most 12 h; this one is ${hours(c.endMs - c.startMs)}`);
  }
  if (c.dutyType === 'on-call' && lengthMinutes > LIMITS.maxOnCallMinutes) {
    add('max-shift-length', `an on-call block is at most 24 h; this one is ${hours(c.endMs - c.startMs)}`);
  }
  if (cIsNight && lengthMinutes > LIMITS.maxNightShiftMinutes) {
    add('max-night-shift-length', `a night shift is at most 10 h; this one is ${hours(c.endMs - c.startMs)}`);
  }

  const shifts = [...others.filter((d) => d.dutyType === 'shift'), ...(c.dutyType === 'shift' ? [c] : [])].sort((a, b) => a.startMs - b.startMs);

  if (c.dutyType === 'shift') {
    checkRests(c, shifts, add);
    checkNightSeries(c, shifts, add);
    checkWeekHours(c, shifts, add);
    if (isLateNightShift(c)) {
      const lateNights = shifts.filter(isLateNightShift);
      for (const first of lateNights) {
        if (first.startMs > c.startMs || first.startMs <= c.startMs - SIXTEEN_WEEKS) continue;
        const count = lateNights.filter((n) => n.startMs >= first.startMs && n.startMs < first.startMs + SIXTEEN_WEEKS).length;
        if (count > LIMITS.maxNights16Weeks) {
          add('max-nights-16-weeks', `at most 36 night shifts ending after 02:00 in 16 weeks; this would be night ${count}`);
          break;
        }
      }
    }
  }

  if (c.dutyType === 'on-call') {
    const blocks = [...others.filter((d) => d.dutyType === 'on-call'), c].sort((a, b) => a.startMs - b.startMs);
    for (const [span, max, label] of [
      [WEEK, LIMITS.maxOnCallPerWeek, '7×24 h'],
      [SIXTEEN_WEEKS, LIMITS.maxOnCallPer16Weeks, '16 weeks'],
    ] as const) {
      for (const first of blocks) {
        if (first.startMs > c.startMs || first.startMs <= c.startMs - span) continue;
        const count = blocks.filter((b) => b.startMs >= first.startMs && b.startMs < first.startMs + span).length;
        if (count > max) {
          add('on-call-frequency', `at most ${max} on-call blocks in ${label}; this would be block ${count}`);
          break;
        }
      }
    }
    for (const night of others.filter(isNightShift)) {
      if (nearNight(c, night)) {
        add('on-call-near-night', 'no on-call block in the 11 h before or the 14 h after a night shift', night);
      }
    }
  }
  if (cIsNight) {
    for (const block of others.filter((d) => d.dutyType === 'on-call')) {
      if (nearNight(block, c)) {
        add('on-call-near-night', 'no on-call block in the 11 h before or the 14 h after a night shift', block);
      }
    }
  }
  // Atw 5:5 and 5:6: the week's rest and the free Sundays, over shifts and on-call blocks alike.
  const apart = (d: Duty) => !overlaps(d.startMs, d.endMs, c.startMs, c.endMs);
  const weekly = weeklyRestBreach(c, overlapping(existing, c.startMs - 3 * WEEK, c.endMs + 3 * WEEK).filter(apart));
  if (weekly) violations.push({ rule: weekly.rule, message: weekly.message, causes: weekly.causes });
  const sunday = sundayRestBreach(c, overlapping(existing, c.startMs - WEEK_RULES_HORIZON_MS, c.endMs + WEEK_RULES_HORIZON_MS).filter(apart));
  if (sunday) violations.push({ rule: sunday.rule, message: sunday.message, causes: sunday.causes });
  return violations;
}

function nearNight(block: Duty, night: Duty): boolean {
  return (
    overlaps(block.startMs, block.endMs, night.startMs - LIMITS.onCallBeforeNight, night.startMs) ||
    overlaps(block.startMs, block.endMs, night.endMs, night.endMs + LIMITS.onCallAfterNight)
  );
}

type AddViolation = (rule: RuleCode, message: string, cause?: Duty) => void;

function checkRests(c: Duty, shifts: Duty[], add: AddViolation): void {
  const rests: Rest[] = [];
  for (let i = 1; i < shifts.length; i++) {
    const from = shifts[i - 1];
    const to = shifts[i];
    const afterNight = isLateNightShift(from);
    rests.push({
      from,
      to,
      startMs: from.endMs,
      lengthMs: to.startMs - from.endMs,
      requiredMs: afterNight ? LIMITS.restAfterNight : LIMITS.dailyRest,
      rule: afterNight ? 'rest-after-night' : 'daily-rest',
    });
  }
  // Once per rolling 7×24 h a rest may be shortened to 8 h. Daily rest (Atw 5:3) and rest after
  // a night (Atw 5:8) are separate articles, so each rule has its own allowance.
  const shortened = rests.filter((r) => r.lengthMs < r.requiredMs && r.lengthMs >= LIMITS.shortenedRest);
  for (const rest of rests) {
    if (rest.from !== c && rest.to !== c) continue;
    if (rest.lengthMs >= rest.requiredMs) continue;
    const need = rest.rule === 'daily-rest' ? '11 h' : '14 h after a night shift ending after 02:00';
    const other = rest.from === c ? rest.to : rest.from;
    if (rest.lengthMs < LIMITS.shortenedRest) {
      add(rest.rule, `at least ${need} of rest (8 h once per 7×24 h); this leaves ${hours(rest.lengthMs)}`, other);
      continue;
    }
    const another = shortened.some((s) => s !== rest && s.rule === rest.rule && Math.abs(s.startMs - rest.startMs) < WEEK);
    if (another) {
      add(rest.rule, `the rest of ${hours(rest.lengthMs)} would be a second shortened rest within 7×24 h (at least ${need})`, other);
    }
  }
}

function checkNightSeries(c: Duty, shifts: Duty[], add: AddViolation): void {
  const nights = shifts.filter(isNightShift);
  let run: Duty[] = [];
  const flush = () => {
    if (run.length >= LIMITS.nightSeriesLength) {
      const last = run[run.length - 1];
      const next = shifts.find((s) => s.startMs >= last.endMs && !run.includes(s));
      if (next && next.startMs - last.endMs < LIMITS.restAfterNightSeries && (run.includes(c) || next === c)) {
        add(
          'rest-after-night-series',
          `after ${run.length} consecutive night shifts at least 46 h off; this leaves ${hours(next.startMs - last.endMs)}`,
          next === c ? last : next,
        );
      }
    }
  };
  for (const night of nights) {
    const prev = run[run.length - 1];
    if (prev && dayIndexOf(prev) + 1 === dayIndexOf(night)) run.push(night);
    else {
      flush();
      run = [night];
    }
  }
  flush();
}

const dayIndexCache = new WeakMap<Duty, number>();

/** The duty's local date as a day count, cached per duty (consecutive dates differ by one). */
function dayIndexOf(duty: Duty): number {
  let index = dayIndexCache.get(duty);
  if (index === undefined) {
    index = Date.UTC(Number(duty.localDate.slice(0, 4)), Number(duty.localDate.slice(5, 7)) - 1, Number(duty.localDate.slice(8, 10))) / (24 * HOUR);
    dayIndexCache.set(duty, index);
  }
  return index;
}

function checkWeekHours(c: Duty, allShifts: Duty[], add: AddViolation): void {
  // Only shifts that reach into a 7×24 h window around the candidate can count in one.
  const shifts = allShifts.filter((s) => s.endMs > c.startMs - WEEK && s.startMs < c.endMs + WEEK);
  const starts = new Set<number>();
  for (const s of shifts) {
    if (s.startMs >= c.startMs - WEEK && s.startMs < c.endMs) starts.add(s.startMs);
    if (s.endMs > c.startMs && s.endMs <= c.endMs + WEEK) starts.add(s.endMs - WEEK);
  }
  for (const windowStart of starts) {
    const windowEnd = windowStart + WEEK;
    if (!overlaps(windowStart, windowEnd, c.startMs, c.endMs)) continue;
    let ms = 0;
    for (const s of shifts) ms += Math.max(0, Math.min(s.endMs, windowEnd) - Math.max(s.startMs, windowStart));
    if (ms > LIMITS.maxWeekMinutes * MINUTE) {
      add('max-week-hours', `at most 60 h of shifts in any 7×24 h; this would be ${hours(ms)}`);
      return;
    }
  }
}
