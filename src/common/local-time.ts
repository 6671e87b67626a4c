import { IANAZone } from 'luxon';

/**
 * Pure helpers for local wall-clock dates and times in a region's zone. Instants are epoch
 * milliseconds; nothing here reads the process's own time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2})(?::(\d{2})(?::(\d{2}))?|(\d{2})))$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export function isValidLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isValidLocalTime(value: unknown): value is string {
  return typeof value === 'string' && TIME_RE.test(value);
}

export function isValidMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = MONTH_RE.exec(value);
  return !!m && Number(m[1]) >= 1900 && Number(m[1]) <= 2999;
}

export function isValidZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on `YYYY-MM-DD` strings, done in UTC so no zone can shift it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY);
}

export function monthBounds(month: string): { first: string; last: string; days: number } {
  const [y, m] = month.split('-').map(Number);
  const days = daysInMonth(y, m);
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days };
}

/**
 * A zone's UTC offset at an instant, in seconds (the tz data has offsets such as −02:30:52 and
 * clock changes at any second, e.g. Antarctica/Casey at 16:01 UTC), memoised per 15-minute bucket.
 * A bucket whose two ends have different offsets holds one clock change, found to the second; no
 * zone changes its clocks twice within 15 minutes. The rule checks and slot generation ask this
 * thousands of times per request; Intl is slow.
 */
const QUARTER_HOUR = 15 * MINUTE;
type BucketOffset = number | { changeMs: number; before: number; after: number };
const offsetMemo = new Map<string, Map<number, BucketOffset>>();
const MEMO_LIMIT = 500_000;

function intlOffsetSeconds(ms: number, zone: string): number {
  return Math.round(IANAZone.create(zone).offset(ms) * 60);
}

function offsetSecondsAt(ms: number, zone: string): number {
  let byBucket = offsetMemo.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsetMemo.set(zone, byBucket);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let entry = byBucket.get(bucket);
  if (entry === undefined) {
    const first = bucket * QUARTER_HOUR;
    const before = intlOffsetSeconds(first, zone);
    const after = intlOffsetSeconds(first + QUARTER_HOUR - SECOND, zone);
    if (before === after) entry = before;
    else {
      // The first whole second (clock changes fall on seconds) that has the later offset.
      let lo = first / SECOND + 1;
      let hi = (first + QUARTER_HOUR) / SECOND - 1;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffsetSeconds(mid * SECOND, zone) === after) hi = mid;
        else lo = mid + 1;
      }
      entry = { changeMs: hi * SECOND, before, after };
    }
    if (byBucket.size >= MEMO_LIMIT) byBucket.clear();
    byBucket.set(bucket, entry);
  }
  if (typeof entry === 'number') return entry;
  return ms < entry.changeMs ? entry.before : entry.after;
}

/** A zone's UTC offset at an instant in minutes, as luxon gives it (a fraction when it has seconds). */
export function offsetMinutesAt(ms: number, zone: string): number {
  return offsetSecondsAt(ms, zone) / 60;
}

/**
 * The instant of a local wall-clock date and time in `zone`. A time that does not exist
 * (spring forward) moves forward by the gap: 02:30 becomes 03:30. An ambiguous time (fall back)
 * is its first occurrence, still on summer time. Computed from the zone's offsets around the
 * wall-clock value, so it does not depend on a library's choice for either case.
 */
export function placeLocal(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = offsetSecondsAt(wall - DAY, zone);
  const after = offsetSecondsAt(wall + DAY, zone);
  const valid: number[] = [];
  for (const offset of new Set([before, after])) {
    const instant = wall - offset * SECOND;
    if (offsetSecondsAt(instant, zone) === offset) valid.push(instant);
  }
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: read the wall time with the offset in force before the change.
  return wall - before * SECOND;
}

export function localDateOf(ms: number, zone: string): string {
  return new Date(ms + offsetSecondsAt(ms, zone) * SECOND).toISOString().slice(0, 10);
}

/**
 * The instant's local wall-clock time in `zone`, as epoch milliseconds read as UTC: what a
 * spreadsheet's date cell holds (it knows no zones), e.g. 10:00 in Amsterdam → 10:00 in the cell.
 */
export function wallClockMs(ms: number, zone: string): number {
  return ms + offsetSecondsAt(ms, zone) * SECOND;
}

/** Minutes after local midnight of the instant's wall-clock time. */
export function localMinuteOfDay(ms: number, zone: string): number {
  const wall = ms + offsetSecondsAt(ms, zone) * SECOND;
  return Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
}

/**
 * ISO 8601 in the zone's local offset, e.g. 2027-03-27T23:00:00+01:00 (milliseconds only when not
 * zero): the one formatter of every instant in an answer. An offset that is not a whole minute, as
 * zones had before standard time (Africa/Monrovia until 1972: −00:44:30), is written in UTC with
 * `Z` instead (1971-06-01T12:00:00Z), as api.md says: ±hh:mm:ss is not an RFC 3339 offset, and many
 * clients read it wrongly or not at all.
 */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetSecondsAt(ms, zone);
  const inUtc = offset % 60 !== 0;
  const wall = new Date(ms + (inUtc ? 0 : offset * SECOND)).toISOString();
  const local = ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23);
  if (inUtc || (offset === 0 && zone.toUpperCase() === 'UTC')) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${local}${sign}${two(Math.floor(abs / 3600))}:${two(Math.floor(abs / 60) % 60)}`;
}

/** Parses an ISO 8601 instant that carries an explicit offset; anything else is null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT_RE.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  // 1899: an instant early on 1 January 1900 reads 31 December 1899 west of UTC.
  if (y < 1899 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11] ?? m[13]);
    const os = Number(m[12] ?? 0);
    if (oh > 18 || om > 59 || os > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * SECOND;
}

export function isValidInstant(value: unknown): boolean {
  return parseInstant(value) !== null;
}

export function todayIn(zone: string, nowMs: number): string {
  return localDateOf(nowMs, zone);
}
