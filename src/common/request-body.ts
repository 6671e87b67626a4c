import type { NextFunction, Request, Response } from 'express';
import type { RefusalCodeFor } from './codes.js';
import { BadInputError, PayloadTooLargeError } from './errors.js';

/** Objects and arrays in a request body nest at most this deep (the API's own bodies need 3). */
export const MAX_BODY_DEPTH = 32;
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Why a request cannot be served as sent. It is recorded, not answered, while the body is read,
 * and raised after the auth guard (InputProblemsInterceptor): 401 and 403 come before 400.
 */
export type InputProblem = { status: 400; code: RefusalCodeFor<400>; message: string } | { status: 415; message: string };

const problems = new WeakMap<object, InputProblem>();

export function inputProblemOf(request: object): InputProblem | undefined {
  return problems.get(request);
}

/**
 * Names no API field has, but that an object inherits (`constructor`, `toString`, `__proto__` …).
 * Validation looks fields up by name, so these would pass as known; they are refused outright.
 */
const INHERITED_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function isInheritedName(key: string): boolean {
  return INHERITED_NAMES.has(key);
}

/** JSON, or a JSON-based type such as application/merge-patch+json. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;

/**
 * Reads every request body (up to 1 MB; beyond that 413 at once) and parses it as JSON. A body of
 * another content type, a malformed or too deeply nested one, or one with a NUL character or an
 * inherited field name is recorded as an InputProblem and left unparsed.
 */
export function readJsonBody(limit = MAX_BODY_BYTES) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    let tooLarge = Number(req.headers['content-length']) > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      next(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    };
    // The rest of an oversized body is read and dropped, so that the client sees the 413.
    const onEnd = () => {
      if (tooLarge) return settle(new PayloadTooLargeError('request body is larger than 1 MB'));
      try {
        req.body = judge(req, Buffer.concat(chunks));
      } catch (e) {
        return settle(e);
      }
      settle();
    };
    // The client went away; nobody reads this answer, but it must not count as a server error.
    const incomplete = () => settle(new BadInputError('request body was not received completely', 'incomplete-body'));
    const onError = incomplete;
    const onClose = () => {
      if (!req.complete) incomplete();
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  };
}

/** As Express's body parsers decide it: a Transfer-Encoding or a Content-Length header. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}

function judge(req: Request, raw: Buffer): unknown {
  const [mediaType, ...parameters] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  const isJson = JSON_MEDIA_TYPE.test(mediaType);
  // An empty body is no body, whatever its type; an empty JSON body reads as {} (as before).
  if (raw.length === 0) return isJson ? {} : undefined;
  const refuse = (problem: InputProblem) => {
    problems.set(req, problem);
    return undefined;
  };
  const unsupported = (message: string) => refuse({ status: 415, message });
  const malformed = (code: RefusalCodeFor<400>, message: string) => refuse({ status: 400, code, message });
  if (!isJson) return unsupported(`a request body must be application/json (got ${mediaType || 'no content type'})`);
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return unsupported(`a JSON body must be UTF-8 (got charset ${charset})`);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return unsupported(`content encoding ${encoding} is not supported`);

  const text = raw.toString('utf8');
  // Measured on the text, before parsing, so that no parser or validator ever recurses that deep.
  if (nestingDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    return malformed('body-too-deep', `request body is nested deeper than ${MAX_BODY_DEPTH} levels`);
  }
  // Like Express's strict JSON parser: a body is an object or an array.
  // eslint-disable-next-line no-control-regex -- JSON's own whitespace (RFC 8259) is tab, newline and return
  if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return malformed('malformed-json', 'request body is not valid JSON');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return malformed('malformed-json', 'request body is not valid JSON');
  }
  const problem = unsafeContent(body);
  return problem ? malformed('invalid-input', problem) : body;
}

/** The deepest nesting of objects and arrays in a JSON text, counted up to just past `stopAfter`. */
function nestingDepth(text: string, stopAfter: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      deepest = Math.max(deepest, ++depth);
      if (deepest > stopAfter) break;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * A NUL in any string or field name (PostgreSQL cannot store one in text, and no field needs it),
 * or an inherited field name, anywhere in a value. The value is at most MAX_BODY_DEPTH deep.
 */
export function unsafeContent(value: unknown): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? 'request must not contain NUL characters' : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = unsafeContent(item);
      if (problem) return problem;
    }
    return null;
  }
  // Own keys: JSON.parse makes "__proto__" an own property, which for…in and spreading would miss.
  for (const key of Object.keys(value)) {
    if (key.includes('\u0000')) return 'request must not contain NUL characters';
    if (isInheritedName(key)) return `property ${key} should not exist`;
    const problem = unsafeContent((value as Record<string, unknown>)[key]);
    if (problem) return problem;
  }
  return null;
}
