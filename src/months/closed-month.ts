import { ConflictError } from '../common/errors.js';
import type { Violation } from '../common/codes.js';

/** The rule code of a roster month closed by a final fee statement. */
export const CLOSED_MONTH_RULE = 'closed-month';

export function closedMonthViolation(month: string): Violation {
  return { rule: CLOSED_MONTH_RULE, message: `the fee statement for ${month} is final; the month is closed` };
}

/** 409: a change would touch a closed month; nothing was changed. */
export function closedMonthConflict(month: string): ConflictError {
  return new ConflictError(`the fee statement for ${month} is final; the month is closed and nothing was changed`, [closedMonthViolation(month)]);
}
