import { DateTime } from 'luxon';
import { plusDays } from '../format';
import type { DateRange } from './roster-plan-model';

/**
 * What the roster per nurse ("Per verpleegkundige") draws, apart from the screen: per nurse and
 * day her duties, the proposal's duties, absences and wishes, and her hours of shifts in a span of
 * days, the proposal included. Pure.
 */

export interface GridSlot {
  id: string;
  localDate: string;
  start: string;
  end: string;
  function: string;
  dutyType: string;
  durationMinutes: number;
  assignments: ReadonlyArray<{ id: string; nurseId: string; nurseName: string }>;
}

export interface GridProposal {
  slotId: string;
  nurseId: string;
  nurseName: string;
  localDate: string;
  start: string;
  end: string;
  function: string;
  durationMinutes: number;
  replacesAssignmentId?: string;
}

/** One thing in a nurse's cell of a day. */
export type GridItem<S extends GridSlot = GridSlot> =
  | { kind: 'duty'; slot: S; assignmentId: string; handedTo: string | null }
  | { kind: 'proposal'; slotId: string; proposal: GridProposal; dutyType: string }
  | { kind: 'absence'; reason: string }
  | { kind: 'wish' };

export type Span = 'week' | 'maand';

/** The first day shown: the Monday of the week, or the first of the month, holding `date`. */
export function firstDay(date: string, span: Span): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return (span === 'week' ? d.startOf('week') : d.startOf('month')).toISODate() as string;
}

/** The days shown from `first`: seven, or the days of its month. */
export function daysFrom(first: string, span: Span): string[] {
  const n = span === 'week' ? 7 : (DateTime.fromISO(first, { zone: 'UTC' }).daysInMonth as number);
  return Array.from({ length: n }, (_, i) => plusDays(first, i));
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday >= 6;
}

/**
 * Per nurse and local date, what her cell shows, in the order of the day: her duties (an existing
 * one a repair proposal hands on says to whom), the proposal's duties for her, her absence and her
 * wish ("liever niet"). Only the dates of `range` are kept.
 */
export function gridCells<S extends GridSlot>(
  slots: readonly S[],
  proposals: readonly GridProposal[],
  absences: ReadonlyArray<{ nurseId: string; from: string; to: string; reason: string }>,
  wishes: ReadonlyArray<{ nurseId: string; date: string }>,
  range: DateRange,
): Map<string, Map<string, Array<GridItem<S>>>> {
  const cells = new Map<string, Map<string, Array<GridItem<S>>>>();
  const put = (nurseId: string, date: string, item: GridItem<S>) => {
    if (date < range.from || date > range.to) return;
    const row = cells.get(nurseId) ?? new Map<string, Array<GridItem<S>>>();
    row.set(date, [...(row.get(date) ?? []), item]);
    cells.set(nurseId, row);
  };
  const handedTo = new Map(proposals.filter((p) => p.replacesAssignmentId).map((p) => [p.replacesAssignmentId as string, p.nurseName]));
  const dutyTypes = new Map(slots.map((s) => [s.id, s.dutyType]));
  const ordered = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const s of ordered)
    for (const a of s.assignments) put(a.nurseId, s.localDate, { kind: 'duty', slot: s, assignmentId: a.id, handedTo: handedTo.get(a.id) ?? null });
  for (const p of [...proposals].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)))
    put(p.nurseId, p.localDate, { kind: 'proposal', slotId: p.slotId, proposal: p, dutyType: dutyTypes.get(p.slotId) ?? 'shift' });
  for (const a of absences)
    for (let d = a.from < range.from ? range.from : a.from; d <= a.to && d <= range.to; d = plusDays(d, 1))
      put(a.nurseId, d, { kind: 'absence', reason: a.reason });
  for (const w of wishes) put(w.nurseId, w.date, { kind: 'wish' });
  return cells;
}

/**
 * A nurse's minutes of shifts whose local date lies in `range` (on-call blocks are not working
 * time), with the proposal: its duties for her count, and a duty it hands to someone else does not.
 */
export function shiftMinutes(slots: readonly GridSlot[], proposals: readonly GridProposal[], nurseId: string, range: DateRange): number {
  const inRange = (date: string) => date >= range.from && date <= range.to;
  const handedOn = new Set(proposals.map((p) => p.replacesAssignmentId).filter(Boolean));
  const shifts = new Set(slots.filter((s) => s.dutyType === 'shift').map((s) => s.id));
  let minutes = 0;
  for (const s of slots) {
    if (s.dutyType !== 'shift' || !inRange(s.localDate)) continue;
    for (const a of s.assignments) if (a.nurseId === nurseId && !handedOn.has(a.id)) minutes += s.durationMinutes;
  }
  for (const p of proposals) if (p.nurseId === nurseId && inRange(p.localDate) && shifts.has(p.slotId)) minutes += p.durationMinutes;
  return minutes;
}
