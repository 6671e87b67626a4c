import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from './codes.js';
import { conflictsVisibleTo } from './conflicts.js';
import { DomainError } from './errors.js';
import type { Principal } from './principal.js';

/** What a database error means for the client; the database layer's classifier says it (`database/database-errors.ts`). */
export type StoreErrorKind = 'conflict' | 'unavailable' | 'bad-input' | 'unknown';

/**
 * The one place where errors become HTTP answers: `{"statusCode","error","code","message"}` plus
 * `violations` for 409/422. Anything unexpected is logged and answered without internals. The
 * database's errors are told apart by the classifier it is given (common/ sits below database/).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly classifyDatabaseError: (error: unknown) => StoreErrorKind) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const principal = (host.switchToHttp().getRequest<{ principal?: Principal }>() ?? {}).principal;
    const { status, body } = this.toAnswer(exception, principal);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (status === 503) response.setHeader('Retry-After', '5');
    // Explicit: a route may have set another content type (CSV, iCalendar) before it failed.
    response.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
    response.send(JSON.stringify(body));
  }

  private toAnswer(exception: unknown, principal: Principal | undefined): { status: number; body: Record<string, unknown> } {
    const answer = (status: number, code: ErrorCode, message: string | string[], extra: Record<string, unknown> = {}) => ({
      status,
      body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message, ...extra },
    });
    if (exception instanceof DomainError) {
      if (!exception.violations) return answer(exception.statusCode, exception.code, exception.message);
      // A violation names another duty only where the caller may see it. Nurses are only ever
      // judged themselves (taking an offer), so their own duties are theirs to see.
      const who = principal ?? { role: 'none', regionCodes: [], nurseId: null };
      return answer(exception.statusCode, exception.code, exception.message, {
        violations: conflictsVisibleTo(who, exception.violations, who.nurseId ?? undefined),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'object' && res !== null && 'message' in res ? (res as { message: string | string[] }).message : exception.message;
      return answer(status, codeOfHttpStatus(status), message);
    }
    switch (this.classifyDatabaseError(exception)) {
      case 'conflict':
        return answer(HttpStatus.CONFLICT, 'conflict', 'this conflicts with the current state of a record (it exists already, or it cannot be changed)');
      case 'unavailable':
        return answer(HttpStatus.SERVICE_UNAVAILABLE, 'database-unavailable', 'the database is busy or unreachable; retry shortly');
      case 'bad-input':
        return answer(HttpStatus.BAD_REQUEST, 'invalid-input', 'a value in the request cannot be stored');
      case 'unknown':
        break;
    }
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, 'internal-error', 'internal error');
  }
}

/**
 * The code of an error that Nest or Express raised rather than the service: the validation pipe's
 * 400 and the router's 404 for a path no route has. The service's own refusals are DomainErrors.
 */
function codeOfHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'authentication-required';
    case 403:
      return 'forbidden';
    case 404:
      return 'route-not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'body-too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'rate-limited';
    default:
      // 400 from the validation pipe, and any other refusal of the input by the framework.
      return status < 500 ? 'invalid-input' : 'internal-error';
  }
}
