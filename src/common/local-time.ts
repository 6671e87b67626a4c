import { IANAZone } from 'luxon';

/**
 * Pure helpers for local wall-clock dates and times in a region's zone. Instants are epoch
 * milliseconds; nothing here reads the process's own time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

const MINUTE = 60_000;
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
 * A zone's UTC offset at an instant, memoised per 15-minute bucket: every clock change happens
 * on a quarter hour of UTC, so the offset is constant within a bucket. The rule checks and slot
 * generation ask this thousands of times per request; Intl is slow.
 */
const QUARTER_HOUR = 15 * MINUTE;
const offsetMemo = new Map<string, Map<number, number>>();
const MEMO_LIMIT = 500_000;

export function offsetMinutesAt(ms: number, zone: string): number {
  let byBucket = offsetMemo.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsetMemo.set(zone, byBucket);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(ms);
    if (byBucket.size >= MEMO_LIMIT) byBucket.clear();
    byBucket.set(bucket, offset);
  }
  return offset;
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
  const before = offsetMinutesAt(wall - DAY, zone);
  const after = offsetMinutesAt(wall + DAY, zone);
  const valid: number[] = [];
  for (const offset of new Set([before, after])) {
    const instant = wall - offset * MINUTE;
    if (offsetMinutesAt(instant, zone) === offset) valid.push(instant);
  }
  if (valid.length > 0) return Math.min(...valid);
  // In the gap: read the wall time with the offset in force before the change.
  return wall - before * MINUTE;
}

/**
 * The first instant at which the zone's clock reads `date` `time` or later. Unlike `placeLocal`,
 * a time inside the spring-forward gap is the instant the clocks jump (02:30 on the last Sunday of
 * March in Amsterdam is 03:00+02:00); an ambiguous time is its first occurrence. It never goes
 * back as the wall-clock time goes forward, so intervals that do not overlap on the wall clock do
 * not overlap in time, and an interval lasts as long as the part of it that the clock shows.
 */
export function firstInstantReading(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const placed = placeLocal(date, time, zone);
  if (placed + offsetMinutesAt(placed, zone) * MINUTE === wall) return placed;
  // In the gap: the jump lies in (wall − offset after, wall − offset before]; find its second.
  const readsAtLeast = (ms: number) => ms + offsetMinutesAt(ms, zone) * MINUTE >= wall;
  let lo = Math.floor((wall - offsetMinutesAt(wall + DAY, zone) * MINUTE) / 1000);
  let hi = Math.ceil(placed / 1000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (readsAtLeast(mid * 1000)) hi = mid;
    else lo = mid + 1;
  }
  return hi * 1000;
}

export function localDateOf(ms: number, zone: string): string {
  return new Date(ms + offsetMinutesAt(ms, zone) * MINUTE).toISOString().slice(0, 10);
}

/** Minutes after local midnight of the instant's wall-clock time. */
export function localMinuteOfDay(ms: number, zone: string): number {
  const wall = ms + offsetMinutesAt(ms, zone) * MINUTE;
  return Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
}

/** ISO 8601 in the zone's local offset, e.g. 2027-03-27T23:00:00+01:00 (milliseconds only when not zero). */
export function formatInstant(ms: number, zone: string): string {
  const offset = offsetMinutesAt(ms, zone);
  const wall = new Date(ms + offset * MINUTE).toISOString();
  const local = ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23);
  if (offset === 0 && zone.toUpperCase() === 'UTC') return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Parses an ISO 8601 instant that carries an explicit offset; anything else is null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT_RE.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let offset = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 18 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * MINUTE;
}

export function isValidInstant(value: unknown): boolean {
  return parseInstant(value) !== null;
}

export function todayIn(zone: string, nowMs: number): string {
  return localDateOf(nowMs, zone);
}
