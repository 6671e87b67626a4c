import { QueryFailedError } from 'typeorm';

/**
 * What a database error means for the client, recognised by the driver's code (PostgreSQL
 * SQLSTATE, SQLite result code, Node's socket codes), never by the wording of the message.
 */
export type DatabaseErrorKind = 'conflict' | 'unavailable' | 'bad-input' | 'unknown';

/** SQLSTATE classes and codes: 23 integrity constraint, P0001 raised by our triggers. */
const CONFLICT_SQLSTATES = new Set(['23505', '23503', '23514', '23502', '23P01', 'P0001']);
/**
 * 40001 serialization failure, 40P01 deadlock detected, 55P03 lock_timeout, 57014 statement
 * timeout or cancel, 57P01–57P03 server shutting down, 53300 too many connections, 25P03 idle in
 * transaction timeout, class 08 connection exceptions.
 */
const UNAVAILABLE_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03', '53300', '25P03']);
/** 22P05 untranslatable character (e.g. NUL), 22021 bad byte sequence, 22P02 invalid text form, 22003 out of range. */
const BAD_INPUT_SQLSTATES = new Set(['22P05', '22021', '22P02', '22003', '22001']);
/** SQLite: 19 constraint (unique, foreign key, check, RAISE(ABORT) in a trigger); 5 busy, 6 locked. */
const SQLITE_CONFLICT = new Set(['SQLITE_CONSTRAINT']);
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function codeOf(error: unknown): string | undefined {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }) : (error as { code?: unknown });
  const code = driverError?.code ?? (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyDatabaseError(error: unknown): DatabaseErrorKind {
  const code = codeOf(error);
  // Every error PostgreSQL or SQLite report carries a code; a failed query without one comes from
  // the client library itself (connection lost, its query_timeout): the database is unavailable.
  if (code === undefined) return error instanceof QueryFailedError ? 'unavailable' : 'unknown';
  if (code === POOL_UNAVAILABLE_CODE) return 'unavailable';
  if (CONFLICT_SQLSTATES.has(code) || SQLITE_CONFLICT.has(code)) return 'conflict';
  if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || SQLITE_UNAVAILABLE.has(code) || SOCKET_CODES.has(code)) return 'unavailable';
  if (BAD_INPUT_SQLSTATES.has(code)) return 'bad-input';
  return 'unknown';
}

/** Marks an error of the connection pool (it has no code of its own) as the database being unavailable. */
export const POOL_UNAVAILABLE_CODE = 'WIJKWACHT_POOL_UNAVAILABLE';
