/**
 * The runner's decisions about its workers, as pure functions over loaded facts: may this
 * instance run a worker (its version against the database's), is a heartbeat due, and is a
 * worker healthy. No Nest or TypeORM here; `jobs.service.ts` loads, asks and writes.
 */

/** A ticker that has not finished a run without error for this long is stalled (15 of its 2 s periods). */
export const STALL_AFTER_MS = 30_000;
/** A ticker's heartbeat is written at most this often while nothing changes (a write per run would be 1 a second). */
export const HEARTBEAT_EVERY_MS = 10_000;

export type WorkerStatus = 'ok' | 'failing' | 'stalled' | 'not-run';

/**
 * Whether this instance's code may run a worker (GoAlert's processing lock): only when the
 * database records exactly its version. A newer instance raises the version when it starts, so
 * an older one stops running that worker during a rolling upgrade; an older instance started
 * against a newer database (a rollback) does not run it either until the version is lowered.
 */
export function versionVerdict(mine: number, stored: number | null): 'current' | 'outdated' | 'ahead' {
  if (stored === null || stored === mine) return 'current';
  return stored > mine ? 'outdated' : 'ahead';
}

export interface Beat {
  at: number;
  ok: boolean;
}

/**
 * Whether a ticker run's end must be written: the first run of this instance, a change between
 * success and failure, every failure (its message may be new), and otherwise once per
 * HEARTBEAT_EVERY_MS. A clock that went back (tests set it) writes at once.
 */
export function heartbeatDue(lastWritten: Beat | null, ok: boolean, now: number): boolean {
  if (lastWritten === null || !ok || lastWritten.ok !== ok) return true;
  const since = now - lastWritten.at;
  return since < 0 || since >= HEARTBEAT_EVERY_MS;
}

export interface TickerRecord {
  /** The end of the newest run any instance recorded. */
  lastRunAt: number | null;
  /** The end of the newest run without error. */
  lastOkAt: number | null;
}

/**
 * A ticker across all instances: `ok` when some instance finished a run without error within
 * STALL_AFTER_MS, `failing` when runs finish but fail, `stalled` when nothing finished at all
 * (no instance runs it, its runs hang, or every instance that could is outdated), `not-run`
 * before any instance ever ran it.
 */
export function tickerStatus(record: TickerRecord, now: number): WorkerStatus {
  const recent = (at: number | null) => at !== null && now - at <= STALL_AFTER_MS;
  if (recent(record.lastOkAt)) return 'ok';
  if (recent(record.lastRunAt)) return 'failing';
  return record.lastRunAt === null ? 'not-run' : 'stalled';
}

/** A cron job by its newest finished run: a skipped run (it ran elsewhere) counts as ok. */
export function cronStatus(lastOutcome: 'ok' | 'failed' | 'skipped' | null): WorkerStatus {
  if (lastOutcome === null) return 'not-run';
  return lastOutcome === 'failed' ? 'failing' : 'ok';
}
