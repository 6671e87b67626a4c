import { DateTime } from 'luxon';
import type { Violation } from '../api';
import { monthBounds, percentOf, plusDays } from '../format';
import { ruleText, t } from '../i18n';
import { pt } from './roster-plan-texts';

/** A proposal spans at most 63 local dates (`to` at most 62 days after `from`). */
export const MAX_PLAN_DAYS = 63;

/** A span of local dates, both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** Local dates from `from` to `to` inclusive. */
export function daysIn(range: DateRange): number {
  return DateTime.fromISO(range.to, { zone: 'UTC' }).diff(DateTime.fromISO(range.from, { zone: 'UTC' }), 'days').days + 1;
}

/**
 * The period a new proposal starts from: the month the calendar shows (the month of the middle of
 * its visible range, which in the month grid spills into the weeks around it), from `today` at the
 * earliest; a month already past gives the rest of the current month.
 */
export function defaultPeriod(shown: DateRange | null, today: string): DateRange {
  const month = shown ? plusDays(shown.from, Math.floor((daysIn(shown) - 1) / 2)).slice(0, 7) : today.slice(0, 7);
  const bounds = monthBounds(month);
  if (bounds.to < today) return { from: today, to: monthBounds(today.slice(0, 7)).to };
  return { from: bounds.from < today ? today : bounds.from, to: bounds.to };
}

/** Why a period cannot be proposed, or null. */
export function periodProblem(range: DateRange): string | null {
  if (!range.from || !range.to) return pt('periodRequired');
  if (range.to < range.from) return pt('periodOrder');
  if (daysIn(range) > MAX_PLAN_DAYS) return pt('periodTooLong');
  return null;
}

/** Coverage from integer minutes, written as every percentage is (one decimal, rounded down); "nog niet geroosterd" without hours to staff. */
export function coveragePct(part: number, whole: number): string {
  return whole === 0 ? t('notRosteredShort') : percentOf(part, whole);
}

/** "3 verpleegkundigen: te weinig rust tussen twee diensten …" */
export function reasonText(r: { rule: string; nurses: number }): string {
  const text = ruleText({ rule: r.rule as Violation['rule'], message: r.rule });
  if (r.nurses <= 0) return text;
  const who = r.nurses === 1 ? pt('nursesCountOne') : pt('nursesCount', { n: r.nurses });
  return `${who}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
