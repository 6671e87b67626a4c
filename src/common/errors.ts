import type { ErrorCode, RefusalCodeFor, Violation } from './codes.js';

/**
 * Typed domain errors; the one exception filter maps them to HTTP. Each carries the answer's
 * machine-readable `code`: a refusal code of its own, or (with violations) the first one's rule.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly violations?: Violation[],
  ) {
    super(message);
  }
}

export class BadInputError extends DomainError {
  readonly statusCode = 400;
  constructor(message: string, code: RefusalCodeFor<400> = 'invalid-input') {
    super(message, code);
  }
}
export class UnauthenticatedError extends DomainError {
  readonly statusCode = 401;
  constructor(code: RefusalCodeFor<401>, message: string) {
    super(message, code);
  }
}
export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  constructor(message = 'your role or scope does not allow this', code: RefusalCodeFor<403> = 'forbidden') {
    super(message, code);
  }
}
export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  constructor(message: string) {
    super(message, 'not-found');
  }
}

/**
 * 409. Either a refusal code of its own (`new ConflictError(message, 'statement-final')`) or the
 * rules the request breaks (`new ConflictError(message, violations)`), whose first is the code.
 */
export class ConflictError extends DomainError {
  readonly statusCode = 409;
  constructor(message: string, cause: RefusalCodeFor<409> | readonly Violation[]) {
    super(message, typeof cause === 'string' ? cause : (cause[0]?.rule ?? 'conflict'), typeof cause === 'string' ? undefined : [...cause]);
  }
}
export class RuleViolationError extends DomainError {
  readonly statusCode = 422;
  constructor(violations: readonly Violation[]) {
    super(violations.map((v) => v.message).join('; '), violations[0]?.rule ?? 'invalid-input', [...violations]);
  }
}
export class PayloadTooLargeError extends DomainError {
  readonly statusCode = 413;
  constructor(message: string) {
    super(message, 'body-too-large');
  }
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly statusCode = 415;
  constructor(message: string) {
    super(message, 'unsupported-media-type');
  }
}

export function unknownReference(what: string, key: string): Violation {
  return { rule: 'unknown-reference', message: `${what} ${key} does not exist` };
}

/** The database did not answer in time or is unreachable: the client may retry (503). */
export class DatabaseUnavailableError extends DomainError {
  readonly statusCode = 503;
  constructor(message: string) {
    super(message, 'database-unavailable');
  }
}
