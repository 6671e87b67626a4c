import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { classifyDatabaseError } from './database-errors.js';
import { DomainError } from './errors.js';

/**
 * The one place where errors become HTTP answers: `{"statusCode","error","message"}` plus
 * `violations` for 409/422. Anything unexpected is logged and answered without internals.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const { status, body } = this.toAnswer(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (status === 503) response.setHeader('Retry-After', '5');
    // Explicit: a route may have set another content type (CSV, iCalendar) before it failed.
    response.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
    response.send(JSON.stringify(body));
  }

  private toAnswer(exception: unknown): { status: number; body: Record<string, unknown> } {
    const answer = (status: number, message: string | string[], extra: Record<string, unknown> = {}) => ({
      status,
      body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra },
    });
    if (exception instanceof DomainError) {
      return answer(exception.statusCode, exception.message, exception.violations ? { violations: exception.violations } : {});
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'object' && res !== null && 'message' in res ? (res as { message: string | string[] }).message : exception.message;
      return answer(status, message);
    }
    switch (classifyDatabaseError(exception)) {
      case 'conflict':
        return answer(HttpStatus.CONFLICT, 'this conflicts with the current state of a record (it exists already, or it cannot be changed)');
      case 'unavailable':
        return answer(HttpStatus.SERVICE_UNAVAILABLE, 'the database is busy or unreachable; retry shortly');
      case 'bad-input':
        return answer(HttpStatus.BAD_REQUEST, 'a value in the request cannot be stored');
      case 'unknown':
        break;
    }
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}
