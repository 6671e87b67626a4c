import type { Warning } from '../common/codes.js';
import { addDays, daysBetween } from '../common/local-time.js';

/**
 * Contract hours by hand (domain.md, "Contract hours and overtime"; api.md, "Contract hours"): a
 * coordinator may assign a nurse beyond her contract hours, but the answer then says so. Pure.
 *
 * - The week is the calendar week, Monday to Sunday, of the new duty's local date.
 * - It counts the minutes (real elapsed time, so a night across a clock change counts 7 h or 9 h)
 *   of her shifts whose local date lies in that week: a shift from Sunday 23:00 counts whole in the
 *   week of that Sunday. On-call blocks are not working time: they count for nothing, and assigning
 *   one never warns.
 * - A nurse without contract hours counts as 2160 minutes a week; with 0, every shift is beyond.
 * - It warns when the week's shifts, the new one included, come to more than the contract.
 */

/** The collective agreement's full-time week (36 h): what a nurse without contract hours counts as. */
export const FULL_TIME_MINUTES_PER_WEEK = 2160;

export interface WeekDuty {
  /** The assignment, where it exists: the new duty is never counted twice. */
  id?: string;
  /** Local date on which the duty starts, in its region's zone. */
  localDate: string;
  startMs: number;
  endMs: number;
  dutyType: 'shift' | 'on-call';
}

export interface ContractHoursFacts {
  /** The nurse record's contract minutes per week; null: not set. */
  contractMinutesPerWeek: number | null;
  /** The record's other active duties; at least those whose local date lies in the new duty's week. */
  duties: readonly WeekDuty[];
  /** The duty being assigned. */
  duty: WeekDuty;
}

/** The Monday (`from`) and Sunday (`to`) of the calendar week of a local date. */
export function calendarWeekOf(date: string): { from: string; to: string } {
  // 1 January 2024 was a Monday: days since then, modulo 7, is the weekday (0 = Monday).
  const weekday = ((daysBetween('2024-01-01', date) % 7) + 7) % 7;
  const from = addDays(date, -weekday);
  return { from, to: addDays(from, 6) };
}

function minutesOf(d: WeekDuty): number {
  return Math.round((d.endMs - d.startMs) / 60_000);
}

export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!m) return `${h} h`;
  return h ? `${h} h ${m} min` : `${m} min`;
}

/** The `contract-hours` warning for assigning `duty`, or null when it keeps within the contract. */
export function contractHoursWarning(facts: ContractHoursFacts): Warning | null {
  const { duty } = facts;
  if (duty.dutyType !== 'shift') return null;
  const week = calendarWeekOf(duty.localDate);
  const inWeek = (d: WeekDuty) => d.dutyType === 'shift' && d.localDate >= week.from && d.localDate <= week.to;
  const others = facts.duties.filter((d) => inWeek(d) && (d.id === undefined || d.id !== duty.id));
  const worked = others.reduce((sum, d) => sum + minutesOf(d), minutesOf(duty));
  const contract = facts.contractMinutesPerWeek ?? FULL_TIME_MINUTES_PER_WEEK;
  if (worked <= contract) return null;
  const agreed =
    facts.contractMinutesPerWeek === null
      ? `the ${hoursText(contract)} a week that counts without contract hours`
      : contract === 0
        ? 'her contract of 0 h a week'
        : `her contract of ${hoursText(contract)} a week`;
  return {
    rule: 'contract-hours',
    message: `in the week of ${week.from} to ${week.to} her shifts come to ${hoursText(worked)}, ${hoursText(worked - contract)} beyond ${agreed}`,
    weekFrom: week.from,
    weekTo: week.to,
    shiftMinutes: worked,
    contractMinutesPerWeek: facts.contractMinutesPerWeek,
  };
}
