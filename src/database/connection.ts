import { resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { DataSourceOptions } from 'typeorm';

/**
 * How the service connects to its database, without the entities and migrations (those are
 * `ormconfig.ts`'s, the one DataSource definition): the configuration reads its default from here
 * without loading the entity list.
 */
export interface DatabaseSettings {
  databasePath: string;
  databaseUrl?: string;
}

export const POSTGRES_POOL_SIZE = 10;

/**
 * Nothing waits for PostgreSQL forever (the README's production section lists these): a request
 * that cannot get a pooled connection in 5 s, waits for a lock 5 s, runs one statement 15 s, or
 * hears nothing back for 20 s fails with 503; a connection left idle inside a transaction for
 * 15 s is closed by the server, releasing its locks.
 */
export const POSTGRES_TIMEOUTS = {
  connectionTimeoutMillis: 5_000,
  lock_timeout: 5_000,
  statement_timeout: 15_000,
  query_timeout: 20_000,
  idle_in_transaction_session_timeout: 15_000,
};

/** The driver part of the DataSource options: PostgreSQL with its pool and timeouts, or the SQLite file. */
export function connectionOptions(settings: DatabaseSettings): DataSourceOptions {
  if (settings.databaseUrl) {
    return { type: 'postgres', url: settings.databaseUrl, extra: { ...POSTGRES_TIMEOUTS, max: POSTGRES_POOL_SIZE } };
  }
  const database = resolve(settings.databasePath);
  // WAL + a busy timeout: a hard kill loses nothing committed, and a second reader waits rather than fails.
  // TypeORM switches sqlite3 to verbose mode, which captures a stack trace on every call; the
  // driver is handed over with verbose() as a no-op so the hot paths do not pay for it.
  const driver = Object.assign(Object.create(sqlite3), { verbose: () => sqlite3 });
  return { type: 'sqlite', database, driver, enableWAL: true, busyTimeout: 10_000 };
}
