import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { scratchDatabase, type ScratchDatabase } from '../../bench/scratch.js';
import { createApp } from '../../src/bootstrap.js';
import { Clock } from '../../src/common/clock.js';
import { type OpenApiDocument, registerDocument } from './openapi-answers.js';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  /** Raw SQL with `?` placeholders on either database; counts come back as numbers. */
  sql(text: string, params?: unknown[]): Promise<Array<Record<string, any>>>;
  http: ReturnType<typeof request>;
  clock: Clock;
  db: DataSource;
  /** Fixes "now" for the service. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** A fresh database for one suite: a SQLite file, or a database on TEST_DATABASE_URL's PostgreSQL. */
export function freshDatabase(): Promise<ScratchDatabase> {
  return scratchDatabase(process.env.TEST_DATABASE_URL);
}

/** The real application (same bootstrap as main.ts) on a fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const { app, document } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000', ...env }, false);
  await app.init();
  // Its answers are checked against this document (check-answers.ts) without asking the app for it.
  registerDocument(app.getHttpServer(), document as unknown as OpenApiDocument);
  const clock = app.get(Clock);
  clock.set(Date.parse('2026-11-23T09:00:00Z'));
  const db = app.get(DataSource);
  const isPg = db.options.type === 'postgres';
  return {
    app,
    sql: async (text: string, params: unknown[] = []) => {
      let i = 0;
      const rows: Array<Record<string, any>> = await db.query(isPg ? text.replace(/\?/g, () => `$${++i}`) : text, params);
      return rows.map((r) => ('n' in r ? { ...r, n: Number(r.n) } : r));
    },
    http: request(app.getHttpServer()),
    clock,
    db,
    setNow: (iso: string) => clock.set(Date.parse(iso)),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Columns that record use, not state: a session's last use is written at most once a minute by
 * any request that carries it, refused or not (it says when the person was last seen).
 */
const USE_RECORDS: Record<string, readonly string[]> = { sessions: ['last_used_at'] };

/** Every table the entities describe, in one order (the migrations table is not the service's state). */
export function stateTables(db: DataSource): Array<{ table: string; columns: string[]; key: string[] }> {
  return db.entityMetadatas
    .filter((meta) => meta.tableType === 'regular')
    .map((meta) => ({
      table: meta.tableName,
      columns: meta.columns.map((c) => c.databaseName).filter((c) => !USE_RECORDS[meta.tableName]?.includes(c)),
      key: meta.primaryColumns.map((c) => c.databaseName),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
}

/**
 * Every row of every table of the entities (in primary-key order), to prove that a refused request
 * wrote nothing: `expect(await dbState(t.db)).toEqual(before)`. The tables come from the entity
 * metadata, so a new table is covered the day its entity is registered.
 */
export async function dbState(db: DataSource): Promise<Record<string, Array<Record<string, unknown>>>> {
  const quote = (name: string) => `"${name}"`;
  const state: Record<string, Array<Record<string, unknown>>> = {};
  for (const { table, columns, key } of stateTables(db)) {
    state[table] = await db.query(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${key.map(quote).join(', ')}`);
  }
  return state;
}

export function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}
