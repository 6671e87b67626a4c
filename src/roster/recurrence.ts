import { addDays, placeLocal } from '../common/local-time.js';
import { type Pausable, runToEnd } from '../common/slices.js';
import { dutchPublicHolidays } from './dutch-holidays.js';
import { dateOfDayNumber, dayNumberOf, parseRRule, PAUSE, periodsPerCycle, walkOccurrences } from './rrule.js';

export { parseRRule, RecurrenceError } from './rrule.js';

/**
 * Recurrence expansion: roster template + contract period → slot intervals. Pure: no Nest or
 * TypeORM. The rule is walked on dates (`rrule.ts`); each date at the template's wall-clock
 * times is then placed in the region's zone. The expansion is pausable (a generator that yields
 * between small units of work), so a service can run it in slices of a few milliseconds
 * (`runInSlices`) and no template, however long its contract, holds up other requests; its work
 * is bounded by the window (at most one period of the rule per day) and by `limit`.
 */

export type HolidayMode = 'ignore' | 'exclude' | 'add' | 'only';

export interface RosterPattern {
  rrule?: string | null;
  startTime: string;
  endTime: string;
  exdates?: string[];
  holidays?: HolidayMode;
}

export interface ExpansionWindow {
  /** The contract's first day; also the DTSTART date. */
  validFrom: string;
  /** Last local date (inclusive) on which an occurrence may start: the period end or horizon. */
  lastDate: string;
  /** Only occurrences on or after this date are returned (for extending existing slots). */
  fromDate?: string;
  /**
   * More slots than this throw `TooManySlotsError`, decided as early as possible, so that a
   * pattern over a very long period is refused without expanding all of it.
   */
  limit?: number;
}

export interface SlotInterval {
  localDate: string;
  startMs: number;
  endMs: number;
  durationMinutes: number;
  isHoliday: boolean;
}

/** `YYYY-MM-DDTHH:mm:ss` of an instant on the UTC clock (used as a neutral wall clock). */
function wallClockOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * The occurrence dates of the template's RRULE from its DTSTART (`validFrom` at `startTime`)
 * through `lastDate` (or an unbounded walk of one calendar cycle when `lastDate` is null).
 * UNTIL without Z is a wall-clock bound; UNTIL with Z is an instant (api.md), compared with each
 * occurrence's start instant in the region's zone: the walk goes a wall-clock day past it (no
 * zone is a day from UTC) and the dates after the instant are cut here.
 */
function* ruleDates(rrule: string, startTime: string, validFrom: string, lastDate: string | null, zone: string): Generator<string | typeof PAUSE, void, void> {
  const rule = parseRRule(rrule);
  const untilMs = rule.untilLocal !== null && rule.untilIsUtc ? Date.parse(`${rule.untilLocal}Z`) : null;
  const ruleUntil = rule.untilLocal === null ? null : untilMs !== null ? wallClockOf(untilMs + 24 * 3600_000) : rule.untilLocal;
  let lastDay = lastDate === null ? Infinity : dayNumberOf(lastDate);
  let lastDayUntilTime: string | null = null;
  if (ruleUntil !== null && (lastDate === null || ruleUntil < `${lastDate}T23:59:59`)) {
    lastDay = dayNumberOf(ruleUntil.slice(0, 10));
    lastDayUntilTime = ruleUntil.slice(11);
  }
  const walk = walkOccurrences(
    rule,
    { day: dayNumberOf(validFrom), time: startTime },
    { lastDay, lastDayUntilTime, maxPeriods: lastDate === null ? periodsPerCycle(rule) : undefined },
  );
  for (const item of walk) {
    if (item === PAUSE) {
      yield PAUSE;
      continue;
    }
    const date = dateOfDayNumber(item);
    if (untilMs !== null && placeLocal(date, startTime, zone) > untilMs) return;
    yield date;
  }
}

/**
 * Whether the rule can never occur from the contract's first day on: no date at all matches its
 * BYxxx parts (30 February, a BYSETPOS beyond every set), or none before its UNTIL, or none that
 * its INTERVAL reaches from DTSTART (`FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29` from 2027).
 * The Gregorian calendar repeats every 400 years, so one cycle of the rule's periods decides it.
 * Pausable: a rule that never occurs is walked through a whole cycle (146,097 days for DAILY).
 */
export function* ruleNeverOccurs(rrule: string, validFrom: string, startTime: string, zone: string): Pausable<boolean> {
  for (const item of ruleDates(rrule, startTime, validFrom, null, zone)) {
    if (item === PAUSE) yield PAUSE;
    else return false;
  }
  return true;
}

/** Thrown by an expansion with a `limit` once it is certain to give more slots than that. */
export class TooManySlotsError extends Error {
  constructor(readonly limit: number) {
    super(`the template would create more than ${limit} slots`);
  }
}

/** Dutch public holidays, a year at a time as an expansion reaches it (a window may span centuries). */
class HolidayCalendar {
  private readonly years = new Map<number, Set<string>>();

  has(date: string): boolean {
    const year = Number(date.slice(0, 4));
    let dates = this.years.get(year);
    if (!dates) this.years.set(year, (dates = new Set(dutchPublicHolidays(year).map((h) => h.date))));
    return dates.has(date);
  }

  /** Every holiday from `from` to `to`, inclusive, ascending, pausing after each year. */
  *between(from: string, to: string): Generator<string | typeof PAUSE, void, void> {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      let previous = '';
      for (const { date } of dutchPublicHolidays(year)) {
        if (date >= from && date <= to && date !== previous) yield date;
        previous = date;
      }
      yield PAUSE;
    }
  }
}

/**
 * The dates of the template's occurrences inside the window, ascending: the rule's dates (or the
 * holidays only), with holidays added or excluded, without exdates and dates before `fromDate`.
 */
function* candidateDates(
  pattern: RosterPattern,
  window: ExpansionWindow,
  zone: string,
  holidays: HolidayCalendar,
): Generator<string | typeof PAUSE, void, void> {
  const mode: HolidayMode = pattern.holidays ?? 'ignore';
  const exdates = new Set(pattern.exdates ?? []);
  const from = window.fromDate !== undefined && window.fromDate > window.validFrom ? window.fromDate : window.validFrom;
  const wanted = (date: string) => date >= from && date <= window.lastDate && !exdates.has(date);
  const holidayDates = holidays.between(window.validFrom, window.lastDate);
  if (mode === 'only') {
    for (const date of holidayDates) if (date === PAUSE || wanted(date)) yield date;
    return;
  }
  // The holidays that 'add' merges in, in order with the rule's dates.
  const addedDates: Iterator<string, void> = mode === 'add' ? withoutPauses(holidayDates) : [][Symbol.iterator]();
  let added = addedDates.next();
  for (const date of ruleDates(pattern.rrule ?? '', pattern.startTime, window.validFrom, window.lastDate, zone)) {
    if (date === PAUSE) {
      yield PAUSE;
      continue;
    }
    for (; !added.done && added.value <= date; added = addedDates.next()) if (added.value < date && wanted(added.value)) yield added.value;
    if (mode === 'exclude' && holidays.has(date)) continue;
    if (wanted(date)) yield date;
  }
  for (; !added.done; added = addedDates.next()) if (wanted(added.value)) yield added.value;
}

function* withoutPauses(items: Iterable<string | typeof PAUSE>): Generator<string, void, void> {
  for (const item of items) if (item !== PAUSE) yield item;
}

/** Slots placed in the zone between two pauses (placing is the costly step). */
const PLACEMENTS_PER_PAUSE = 8;

/**
 * Expands a template over a contract window into slot intervals, ordered by start, pausing
 * between small units of work. COUNT counts occurrences from DTSTART before exdates are removed.
 * With a `limit`, the dates are counted before any is placed in the zone: once there are so many
 * that even the dates without a slot (an occurrence wholly inside a spring-forward gap, at most
 * twice a year) could not bring them under it, `TooManySlotsError` is thrown without placing one.
 */
export function* templateExpansion(pattern: RosterPattern, window: ExpansionWindow, zone: string): Pausable<SlotInterval[]> {
  if (window.lastDate < window.validFrom) return [];
  const limit = window.limit ?? Infinity;
  const holidays = new HolidayCalendar();
  const dates: string[] = [];
  for (const date of candidateDates(pattern, window, zone, holidays)) {
    if (date === PAUSE) {
      yield PAUSE;
      continue;
    }
    dates.push(date);
    if (dates.length > limit && dates.length > limit + 2 * (Number(date.slice(0, 4)) - Number(dates[0].slice(0, 4)) + 1)) throw new TooManySlotsError(limit);
  }
  const result: SlotInterval[] = [];
  for (let i = 0; i < dates.length; i++) {
    if (i % PLACEMENTS_PER_PAUSE === PLACEMENTS_PER_PAUSE - 1) yield PAUSE;
    const interval = slotOn(dates[i], pattern.startTime, pattern.endTime, zone);
    if (interval) result.push({ ...interval, isHoliday: holidays.has(dates[i]) });
  }
  if (result.length > limit) throw new TooManySlotsError(limit);
  return result;
}

/** `templateExpansion` at once, for small windows and tests. */
export function expandTemplate(pattern: RosterPattern, window: ExpansionWindow, zone: string): SlotInterval[] {
  return runToEnd(templateExpansion(pattern, window, zone));
}

/**
 * One occurrence: from `date` at `startTime` to `endTime` the same day when it is later, else the
 * next day (equal times: 24 h of wall clock, 23 h or 25 h across a clock change). The duration
 * is the real elapsed time between the instants; an end not after the start gives no slot.
 *
 * api.md: a start or end that does not exist (spring forward) moves forward by the gap (02:30
 * becomes 03:30), so a 03:00–02:30 slot into that Sunday ends half an hour into the next one; an
 * ambiguous time (fall back) is its first occurrence, for an end too.
 */
export function slotOn(date: string, startTime: string, endTime: string, zone: string): Omit<SlotInterval, 'isHoliday'> | null {
  const startMs = placeLocal(date, startTime, zone);
  const endDate = endTime > startTime ? date : addDays(date, 1);
  const endMs = placeLocal(endDate, endTime, zone);
  if (endMs <= startMs) return null;
  return { localDate: date, startMs, endMs, durationMinutes: Math.round((endMs - startMs) / 60_000) };
}
