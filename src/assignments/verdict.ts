import type { ConflictingDuty, Violation } from '../common/codes.js';
import { formatInstant } from '../common/local-time.js';
import { heldBy } from '../common/conflicts.js';
import { closedMonthViolation } from '../months/closed-month.js';
import { NurseTimeline } from '../working-time/timeline.js';
import { checkWorkingTime, type Duty, type DutyType, RULE_HORIZON_MS } from '../working-time/working-time-rules.js';

/** What assigning a nurse to a slot would meet: 409 conflicts and 422 rule violations. */
export interface AssignmentVerdict {
  conflicts: Violation[];
  violations: Violation[];
}

export interface SlotFacts {
  contractId: string;
  localDate: string;
  startMs: number;
  endMs: number;
  dutyType: DutyType;
  requiredNurses: number;
  assignedCount: number;
  requiredQualifications: readonly string[];
  /** The region's time zone. */
  zone: string;
}

/**
 * A loaded duty, with the nurse record that holds it: a person's timeline holds the duties of all
 * of its records, and a violation names a duty to a nurse only when its own record holds it.
 */
export type RecordDuty = Duty & { nurseId?: string };

export interface NurseFacts {
  id: string;
  employerAgb: string;
  qualifications: readonly string[];
}

export interface AbsenceFacts {
  fromDate: string;
  toDate: string;
  reason: string;
}

/** Everything the judgement needs, loaded beforehand: no query happens while judging. */
export interface AssignmentContext {
  slot: SlotFacts;
  nurse: NurseFacts;
  /** Providers whose nurses may staff the contract's slots (its responsible party). */
  employerAgbs: readonly string[];
  /** Months (YYYY-MM) of the contract closed by a final statement. */
  closedMonths: ReadonlySet<string>;
  absences: readonly AbsenceFacts[];
  /** The active duties of the nurse's person (every record of it), at least RULE_HORIZON_MS around the slot. */
  timeline: NurseTimeline;
  /** A swap hands the giver's place over: the slot's fullness does not count. */
  ignoreSlotFull?: boolean;
}

const candidateDuties = new WeakMap<SlotFacts, Duty>();

/**
 * The slot as a candidate duty, one object per slot facts: the working-time rules cache what they
 * work out about a duty (is it a night, when does it end locally) per object, so a planner that
 * judges one slot for many nurses works it out once.
 */
function dutyOf(slot: SlotFacts): Duty {
  let duty = candidateDuties.get(slot);
  if (!duty) {
    duty = { startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType, localDate: slot.localDate, zone: slot.zone };
    candidateDuties.set(slot, duty);
  }
  return duty;
}

/** The conflicts of the slot itself, whoever the nurse: its month is closed, or it is full. */
export function slotConflicts(
  slot: Pick<SlotFacts, 'localDate' | 'requiredNurses' | 'assignedCount'>,
  closedMonths: ReadonlySet<string>,
  ignoreSlotFull = false,
): Violation[] {
  const conflicts: Violation[] = [];
  const month = slot.localDate.slice(0, 7);
  if (closedMonths.has(month)) conflicts.push(closedMonthViolation(month));
  if (!ignoreSlotFull && slot.assignedCount >= slot.requiredNurses) {
    conflicts.push({ rule: 'slot-full', message: `the slot already has its ${slot.requiredNurses} nurse(s)` });
  }
  return conflicts;
}

/**
 * The one judgement of an assignment, used by assigning, candidate lists, offers and the
 * planner alike. Pure: the context in, the verdict out.
 */
export function judgeAssignment(ctx: AssignmentContext): AssignmentVerdict {
  const { slot, nurse } = ctx;
  const conflicts = slotConflicts(slot, ctx.closedMonths, ctx.ignoreSlotFull);
  const violations: Violation[] = [];
  const duties: Duty[] = ctx.timeline.within(slot.startMs - RULE_HORIZON_MS, slot.endMs + RULE_HORIZON_MS);
  const overlapping = duties.find((d) => d.startMs < slot.endMs && d.endMs > slot.startMs);
  if (overlapping) {
    conflicts.push(withCause({ rule: 'overlap', message: 'the nurse already has an assignment at that time' }, overlapping));
  }
  const absence = ctx.absences.find((a) => a.fromDate <= slot.localDate && a.toDate >= slot.localDate);
  if (absence) violations.push({ rule: 'absence', message: `the nurse is absent (${absence.reason}) from ${absence.fromDate} to ${absence.toDate}` });
  if (!ctx.employerAgbs.includes(nurse.employerAgb)) {
    violations.push({ rule: 'employer', message: `the nurse's employer ${nurse.employerAgb} is not the responsible party of this contract` });
  }
  const missing = missingQualifications(slot, nurse);
  if (missing.length) violations.push({ rule: 'qualification', message: `the nurse lacks ${missing.join(', ')}` });
  for (const { cause, causes, ...v } of checkWorkingTime(dutyOf(slot), duties)) violations.push(causes ? withCauses(v, causes) : withCause(v, cause));
  return { conflicts, violations };
}

/** The duty as a violation names it (`conflictsWith`); only a loaded assignment can be named. */
export function conflictingDuty(d: Duty): ConflictingDuty | undefined {
  if (d.id === undefined || d.slotId === undefined || d.regionCode === undefined || d.function === undefined) return undefined;
  const named: ConflictingDuty = {
    assignmentId: d.id,
    slotId: d.slotId,
    regionCode: d.regionCode,
    function: d.function,
    dutyType: d.dutyType,
    start: formatInstant(d.startMs, d.zone),
    end: formatInstant(d.endMs, d.zone),
  };
  const record = (d as RecordDuty).nurseId;
  return record === undefined ? named : heldBy(named, record);
}

function withCause(v: Violation, cause: Duty | undefined): Violation {
  const conflictsWith = cause && conflictingDuty(cause);
  return conflictsWith ? { ...v, conflictsWith } : v;
}

/** The duties of a week rule's violation that can be named (loaded assignments). */
function withCauses(v: Violation, causes: readonly Duty[]): Violation {
  const conflictsWith = causes.map(conflictingDuty).filter((c): c is ConflictingDuty => c !== undefined);
  return conflictsWith.length ? { ...v, conflictsWith } : v;
}

/** The qualifications the slot needs that the nurse lacks (the one check that says nothing of the nurse's other duties). */
export function missingQualifications(slot: { requiredQualifications: readonly string[] }, nurse: { qualifications: readonly string[] }): string[] {
  return slot.requiredQualifications.filter((q) => !nurse.qualifications.includes(q));
}
