import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DatabaseUnavailableError } from '../common/errors.js';
import { type LockKey, orderedLocks } from './locks.js';

/** How long a unit of work may wait for its turn (SQLite's queue) before the caller gets a 503. */
export const SQLITE_QUEUE_WAIT_MS = 10_000;

/**
 * Takes the ordered locks in one statement, one round trip however many there are. Each name is
 * two 32-bit hashes (a 64-bit key space, so unrelated names rarely collide), the same key an
 * instance of the previous version takes, so both exclude each other during a rolling upgrade.
 * The lock functions are volatile, so PostgreSQL calls them after the ORDER BY, in the global order.
 */
const TAKE_LOCKS_SQL = `SELECT CASE WHEN k.shared
    THEN pg_advisory_xact_lock_shared(hashtext(k.name), hashtext('w:' || k.name))
    ELSE pg_advisory_xact_lock(hashtext(k.name), hashtext('w:' || k.name)) END
  FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS k(name, shared, position)
  ORDER BY k.position`;

const inTransaction = new AsyncLocalStorage<{ readonly label: string }>();
const guarded = new WeakSet<DataSource>();

/**
 * Inside a transaction every query must use that transaction's manager: a second connection from
 * the pool can wait for a connection that the waiting transaction itself holds (PostgreSQL) and
 * hang the whole pool. This makes such a query fail at once, loudly, instead of deadlocking under
 * load; the tests exercise every path, so a slip is found there.
 */
function refuseSecondConnection(dataSource: DataSource): void {
  if (guarded.has(dataSource)) return;
  guarded.add(dataSource);
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
    const active = inTransaction.getStore();
    if (active) throw new Error(`a query inside a transaction (${active.label}) used a second connection instead of the transaction's manager`);
    return create(...args);
  };
}

/**
 * Runs a unit of work in one database transaction on one connection, after taking the named
 * locks (see `Locks`). PostgreSQL: transaction-scoped advisory locks in one global order, so
 * check-then-write sequences on the same keys are serialized across all instances; every wait is
 * bounded by the connection's lock, statement and pool timeouts. SQLite (one writer): an
 * in-process queue, whose wait is bounded too.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {
    refuseSecondConnection(dataSource);
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, locks: LockKey[] = []): Promise<T> {
    if (inTransaction.getStore()) throw new Error('transactions do not nest: pass the manager down instead');
    if (this.isPostgres) return this.inTransaction(work, locks);
    return this.queued(() => this.inTransaction(work, []));
  }

  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>, locks: LockKey[]): Promise<T> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
    } catch (e) {
      await runner.release().catch(() => undefined);
      throw e;
    }
    try {
      await runner.startTransaction();
      const result = await inTransaction.run({ label: locks.map((l) => l.name).join(', ') || 'unlocked' }, async () => {
        const ordered = orderedLocks(locks);
        if (ordered.length) await runner.query(TAKE_LOCKS_SQL, [ordered.map((l) => l.name), ordered.map((l) => l.mode === 'shared')]);
        return work(runner.manager);
      });
      await runner.commitTransaction();
      return result;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * SQLite: one transaction at a time. A caller still waiting for its turn after
   * SQLITE_QUEUE_WAIT_MS gets a 503 and its work never runs; work that has started runs to its end.
   */
  private queued<T>(unit: () => Promise<T>): Promise<T> {
    let started = false;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    const turn = this.queue.then(() => {
      if (abandoned) return undefined;
      started = true;
      clearTimeout(timer);
      return unit();
    });
    this.queue = turn.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (started) return;
        abandoned = true;
        reject(new DatabaseUnavailableError('the database is busy; retry shortly'));
      }, SQLITE_QUEUE_WAIT_MS);
      timer.unref();
    });
    return Promise.race([turn as Promise<T>, timeout]);
  }
}
