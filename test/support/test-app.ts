import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../src/bootstrap.js';
import { Clock } from '../../src/common/clock.js';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  /** Raw SQL with `?` placeholders on either database; counts come back as numbers. */
  sql(text: string, params?: unknown[]): Promise<Array<Record<string, any>>>;
  http: ReturnType<typeof request>;
  clock: Clock;
  db: DataSource;
  dir: string;
  /** Fixes "now" for the service. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/**
 * A fresh database for one suite: a new SQLite file, or — when TEST_DATABASE_URL points at a
 * PostgreSQL server (see scripts/with-postgres.sh) — a new database on it.
 */
export async function freshDatabase(dir: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return { env: { DATABASE_PATH: join(dir, 'test.sqlite') }, drop: async () => undefined };
  const name = `ww_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The real application (same bootstrap as main.ts) on a fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wijkwacht-e2e-'));
  const database = await freshDatabase(dir);
  const { app } = await createApp(
    { ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000', ...env },
    false,
  );
  await app.init();
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
    dir,
    setNow: (iso: string) => clock.set(Date.parse(iso)),
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TABLES = [
  'users', 'insurers', 'regions', 'providers', 'consortia', 'nurses', 'contracts', 'templates', 'slots', 'assignments',
  'fee_statements', 'calendar_feeds', 'audit_events', 'absences', 'offers', 'alerts',
];

/** Row counts plus a digest of mutable state, to prove a refused request wrote nothing. */
export async function dbState(db: DataSource): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const t of TABLES) state[t] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
  state.slotCounts = await db.query('SELECT id, assigned_count FROM slots ORDER BY id');
  state.contracts = await db.query('SELECT id, valid_to, slots_through FROM contracts ORDER BY id');
  state.assignments = await db.query('SELECT id, status FROM assignments ORDER BY id');
  state.statements = await db.query('SELECT id, status, total_cents FROM fee_statements ORDER BY id');
  state.nurses = await db.query('SELECT * FROM nurses ORDER BY id');
  state.regions = await db.query('SELECT * FROM regions ORDER BY code');
  return state;
}

export function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}
