import rrulePackage from 'rrule';
import type { Options } from 'rrule';
import { addDays, daysBetween, isValidLocalDate, placeLocal } from '../common/local-time.js';
import { holidayDatesBetween } from './dutch-holidays.js';

// rrule ships CommonJS without named ESM exports.
const { RRule, Weekday } = rrulePackage;
type Weekday = InstanceType<typeof Weekday>;

/**
 * Recurrence expansion: roster template + contract period → slot intervals. Pure: no Nest or
 * TypeORM. rrule.js expands "floating" wall-clock values (UTC used as a neutral clock); each
 * wall-clock value is then placed in the region's zone. rrule's own `tzid` is never used.
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
   * Stop as soon as more than this many intervals are found (the result then has `limit + 1`),
   * so that a pattern over a very long period is refused without expanding all of it.
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

export class RecurrenceError extends Error {}

const ALLOWED_FREQ = new Map<string, number>([
  ['DAILY', RRule.DAILY],
  ['WEEKLY', RRule.WEEKLY],
  ['MONTHLY', RRule.MONTHLY],
  ['YEARLY', RRule.YEARLY],
]);
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const INT_LIST = (min: number, max: number, signed: boolean) => (value: string) =>
  value.split(',').every((part) => {
    if (!/^[+-]?\d{1,3}$/.test(part)) return false;
    const n = Number(part);
    if (!signed && /^[+-]/.test(part)) return false;
    return n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max;
  });

export interface ParsedRule {
  options: Partial<Options>;
  /** UNTIL as a local date-time `YYYY-MM-DDTHH:mm:ss`, or null. */
  untilLocal: string | null;
  untilIsUtc: boolean;
}

/** Validates an RRULE value and turns it into rrule.js options (without DTSTART). */
export function parseRRule(text: string): ParsedRule {
  if (typeof text !== 'string' || text.trim() === '') throw new RecurrenceError('rrule is empty');
  let body = text.trim();
  if (/^RRULE:/i.test(body)) body = body.slice(6);
  if (/[\r\n]/.test(body)) throw new RecurrenceError('rrule must be a single RRULE value');
  const seen = new Map<string, string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new RecurrenceError(`rrule part "${part}" is not NAME=VALUE`);
    const name = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    if (seen.has(name)) throw new RecurrenceError(`rrule names ${name} twice`);
    if (value === '') throw new RecurrenceError(`rrule ${name} has no value`);
    seen.set(name, value);
  }
  const freqText = seen.get('FREQ');
  if (!freqText) throw new RecurrenceError('rrule needs FREQ');
  const freq = ALLOWED_FREQ.get(freqText);
  if (freq === undefined) {
    throw new RecurrenceError(`FREQ=${freqText} is not allowed: use DAILY, WEEKLY, MONTHLY or YEARLY`);
  }
  const options: Partial<Options> = { freq };
  let untilLocal: string | null = null;
  let untilIsUtc = false;
  for (const [name, value] of seen) {
    switch (name) {
      case 'FREQ':
        break;
      case 'BYHOUR':
      case 'BYMINUTE':
      case 'BYSECOND':
        throw new RecurrenceError(`${name} is not allowed: the time of day comes from startTime`);
      case 'DTSTART':
        throw new RecurrenceError('DTSTART is not allowed: it is the contract validFrom at startTime');
      case 'INTERVAL':
        if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw new RecurrenceError('INTERVAL must be a positive integer');
        options.interval = Number(value);
        break;
      case 'COUNT':
        if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw new RecurrenceError('COUNT must be a positive integer');
        options.count = Number(value);
        break;
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
        const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
        if (!m || !isValidLocalDate(date)) throw new RecurrenceError('UNTIL must be a date YYYYMMDD or date-time YYYYMMDDTHHMMSS');
        if (m[4]) {
          if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) throw new RecurrenceError('UNTIL has an invalid time');
          untilLocal = `${date}T${m[5]}:${m[6]}:${m[7]}`;
          untilIsUtc = !!m[8];
        } else {
          untilLocal = `${date}T23:59:59`;
        }
        break;
      }
      case 'WKST':
        if (!DAYS.includes(value)) throw new RecurrenceError('WKST must be a weekday (MO..SU)');
        options.wkst = DAYS.indexOf(value);
        break;
      case 'BYDAY': {
        const days: Weekday[] = [];
        for (const part of value.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
          if (!m) throw new RecurrenceError(`BYDAY value "${part}" is not a weekday`);
          const day = new Weekday(DAYS.indexOf(m[2]));
          if (m[1] !== undefined) {
            const n = Number(m[1]);
            if (n === 0 || Math.abs(n) > 53) throw new RecurrenceError(`BYDAY value "${part}" has an invalid ordinal`);
            if (freqText !== 'MONTHLY' && freqText !== 'YEARLY') {
              throw new RecurrenceError('a BYDAY ordinal needs FREQ=MONTHLY or YEARLY');
            }
            days.push(day.nth(n));
          } else days.push(day);
        }
        options.byweekday = days;
        break;
      }
      case 'BYMONTH':
        if (!INT_LIST(1, 12, false)(value)) throw new RecurrenceError('BYMONTH must list months 1..12');
        options.bymonth = value.split(',').map(Number);
        break;
      case 'BYMONTHDAY':
        if (!INT_LIST(1, 31, true)(value)) throw new RecurrenceError('BYMONTHDAY must list days ±1..31');
        if (freqText === 'WEEKLY') throw new RecurrenceError('BYMONTHDAY is not allowed with FREQ=WEEKLY');
        options.bymonthday = value.split(',').map(Number);
        break;
      case 'BYYEARDAY':
        if (!INT_LIST(1, 366, true)(value)) throw new RecurrenceError('BYYEARDAY must list days ±1..366');
        if (freqText !== 'YEARLY') throw new RecurrenceError('BYYEARDAY needs FREQ=YEARLY');
        options.byyearday = value.split(',').map(Number);
        break;
      case 'BYWEEKNO':
        if (!INT_LIST(1, 53, true)(value)) throw new RecurrenceError('BYWEEKNO must list weeks ±1..53');
        if (freqText !== 'YEARLY') throw new RecurrenceError('BYWEEKNO needs FREQ=YEARLY');
        options.byweekno = value.split(',').map(Number);
        break;
      case 'BYSETPOS':
        if (!INT_LIST(1, 366, true)(value)) throw new RecurrenceError('BYSETPOS must list positions ±1..366');
        options.bysetpos = value.split(',').map(Number);
        break;
      default:
        throw new RecurrenceError(`unknown rrule part ${name}`);
    }
  }
  if (options.count !== undefined && untilLocal !== null) {
    throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  }
  if (options.bysetpos && !(options.byweekday || options.bymonthday || options.bymonth || options.byyearday || options.byweekno)) {
    throw new RecurrenceError('BYSETPOS needs another BYxxx part');
  }
  return { options, untilLocal, untilIsUtc };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function floating(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, mi, s ?? 0));
}

/** The occurrence dates of the RRULE (before exdates and holiday handling). */
function ruleDates(pattern: RosterPattern, window: ExpansionWindow, zone: string, maxDates = Infinity): string[] {
  const parsed = parseRRule(pattern.rrule ?? '');
  const dtstart = floating(window.validFrom, pattern.startTime);
  let until = floating(window.lastDate, '23:59:59');
  // UNTIL with Z is an instant (api.md): compared with each occurrence's start instant in the
  // region's zone, after expanding to a day past it on the wall clock (no zone is a day from UTC).
  let untilMs: number | null = null;
  if (parsed.untilLocal) {
    if (parsed.untilIsUtc) untilMs = Date.parse(`${parsed.untilLocal}Z`);
    const ruleUntil = untilMs !== null ? new Date(untilMs + DAY_MS) : floating(parsed.untilLocal.slice(0, 10), parsed.untilLocal.slice(11));
    if (ruleUntil < until) until = ruleUntil;
  }
  if (until < dtstart) return [];
  let dates: string[];
  if (parsed.options.bysetpos) dates = datesWithSetPositions(parsed.options, dtstart, until, maxDates);
  else {
    dates = [];
    new RRule({ ...parsed.options, dtstart, until }).all((d) => {
      dates.push(d.toISOString().slice(0, 10));
      return dates.length <= maxDates;
    });
  }
  if (untilMs !== null) {
    const lastStartMs = untilMs;
    dates = dates.filter((date) => placeLocal(date, pattern.startTime, zone) <= lastStartMs);
  }
  return dates;
}

/**
 * BYSETPOS applied here rather than by rrule.js, which picks the first element for a negative
 * position beyond the set (`BYSETPOS=-5` in a month with four Sundays). RFC 5545 and
 * python-dateutil: the set is every day of one FREQ period that the other BYxxx parts select
 * (for WEEKLY, dateutil's first period starts at DTSTART); a position outside it selects nothing;
 * DTSTART and UNTIL cut the selected days afterwards, and COUNT counts the selected days.
 */
function datesWithSetPositions(options: Partial<Options>, dtstart: Date, until: Date, maxDates: number): string[] {
  const { bysetpos, count, ...rest } = options;
  const positions = bysetpos as number[];
  const raw: Partial<Options> = { ...rest };
  const freq = raw.freq;
  // rrule.js derives these from DTSTART; fix them before DTSTART is moved to the period start.
  if (!raw.byweekno && !raw.byyearday && !raw.bymonthday && !raw.byweekday) {
    if (freq === RRule.YEARLY) {
      raw.bymonth ??= [dtstart.getUTCMonth() + 1];
      raw.bymonthday = [dtstart.getUTCDate()];
    } else if (freq === RRule.MONTHLY) raw.bymonthday = [dtstart.getUTCDate()];
    else if (freq === RRule.WEEKLY) raw.byweekday = [new Weekday((dtstart.getUTCDay() + 6) % 7)];
  }
  const [h, mi] = [dtstart.getUTCHours(), dtstart.getUTCMinutes()];
  let rawStart = dtstart;
  if (freq === RRule.MONTHLY) rawStart = new Date(Date.UTC(dtstart.getUTCFullYear(), dtstart.getUTCMonth(), 1, h, mi));
  if (freq === RRule.YEARLY) rawStart = new Date(Date.UTC(dtstart.getUTCFullYear(), 0, 1, h, mi));
  // The set of the period that holds UNTIL is only whole when expanded to that period's end.
  let rawUntil = until;
  if (freq === RRule.WEEKLY) rawUntil = new Date(until.getTime() + 7 * DAY_MS);
  if (freq === RRule.MONTHLY) rawUntil = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() + 1, 0, 23, 59, 59));
  if (freq === RRule.YEARLY) rawUntil = new Date(Date.UTC(until.getUTCFullYear(), 11, 31, 23, 59, 59));
  const wkst = typeof raw.wkst === 'number' ? raw.wkst : 0;
  const periodOf = (d: Date): string => {
    const date = d.toISOString().slice(0, 10);
    if (freq === RRule.YEARLY) return date.slice(0, 4);
    if (freq === RRule.MONTHLY) return date.slice(0, 7);
    if (freq === RRule.WEEKLY) return addDays(date, -(((d.getUTCDay() + 6) % 7) - wkst + 7) % 7);
    return date;
  };
  const limit = Math.min(count ?? Infinity, maxDates + 1);
  const dates: string[] = [];
  let period: string | null = null;
  let set: Date[] = [];
  const flush = (): boolean => {
    const chosen = new Set<number>();
    for (const pos of positions) {
      const index = pos > 0 ? pos - 1 : set.length + pos;
      if (index >= 0 && index < set.length) chosen.add(index);
    }
    for (const index of [...chosen].sort((a, b) => a - b)) {
      const d = set[index];
      if (d < dtstart || d > until) continue;
      dates.push(d.toISOString().slice(0, 10));
      if (dates.length >= limit) return false;
    }
    return true;
  };
  let more = true;
  new RRule({ ...raw, dtstart: rawStart, until: rawUntil }).all((d) => {
    const key = periodOf(d);
    if (key !== period) {
      if (period !== null && !(more = flush())) return false;
      period = key;
      set = [];
    }
    set.push(d);
    return true;
  });
  if (more && period !== null) flush();
  return dates;
}

/**
 * Expands a template over a contract window into slot intervals, ordered by start. COUNT counts
 * occurrences from DTSTART before exdates are removed.
 */
export function expandTemplate(pattern: RosterPattern, window: ExpansionWindow, zone: string): SlotInterval[] {
  const mode: HolidayMode = pattern.holidays ?? 'ignore';
  if (window.lastDate < window.validFrom) return [];
  const holidays = holidayDatesBetween(window.validFrom, window.lastDate);
  let dates: string[];
  if (mode === 'only') {
    dates = [...holidays];
  } else {
    // Enough dates for `limit + 1` intervals even after exdates, dates before `fromDate` and excluded holidays.
    const before = window.fromDate ? daysBetween(window.validFrom, window.fromDate) : 0;
    const spare = (pattern.exdates?.length ?? 0) + before + (mode === 'exclude' ? holidays.size : 0);
    dates = ruleDates(pattern, window, zone, window.limit === undefined ? Infinity : window.limit + 1 + spare);
    if (mode === 'exclude') dates = dates.filter((d) => !holidays.has(d));
    if (mode === 'add') dates = [...new Set([...dates, ...holidays])];
  }
  const exdates = new Set(pattern.exdates ?? []);
  const from = window.fromDate ?? window.validFrom;
  const result: SlotInterval[] = [];
  for (const date of [...new Set(dates)].sort()) {
    if (date < from || date < window.validFrom || date > window.lastDate || exdates.has(date)) continue;
    const interval = slotOn(date, pattern.startTime, pattern.endTime, zone);
    if (interval) result.push({ ...interval, isHoliday: holidays.has(date) });
    if (window.limit !== undefined && result.length > window.limit) break;
  }
  return result;
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
