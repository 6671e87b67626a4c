/**
 * Upper bounds on what a contract and its roster may hold, chosen so that every fee statement a
 * valid contract can produce is computed and stored exactly (api.md: "a valid contract always
 * yields a statement"). The calculator multiplies in BigInt, so only its results need a bound:
 * each line and the total must be a safe JS integer, and the minutes must fit their columns.
 *
 * Position-minutes of one contract in one month:
 *   templates ≤ MAX_TEMPLATES_PER_CONTRACT (counting removed templates that still own slots,
 *   since their past slots keep counting), each giving at most one slot per local date (the
 *   occurrence dates are a set), at most 31 dates, a slot at most MAX_SLOT_MINUTES long, and at
 *   most MAX_REQUIRED_NURSES positions on it:
 *     100 × 31 × 2,880 × 50 = 446,400,000 minutes (< 2^31 − 1 = 2,147,483,647).
 * Money of one statement (a / D ≤ 1, so pro rata never grows a line; the deduction is capped at
 * the sum of the lines):
 *   fixed       ≤ 1,000,000,000
 *   capitation  ≤ 1,000,000 × 100,000,000                  =   100,000,000,000,000
 *   positionHrs ≤ 1,000,000,000 × 446,400,000 / 60         = 7,440,000,000,000,000
 *   total       ≤ 7,540,001,000,000,000 < Number.MAX_SAFE_INTEGER = 9,007,199,254,740,991.
 */

/** Fixed monthly amount, per position-hour amount and SLA deduction per hour: €10 million. */
export const MAX_FEE_CENTS = 1_000_000_000;
/** Capitation per inhabitant per month: €10,000. */
export const MAX_PER_INHABITANT_MONTHLY_CENTS = 1_000_000;
/** Templates of one contract: active ones plus removed ones that still own (past) slots. */
export const MAX_TEMPLATES_PER_CONTRACT = 100;
export const TOO_MANY_TEMPLATES_RULE = 'too-many-templates';

/** Bounds set elsewhere that the reasoning above relies on (fee-bounds.spec.ts checks them). */
export const MAX_REGION_POPULATION = 100_000_000;
export const MAX_REQUIRED_NURSES = 50;
/**
 * A slot is at most 24 h of wall clock; the elapsed time adds one offset change at most, and no
 * zone has changed its offset by more than 24 h at once. 48 h is the bound used.
 */
export const MAX_SLOT_MINUTES = 2 * 24 * 60;
export const MAX_DAYS_IN_MONTH = 31;

export const MAX_POSITION_MINUTES_PER_MONTH = MAX_TEMPLATES_PER_CONTRACT * MAX_DAYS_IN_MONTH * MAX_SLOT_MINUTES * MAX_REQUIRED_NURSES;
