import { DateTime } from 'luxon';
import type { Violation } from '../api';
import { duration, inZone, monthBounds, percentOf, plusDays, timeRange } from '../format';
import { functionName, lang, ruleText, t } from '../i18n';
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
  // In a plan, contract-hours also means "would go beyond her contract hours (plus the overtime allowed)".
  const text = r.rule === 'contract-hours' ? pt('reasonContractHours') : ruleText({ rule: r.rule as Violation['rule'], message: r.rule });
  if (r.nurses <= 0) return text;
  const who = r.nurses === 1 ? pt('nursesCountOne') : pt('nursesCount', { n: r.nurses });
  return `${who}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

// ── load against contract hours ─────────────────────────────────────────────────────────────────

/** The sector's full-time week (CAO VVT): the share of a nurse without contract hours, as plans count it. */
export const FULL_TIME_MINUTES_PER_WEEK = 2160;

/** A nurse's hours over some days held against her contract share for those days. */
export interface ContractLoad {
  /** Her contract minutes for the days (contract a week × days ÷ 7), rounded down to whole minutes. */
  shareMinutes: number;
  /** Her minutes as a percentage of that share, written as every percentage is; null with 0 contract hours. */
  pct: string | null;
  /** Whole minutes beyond the share (as the service counts a plan's `overtimeMinutes`). */
  overMinutes: number;
}

/**
 * `minutes` of shifts over `days` days against `contractMinutesPerWeek × days ÷ 7` (without contract
 * hours: the full-time week), in integers: the percentage is 7 × minutes of contract × days, so no
 * fraction of a minute is lost.
 */
export function contractLoad(minutes: number, contractMinutesPerWeek: number | null, days: number): ContractLoad {
  const share = contractMinutesPerWeek ?? FULL_TIME_MINUTES_PER_WEEK;
  return {
    shareMinutes: Math.floor((share * days) / 7),
    pct: share === 0 ? null : percentOf(7 * minutes, share * days),
    overMinutes: Math.max(0, Math.floor((7 * minutes - share * days) / 7)),
  };
}

/** Minutes as hours with one decimal at most, rounded down: 8502 → "141,7 u" (nl), "141.7 h" (en). */
export function hoursText(minutes: number): string {
  const tenths = Math.floor(minutes / 6);
  const whole = Math.floor(tenths / 10);
  const decimal = tenths % 10;
  return `${whole}${decimal ? `${lang.value === 'en' ? '.' : ','}${decimal}` : ''} ${t('hours')}`;
}

/** "+2 u overuren": the minutes beyond contract hours, named. */
export function overtimeText(minutes: number): string {
  return pt('overtimeValue', { time: duration(minutes) });
}

/** Why an "overuren toestaan" value cannot be sent, or null (empty counts as 0). */
export function overtimeProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  return /^\d{1,2}$/.test(v) && Number(v) <= 50 ? null : pt('overtimeInvalid');
}

// ── reopening a proposal ────────────────────────────────────────────────────────────────────────

/**
 * The proposal the board reopens for the period it shows: the newest (the list comes newest first)
 * still proposed whose period overlaps the days shown.
 */
export function openPlanFor<P extends { status: string; from: string; to: string }>(plans: readonly P[], shown: DateRange): P | null {
  return plans.find((p) => p.status === 'proposed' && p.from <= shown.to && p.to >= shown.from) ?? null;
}

// ── a duty in words ─────────────────────────────────────────────────────────────────────────────

export interface DutyFacts {
  dutyType: string;
  start: string;
  end: string;
}

/** More than an hour of work between 00:00 and 06:00 local time (Atw 1:7): a night shift. */
export function isNight(duty: DutyFacts, zone: string): boolean {
  if (duty.dutyType !== 'shift') return false;
  const start = inZone(duty.start, zone);
  const end = inZone(duty.end, zone);
  let nightMinutes = 0;
  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 })) {
    nightMinutes += Math.max(0, Math.min(end.toMillis(), day.set({ hour: 6 }).toMillis()) - Math.max(start.toMillis(), day.toMillis())) / 60_000;
  }
  return nightMinutes > 60;
}

/** "nacht", "dag", "avond" or "bereikbaarheidsdienst": a duty as a planner names it. */
export function dutyWord(duty: DutyFacts, zone: string): string {
  if (duty.dutyType === 'on-call') return pt('dutyOnCall');
  if (isNight(duty, zone)) return pt('dutyNight');
  return inZone(duty.start, zone).hour < 12 ? pt('dutyDay') : pt('dutyEvening');
}

/** "ma 1 mrt": a local date with its weekday, without the year. */
export function shortDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(lang.value === 'en' ? 'en-GB' : 'nl-NL')
    .toFormat('ccc d LLL')
    .replace('.', '');
}

// ── repair after an absence ─────────────────────────────────────────────────────────────────────

/**
 * The days a repair plan looks at after an absence: the calendar weeks (Monday to Sunday) of this
 * region's cancelled duties from today on, at most 63 days (nine weeks); null when none is left.
 * Whole weeks, not only the days of the duties: a plan holds each nurse to her contract share over
 * its period, so over three days a nurse on 24 h a week could take one shift whatever her week
 * holds; over her weeks she is held to her weekly hours, as her contract says. Days of those weeks
 * that have passed count her hours but are not planned (a plan only touches what starts later).
 */
export function repairPeriod(
  cancelled: ReadonlyArray<{ start: string; regionCode: string }>,
  regionCode: string,
  zone: string,
  today: string,
): DateRange | null {
  const dates = cancelled
    .filter((c) => c.regionCode === regionCode)
    .map((c) => inZone(c.start, zone).toISODate() as string)
    .filter((d) => d >= today)
    .sort();
  if (dates.length === 0) return null;
  const monday = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).startOf('week').toISODate() as string;
  const from = monday(dates[0]);
  const last = plusDays(from, MAX_PLAN_DAYS - 1);
  const to = plusDays(monday(dates[dates.length - 1]), 6);
  return { from, to: to > last ? last : to };
}

export interface ChainSlot extends DutyFacts {
  id: string;
  localDate: string;
  function: string;
  assignments: ReadonlyArray<{ id: string; nurseName: string }>;
}

export interface ChainStep {
  slotId: string;
  /** "Cees de Wit neemt de nacht van ma 1 mrt over van Bram Jansen" */
  text: string;
  /** "23:00–07:00 · Ongeplande nachtzorg" */
  detail: string;
  start: string;
}

/**
 * A repair plan's changes in words, in the order of their duties: a hand-over names whom the duty
 * comes from (the holder of the replaced assignment, found in `slots`); a filled position left by
 * the absent nurse names her (`vacated`: slot id → name); any other position is simply taken.
 */
export function repairChain(
  proposals: ReadonlyArray<{
    slotId: string;
    nurseName: string;
    localDate: string;
    start: string;
    end: string;
    function: string;
    replacesAssignmentId?: string;
  }>,
  slots: ReadonlyMap<string, ChainSlot>,
  vacated: ReadonlyMap<string, string>,
  zone: string,
): ChainStep[] {
  return [...proposals]
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.nurseName.localeCompare(b.nurseName, 'nl'))
    .map((p) => {
      const slot = slots.get(p.slotId);
      const duty = dutyWord({ dutyType: slot?.dutyType ?? 'shift', start: p.start, end: p.end }, zone);
      const date = shortDate(p.localDate);
      const previous = p.replacesAssignmentId ? slot?.assignments.find((a) => a.id === p.replacesAssignmentId)?.nurseName : vacated.get(p.slotId);
      const text = p.replacesAssignmentId
        ? previous
          ? pt('chainHandOver', { who: p.nurseName, duty, date, from: previous })
          : pt('chainHandOverUnknown', { who: p.nurseName, duty, date })
        : previous
          ? pt('chainVacated', { who: p.nurseName, duty, date, from: previous })
          : pt('chainTakes', { who: p.nurseName, duty, date });
      return { slotId: p.slotId, text, detail: `${timeRange(p.start, p.end, zone)} · ${functionName(p.function)}`, start: p.start };
    });
}
