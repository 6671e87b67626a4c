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
  'weekly-rest',
  'sunday-rest',
  // References and contracts
  'unknown-reference',
  'webhook-address',
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
 * The codes of refusals that name no rule, each with the status it comes with and what it means
 * (the OpenAPI description of `code` lists them). A 422, and a 409 that carries `violations`,
 * has the first violation's rule as its code instead. A code is a promise to clients: add new
 * ones, never rename one.
 */
export const REFUSALS = {
  'invalid-input': { status: 400, meaning: 'a field, query parameter or path parameter is malformed, missing or unknown' },
  'malformed-json': { status: 400, meaning: 'the body is not a JSON object or array' },
  'body-too-deep': { status: 400, meaning: 'the body nests objects and arrays too deeply' },
  'incomplete-body': { status: 400, meaning: 'the body was not received completely' },
  'authentication-required': { status: 401, meaning: 'no bearer token and no session cookie' },
  'invalid-token': { status: 401, meaning: 'the bearer token is unknown or revoked' },
  'session-ended': { status: 401, meaning: 'the session has ended or expired; sign in again' },
  forbidden: { status: 403, meaning: 'the role or scope does not allow this' },
  'origin-not-allowed': { status: 403, meaning: "a request signed in by cookie does not come from the service's own origin" },
  'csrf-token-invalid': { status: 403, meaning: 'a request signed in by cookie lacks the right X-CSRF-Token header' },
  'not-found': { status: 404, meaning: "the record does not exist, or is outside the caller's scope" },
  'route-not-found': { status: 404, meaning: 'no route has this method and path' },
  'already-exists': { status: 409, meaning: 'a record with this key exists already' },
  'email-taken': { status: 409, meaning: 'another user has this e-mail address' },
  'contract-overlap': { status: 409, meaning: "the period overlaps another contract of the region's function" },
  'statement-final': { status: 409, meaning: 'the fee statement is final' },
  'assignment-not-active': { status: 409, meaning: 'the assignment is cancelled' },
  'already-on-slot': { status: 409, meaning: 'the nurse is already on the slot' },
  'offer-exists': { status: 409, meaning: 'the assignment already has an open or accepted offer' },
  'offer-not-open': { status: 409, meaning: 'the offer is no longer open' },
  'offer-not-accepted': { status: 409, meaning: 'only an accepted offer can be approved' },
  'offer-closed': { status: 409, meaning: 'the offer is approved, rejected, withdrawn or cancelled already' },
  'changed-meanwhile': { status: 409, meaning: 'the records changed while the request was handled; retry' },
  conflict: { status: 409, meaning: 'the change conflicts with a record written at the same moment (it exists already, or cannot be changed)' },
  'body-too-large': { status: 413, meaning: 'the body is larger than 1 MB' },
  'unsupported-media-type': { status: 415, meaning: 'the body is not UTF-8 application/json (or a +json type), or it is compressed' },
  'rate-limited': { status: 429, meaning: 'too many requests from this address in the window; see Retry-After' },
  'database-unavailable': { status: 503, meaning: 'the database is busy or unreachable; retry after Retry-After' },
  'internal-error': { status: 500, meaning: 'an unexpected error, logged with its cause' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type RefusalCode = keyof typeof REFUSALS;

/** The refusal codes that come with one status: `RefusalCodeFor<409>` is every 409 code. */
export type RefusalCodeFor<S extends number> = { [K in RefusalCode]: (typeof REFUSALS)[K]['status'] extends S ? K : never }[RefusalCode];

/**
 * Every `code` an error answer may carry: one list, the OpenAPI `ErrorCode` enum and, through the
 * generated client, the web app's type.
 */
export const ERROR_CODES: readonly ErrorCode[] = [...RULE_CODES, ...(Object.keys(REFUSALS) as RefusalCode[])];

export type ErrorCode = RuleCode | RefusalCode;

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
  /**
   * Only where other duties cause it, and only those the caller may see: the one other duty
   * (overlap, the rest rules, on-call-near-night), or a list of them (weekly-rest: the other
   * duties of the week; sunday-rest: the duties on the worked Sundays of the 52 weeks).
   */
  conflictsWith?: ConflictingDuty | ConflictingDuty[];
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
