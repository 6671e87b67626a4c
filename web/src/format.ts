import { DateTime } from 'luxon';
import { lang, t } from './i18n';

/**
 * Dates, times, durations and money as people in the Netherlands read them, always in the
 * region's zone (never the browser's). Money stays integer cents until it becomes text.
 */
const locale = () => (lang.value === 'en' ? 'en-GB' : 'nl-NL');

export function inZone(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone);
}

export function time(iso: string, zone: string): string {
  return inZone(iso, zone).toFormat('HH:mm');
}

export function timeRange(start: string, end: string, zone: string): string {
  return `${time(start, zone)}–${time(end, zone)}`;
}

/** `2026-11-23` → `ma 23 nov 2026` (nl) or `Mon 23 Nov 2026` (en). */
export function localDate(date: string, withWeekday = true): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' }).setLocale(locale());
  return d.toFormat(withWeekday ? 'ccc d LLL yyyy' : 'd LLL yyyy').replace('.', '');
}

export function dateTime(iso: string, zone: string): string {
  const d = inZone(iso, zone).setLocale(locale());
  return `${d.toFormat('ccc d LLL').replace('.', '')} ${d.toFormat('HH:mm')}`;
}

export function monthName(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).setLocale(locale()).toFormat('LLLL yyyy');
}

/** 420 → `7 u`; 450 → `7 u 30 min`. */
export function duration(minutes: number): string {
  const h = (minutes - (minutes % 60)) / 60;
  const m = minutes % 60;
  if (m === 0) return `${h} ${t('hours')}`;
  if (h === 0) return `${m} ${t('minutes')}`;
  return `${h} ${t('hours')} ${m} ${t('minutes')}`;
}

/** Integer cents → `€ 1.234,56` (nl) or `€1,234.56` (en), without floating point. */
export function euros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not integer cents: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const whole = (abs - rest) / 100;
  const nlFormat = lang.value === 'nl';
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, nlFormat ? '.' : ',');
  const text = `${grouped}${nlFormat ? ',' : '.'}${String(rest).padStart(2, '0')}`;
  return `${negative ? '−' : ''}€${nlFormat ? '\u00a0' : ''}${text}`;
}

/**
 * A percentage from hundredths of a percent (a whole number): `33,3 %` in Dutch (decimal comma,
 * a non-breaking space before %), `33.3%` in English; no trailing zeros (`100 %`, `97,55 %`).
 */
function percentText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const decimals = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  const nl = lang.value !== 'en';
  return `${whole}${decimals ? `${nl ? ',' : '.'}${decimals}` : ''}${nl ? '\u00a0%' : '%'}`;
}

/**
 * The one way the app writes a percentage, from the API's two-decimal figures: one decimal at
 * most, rounded down, so that 99,96 % never reads as 100 % and a share below a norm never reads as
 * reaching it (66,67 → `66,6 %`). Negative and non-finite values are not percentages here.
 */
export function percent(pct: number): string {
  if (!Number.isFinite(pct) || pct < 0) throw new Error(`not a percentage: ${pct}`);
  // Two decimals to integer hundredths first (exact), then down to tenths in integers.
  return percentText(Math.floor(Math.round(pct * 100) / 10) * 10);
}

/** `part` of `whole` (integers, e.g. minutes) as a percentage, rounded down to one decimal; `whole` > 0. */
export function percentOf(part: number, whole: number): string {
  if (!(whole > 0) || part < 0) throw new Error(`not a share: ${part} of ${whole}`);
  return percentText(Math.floor((1000 * part) / whole) * 10);
}

/**
 * A contract's norm (minimum coverage), written the same way but exactly as agreed, up to the two
 * decimals the API allows (`97,55 %`): a norm is a term of the contract, not a measurement.
 */
export function normPercent(pct: number): string {
  if (!Number.isFinite(pct) || pct < 0) throw new Error(`not a percentage: ${pct}`);
  return percentText(Math.round(pct * 100));
}

/**
 * A coverage figure as the board shows it: a month or period without rostered hours has no
 * coverage yet and reads "nog niet geroosterd", never 100 % (the API's figure for nothing to cover).
 */
export function coverageText(pct: number, positionMinutes: number): string {
  return positionMinutes === 0 ? t('notRosteredShort') : percent(pct);
}

export function today(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() as string;
}

export function currentMonth(zone: string): string {
  return DateTime.now().setZone(zone).toFormat('yyyy-MM');
}

export function monthBounds(month: string): { from: string; to: string; days: number } {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return { from: first.toISODate() as string, to: first.endOf('month').toISODate() as string, days: first.daysInMonth as number };
}

export function addMonths(month: string, n: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).plus({ months: n }).toFormat('yyyy-MM');
}

/** A calendar date plus whole days (no clock involved). */
export function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}
