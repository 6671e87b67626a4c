import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { BadInputError, UnsupportedMediaTypeError } from './errors.js';
import { inputProblemOf, type InputProblem, unsafeContent } from './request-body.js';

/**
 * Raises what readJsonBody recorded, and refuses a NUL or an inherited name in a path parameter
 * or the query string. Nest runs interceptors after the guards and before the pipes, which gives
 * the documented precedence: 401, 403, then 400 (or 415).
 */
@Injectable()
export class InputProblemsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const problem = addressProblem(request) ?? inputProblemOf(request);
      if (problem?.status === 415) throw new UnsupportedMediaTypeError(problem.message);
      if (problem) throw new BadInputError(problem.message, problem.code);
    }
    return next.handle();
  }
}

function addressProblem(request: Request): InputProblem | undefined {
  const message = unsafeContent({ ...request.params }) ?? unsafeContent({ ...request.query });
  return message ? { status: 400, code: 'invalid-input', message } : undefined;
}
