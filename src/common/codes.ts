/**
 * Every rule code the API answers in `violations[].rule`: one list, used by the domain (as the
 * type of `Violation.rule`), by the OpenAPI description of a violation, and by the web app's
 * texts (through the generated schema), so that a new code cannot be left unexplained.
 */
export const RULE_CODES = [
  // Assignments: 409
  'overlap',
  'slot-full',
  'closed-month',
  // Assignments: 422
  'qualification',
  'employer',
  'absence',
  // Absences: 409
  'absence-overlap',
  // Working time (domain.md), 422
  'max-shift-length',
  'max-night-shift-length',
  'daily-rest',
  'rest-after-night',
  'rest-after-night-series',
  'max-week-hours',
  'max-nights-16-weeks',
  'on-call-frequency',
  'on-call-near-night',
  // References and contracts
  'unknown-reference',
  'preferred-insurer',
  'last-day-outside-period',
  // Roster templates
  'too-many-slots',
  'too-many-templates',
  'rule-never-occurs',
  'has-assignments',
  // Fee statements
  'no-day-in-month',
  'month-not-ended',
  // Roster plans
  'plan-stale',
  'plan-applied',
  'plan-expired',
  'no-candidates',
  'contract-hours',
  'period-too-long',
  'plan-too-large',
  // Acute requests
  'no-contract',
  'already-acknowledged',
  'request-closed',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/**
 * The other duty of the nurse that causes a violation (`overlap`, the rest rules,
 * `on-call-near-night`), as the API shows it: instants ISO 8601 with the region's offset.
 */
export interface ConflictingDuty {
  assignmentId: string;
  slotId: string;
  regionCode: string;
  function: string;
  /** A shift at work or an on-call block, so a client names it for what it is (a night shift is a shift). */
  dutyType: 'shift' | 'on-call';
  start: string;
  end: string;
}

/** The existing absence of the same nurse that a new one would overlap (`absence-overlap`). */
export interface ConflictingAbsence {
  id: string;
  /** Local dates, inclusive. */
  from: string;
  to: string;
}

/** One broken rule, in a 409 or 422 answer. */
export interface Violation {
  rule: RuleCode;
  message: string;
  /** Only where one other duty causes it, and only when the caller may see that duty. */
  conflictsWith?: ConflictingDuty;
  /** On `absence-overlap`: the nurse's absence already there (the caller may see the nurse's absences). */
  conflictsWithAbsence?: ConflictingAbsence;
}

/**
 * Something a coordinator should know about a change that was made all the same (never a
 * refusal): an assignment by hand that takes a nurse beyond her contract hours (`contract-hours`).
 */
export interface Warning {
  rule: RuleCode;
  message: string;
  /** On `contract-hours`: the calendar week, Monday and Sunday (local dates). */
  weekFrom?: string;
  weekTo?: string;
  /** On `contract-hours`: the minutes of the nurse's shifts in that week, the new one included. */
  shiftMinutes?: number;
  /** On `contract-hours`: the nurse's contract minutes per week; null when not set (then 2160 counts). */
  contractMinutesPerWeek?: number | null;
}

/** An absence holds one of these codes, never medical detail. */
export const ABSENCE_REASONS = ['leave', 'sick', 'training', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** The states of a shift offer (give-away or swap). */
export const OFFER_STATUSES = ['open', 'accepted', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
