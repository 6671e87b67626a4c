import { DateTime, IANAZone } from 'luxon';

/**
 * Pure helpers for local wall-clock dates and times in a region's zone. Instants are epoch
 * milliseconds; nothing here reads the process's own time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT_RE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

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

export function offsetMinutesAt(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset;
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

export function localDateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string;
}

/** Minutes after local midnight of the instant's wall-clock time. */
export function localMinuteOfDay(ms: number, zone: string): number {
  const t = DateTime.fromMillis(ms, { zone });
  return t.hour * 60 + t.minute;
}

export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({
    suppressMilliseconds: true,
    includeOffset: true,
  }) as string;
}

/** Parses an ISO 8601 instant that carries an explicit offset; anything else is null. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string' || !INSTANT_RE.test(value)) return null;
  const t = DateTime.fromISO(value, { setZone: true });
  return t.isValid ? t.toMillis() : null;
}

export function isValidInstant(value: unknown): boolean {
  return parseInstant(value) !== null;
}

export function todayIn(zone: string, nowMs: number): string {
  return localDateOf(nowMs, zone);
}
