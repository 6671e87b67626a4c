import type { Violation } from './codes.js';

/** Typed domain errors; the one exception filter maps them to HTTP. */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  constructor(
    message: string,
    readonly violations?: Violation[],
  ) {
    super(message);
  }
}

export class BadInputError extends DomainError {
  readonly statusCode = 400;
}
export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  constructor(message = 'your role or scope does not allow this') {
    super(message);
  }
}
export class NotFoundError extends DomainError {
  readonly statusCode = 404;
}
export class ConflictError extends DomainError {
  readonly statusCode = 409;
}
export class RuleViolationError extends DomainError {
  readonly statusCode = 422;
  constructor(violations: Violation[]) {
    super(violations.map((v) => v.message).join('; '), violations);
  }
}

export function unknownReference(what: string, key: string): Violation {
  return { rule: 'unknown-reference', message: `${what} ${key} does not exist` };
}

/** The database did not answer in time or is unreachable: the client may retry (503). */
export class DatabaseUnavailableError extends DomainError {
  readonly statusCode = 503;
}
