/**
 * RFC 5545 recurrence rules at the granularity of dates: parsing an RRULE value, and walking its
 * occurrences period by period. Pure: no Nest, TypeORM or zone; a date is a day number (days
 * since 1970-01-01 on the proleptic Gregorian calendar) and the time of day is the template's.
 *
 * Why not rrule.js: it iterates period after period until the year 9999 when a rule selects no
 * date before UNTIL (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` took 30 s of one core), and it offers no
 * way to bound that. Here every walk visits one period at a time and stops at the last date that
 * can matter, so its work is bounded by the length of the window; a caller can also pause it
 * between periods. rrule.js stays the reference in the tests (`rrule.spec.ts` compares the two).
 *
 * Semantics follow python-dateutil (which rrule.js ports), except where RFC 5545 says otherwise:
 * - a position beyond the set selects nothing (`BYSETPOS=-5` in a month with four matches);
 * - `BYDAY=MO,1TU` in a MONTHLY or YEARLY rule is the union of the two (every Monday and the first
 *   Tuesday); dateutil intersects them;
 * - a negative BYWEEKNO also reaches the days of the year that belong to the next year's first
 *   week (`BYWEEKNO=-52` in a year before a 52-week year).
 */

export class RecurrenceError extends Error {}

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** Weekdays 0 = Monday … 6 = Sunday. */
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** UNTIL as a local date-time `YYYY-MM-DDTHH:mm:ss`, or null. */
  untilLocal: string | null;
  /** UNTIL had a Z: it is an instant, compared with each occurrence's start instant. */
  untilIsUtc: boolean;
  wkst: number;
  byMonth: number[] | null;
  byMonthDay: number[] | null;
  byYearDay: number[] | null;
  byWeekNo: number[] | null;
  /** BYDAY without an ordinal. */
  byWeekday: number[] | null;
  /** BYDAY with an ordinal (MONTHLY and YEARLY only): [weekday, n]. */
  byNthWeekday: Array<[number, number]> | null;
  bySetPos: number[] | null;
}

const intList = (min: number, max: number, signed: boolean) => (value: string) =>
  value.split(',').every((part) => {
    if (!/^[+-]?\d{1,3}$/.test(part)) return false;
    const n = Number(part);
    if (!signed && /^[+-]/.test(part)) return false;
    return n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max;
  });

const numbers = (value: string) => [...new Set(value.split(',').map(Number))];

function isValidCalendarDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Validates an RRULE value (without DTSTART) and returns the rule it describes. */
export function parseRRule(text: string): RecurrenceRule {
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
  if (freqText !== 'DAILY' && freqText !== 'WEEKLY' && freqText !== 'MONTHLY' && freqText !== 'YEARLY') {
    throw new RecurrenceError(`FREQ=${freqText} is not allowed: use DAILY, WEEKLY, MONTHLY or YEARLY`);
  }
  const rule: RecurrenceRule = {
    freq: freqText,
    interval: 1,
    count: null,
    untilLocal: null,
    untilIsUtc: false,
    wkst: 0,
    byMonth: null,
    byMonthDay: null,
    byYearDay: null,
    byWeekNo: null,
    byWeekday: null,
    byNthWeekday: null,
    bySetPos: null,
  };
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
        rule.interval = Number(value);
        break;
      case 'COUNT':
        if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw new RecurrenceError('COUNT must be a positive integer');
        rule.count = Number(value);
        break;
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
        if (!m || !isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
          throw new RecurrenceError('UNTIL must be a date YYYYMMDD or date-time YYYYMMDDTHHMMSS');
        }
        const date = `${m[1]}-${m[2]}-${m[3]}`;
        if (m[4]) {
          if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) throw new RecurrenceError('UNTIL has an invalid time');
          rule.untilLocal = `${date}T${m[5]}:${m[6]}:${m[7]}`;
          rule.untilIsUtc = !!m[8];
        } else {
          rule.untilLocal = `${date}T23:59:59`;
        }
        break;
      }
      case 'WKST':
        if (!WEEKDAYS.includes(value)) throw new RecurrenceError('WKST must be a weekday (MO..SU)');
        rule.wkst = WEEKDAYS.indexOf(value);
        break;
      case 'BYDAY': {
        const plain = new Set<number>();
        const nth = new Map<string, [number, number]>();
        for (const part of value.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(part);
          if (!m) throw new RecurrenceError(`BYDAY value "${part}" is not a weekday`);
          const weekday = WEEKDAYS.indexOf(m[2]);
          if (m[1] === undefined) {
            plain.add(weekday);
            continue;
          }
          const n = Number(m[1]);
          if (n === 0 || Math.abs(n) > 53) throw new RecurrenceError(`BYDAY value "${part}" has an invalid ordinal`);
          if (freqText !== 'MONTHLY' && freqText !== 'YEARLY') throw new RecurrenceError('a BYDAY ordinal needs FREQ=MONTHLY or YEARLY');
          nth.set(`${weekday}:${n}`, [weekday, n]);
        }
        rule.byWeekday = plain.size > 0 ? [...plain] : null;
        rule.byNthWeekday = nth.size > 0 ? [...nth.values()] : null;
        break;
      }
      case 'BYMONTH':
        if (!intList(1, 12, false)(value)) throw new RecurrenceError('BYMONTH must list months 1..12');
        rule.byMonth = numbers(value);
        break;
      case 'BYMONTHDAY':
        if (!intList(1, 31, true)(value)) throw new RecurrenceError('BYMONTHDAY must list days ±1..31');
        if (freqText === 'WEEKLY') throw new RecurrenceError('BYMONTHDAY is not allowed with FREQ=WEEKLY');
        rule.byMonthDay = numbers(value);
        break;
      case 'BYYEARDAY':
        if (!intList(1, 366, true)(value)) throw new RecurrenceError('BYYEARDAY must list days ±1..366');
        if (freqText !== 'YEARLY') throw new RecurrenceError('BYYEARDAY needs FREQ=YEARLY');
        rule.byYearDay = numbers(value);
        break;
      case 'BYWEEKNO':
        if (!intList(1, 53, true)(value)) throw new RecurrenceError('BYWEEKNO must list weeks ±1..53');
        if (freqText !== 'YEARLY') throw new RecurrenceError('BYWEEKNO needs FREQ=YEARLY');
        rule.byWeekNo = numbers(value);
        break;
      case 'BYSETPOS':
        if (!intList(1, 366, true)(value)) throw new RecurrenceError('BYSETPOS must list positions ±1..366');
        rule.bySetPos = numbers(value);
        break;
      default:
        throw new RecurrenceError(`unknown rrule part ${name}`);
    }
  }
  if (rule.count !== null && rule.untilLocal !== null) throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  if (rule.bySetPos && !(rule.byWeekday || rule.byNthWeekday || rule.byMonthDay || rule.byMonth || rule.byYearDay || rule.byWeekNo)) {
    throw new RecurrenceError('BYSETPOS needs another BYxxx part');
  }
  return rule;
}

// ---------------------------------------------------------------------------------------------
// Day numbers (days since 1970-01-01), after H. Hinnant's civil-calendar algorithms.

export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dayNumberOf(date: string): number {
  return dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function dateOfDayNumber(n: number): string {
  const { year, month, day } = civil(n);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

interface Civil {
  year: number;
  month: number;
  day: number;
}

function civil(n: number): Civil {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The first day of the week (starting on `wkst`) that holds day `n`. */
function weekStartOf(n: number, wkst: number): number {
  return n - ((weekdayOf(n) - wkst + 7) % 7);
}

/**
 * Week numbering of RFC 5545 (ISO 8601 with the rule's week start): week 1 of a year is the first
 * week with at least four of its days in that year, i.e. the week holding 4 January.
 */
function firstWeekStart(year: number, wkst: number): number {
  return weekStartOf(dayNumber(year, 1, 4), wkst);
}

// ---------------------------------------------------------------------------------------------
// Walking the occurrences.

/** The day (number) on which the rule starts: the contract's first day, at the template's start time. */
export interface RuleStart {
  day: number;
  /** `HH:mm`, the time of day of every occurrence. */
  time: string;
}

/** Returned by `walkOccurrences` between periods, so a caller can pause; never a day number. */
export const PAUSE = Symbol('pause');

/** How many days a walk looks at between two pauses (a period of the rule is a day up to a year). */
const DAYS_PER_PAUSE = 64;

/** The BYxxx parts in effect, after the defaults that DTSTART supplies (RFC 5545, dateutil). */
interface Filters {
  byMonth: Set<number> | null;
  byMonthDay: Set<number> | null;
  byYearDay: Set<number> | null;
  byWeekNo: Set<number> | null;
  byWeekday: Set<number> | null;
  byNthWeekday: Array<[number, number]> | null;
  /** Ordinal weekdays count within the month (MONTHLY, or YEARLY with BYMONTH), else within the year. */
  nthWithinMonth: boolean;
}

function filtersOf(rule: RecurrenceRule, start: Civil, startWeekday: number): Filters {
  let byMonth = rule.byMonth;
  let byMonthDay = rule.byMonthDay;
  let byWeekday = rule.byWeekday;
  if (!rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byWeekday && !rule.byNthWeekday) {
    if (rule.freq === 'YEARLY') {
      byMonth ??= [start.month];
      byMonthDay = [start.day];
    } else if (rule.freq === 'MONTHLY') byMonthDay = [start.day];
    else if (rule.freq === 'WEEKLY') byWeekday = [startWeekday];
  }
  const set = (values: number[] | null) => (values ? new Set(values) : null);
  return {
    byMonth: set(byMonth),
    byMonthDay: set(byMonthDay),
    byYearDay: set(rule.byYearDay),
    byWeekNo: set(rule.byWeekNo),
    byWeekday: set(byWeekday),
    byNthWeekday: rule.byNthWeekday,
    nthWithinMonth: rule.freq === 'MONTHLY' || (rule.freq === 'YEARLY' && byMonth !== null),
  };
}

function matches(n: number, f: Filters, wkst: number): boolean {
  const { year, month, day } = civil(n);
  if (f.byMonth && !f.byMonth.has(month)) return false;
  const monthLength = daysInMonth(year, month);
  if (f.byMonthDay && !f.byMonthDay.has(day) && !f.byMonthDay.has(day - monthLength - 1)) return false;
  const yearDay = n - dayNumber(year, 1, 1) + 1;
  const yearLength = isLeapYear(year) ? 366 : 365;
  if (f.byYearDay && !f.byYearDay.has(yearDay) && !f.byYearDay.has(yearDay - yearLength - 1)) return false;
  const weekday = weekdayOf(n);
  if (f.byWeekday || f.byNthWeekday) {
    let hit = f.byWeekday?.has(weekday) ?? false;
    if (!hit && f.byNthWeekday) {
      const [index, length] = f.nthWithinMonth ? [day, monthLength] : [yearDay, yearLength];
      const fromStart = Math.floor((index - 1) / 7) + 1;
      const fromEnd = -(Math.floor((length - index) / 7) + 1);
      hit = f.byNthWeekday.some(([w, k]) => w === weekday && (k === fromStart || k === fromEnd));
    }
    if (!hit) return false;
  }
  if (f.byWeekNo) {
    const weekStart = weekStartOf(n, wkst);
    const weekYear = civil(weekStart + 3).year;
    const first = firstWeekStart(weekYear, wkst);
    const week = (weekStart - first) / 7 + 1;
    const weeks = (firstWeekStart(weekYear + 1, wkst) - first) / 7;
    if (!f.byWeekNo.has(week) && !f.byWeekNo.has(week - weeks - 1)) return false;
  }
  return true;
}

/** Half-open ranges of day numbers, one per period of the rule, from the rule's start on. */
function* periods(rule: RecurrenceRule, start: number, startCivil: Civil): Generator<[number, number], void, void> {
  const step = rule.interval;
  switch (rule.freq) {
    case 'DAILY':
      for (let n = start; ; n += step) yield [n, n + 1];
    case 'WEEKLY': {
      // dateutil: the first period runs from DTSTART to the end of its week; later ones are whole
      // weeks, `interval` weeks apart, starting on WKST.
      const firstWeek = weekStartOf(start, rule.wkst);
      yield [start, firstWeek + 7];
      for (let k = 1; ; k++) yield [firstWeek + 7 * step * k, firstWeek + 7 * step * k + 7];
    }
    case 'MONTHLY':
      for (let k = 0; ; k++) {
        const index = startCivil.year * 12 + startCivil.month - 1 + step * k;
        const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
        yield [dayNumber(year, month, 1), dayNumber(year, month, 1) + daysInMonth(year, month)];
      }
    case 'YEARLY':
      for (let year = startCivil.year; ; year += step) yield [dayNumber(year, 1, 1), dayNumber(year + 1, 1, 1)];
  }
}

export interface WalkBounds {
  /** The last day on which an occurrence may start (the window's end, or UNTIL's day). */
  lastDay: number;
  /**
   * When UNTIL is a wall-clock time: an occurrence on `lastDay` counts only if the start time is
   * not later than this `HH:mm:ss`. Null: every occurrence on `lastDay` counts.
   */
  lastDayUntilTime?: string | null;
  /** Stop after visiting this many periods, even when the window goes on (a safety bound). */
  maxPeriods?: number;
}

/**
 * The occurrence days of a rule, in order, from its start through `bounds.lastDay`: COUNT counts
 * every occurrence from the start (RFC 5545), the start day itself only if it matches (dateutil).
 * Yields `PAUSE` every few dozen days looked at, so that a long walk can be spread over turns of
 * the event loop. Visits one period per INTERVAL step, so a walk over N days visits at most N periods.
 */
export function* walkOccurrences(rule: RecurrenceRule, start: RuleStart, bounds: WalkBounds): Generator<number | typeof PAUSE, void, void> {
  const startCivil = civil(start.day);
  const filters = filtersOf(rule, startCivil, weekdayOf(start.day));
  const lastDay = bounds.lastDayUntilTime != null && `${start.time}:00` > bounds.lastDayUntilTime ? bounds.lastDay - 1 : bounds.lastDay;
  const maxPeriods = bounds.maxPeriods ?? Infinity;
  let emitted = 0;
  let visited = 0;
  let daysSincePause = 0;
  for (const [from, to] of periods(rule, start.day, startCivil)) {
    if (from > lastDay || visited++ >= maxPeriods) return;
    daysSincePause += to - from;
    if (daysSincePause >= DAYS_PER_PAUSE) {
      daysSincePause = 0;
      yield PAUSE;
    }
    const days: number[] = [];
    for (let n = from; n < to; n++) if (matches(n, filters, rule.wkst)) days.push(n);
    let chosen = days;
    if (rule.bySetPos) {
      // RFC 5545: BYSETPOS picks from the period's whole set; a position beyond it picks nothing.
      const picked = new Set<number>();
      for (const position of rule.bySetPos) {
        const index = position > 0 ? position - 1 : days.length + position;
        if (index >= 0 && index < days.length) picked.add(days[index]);
      }
      chosen = [...picked].sort((a, b) => a - b);
    }
    for (const n of chosen) {
      if (n < start.day) continue;
      if (n > lastDay) return;
      yield n;
      if (rule.count !== null && ++emitted >= rule.count) return;
    }
  }
}

/**
 * The number of periods after which a rule's calendar repeats: the Gregorian calendar repeats
 * every 400 years (146,097 days, exactly 20,871 weeks, 4,800 months), so a rule visiting every
 * INTERVAL-th period has seen every case after this many visits (plus the first, partial week).
 */
export function periodsPerCycle(rule: RecurrenceRule): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const cycle = { DAILY: 146_097, WEEKLY: 20_871, MONTHLY: 4_800, YEARLY: 400 }[rule.freq];
  return cycle / gcd(cycle, rule.interval) + 1;
}
