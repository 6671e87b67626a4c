import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { scratchDatabase, type ScratchDatabase } from '../../bench/scratch.js';
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
  const { app } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000', ...env }, false);
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
    setNow: (iso: string) => clock.set(Date.parse(iso)),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

const TABLES = [
  'users',
  'insurers',
  'regions',
  'providers',
  'consortia',
  'nurses',
  'contracts',
  'templates',
  'slots',
  'assignments',
  'fee_statements',
  'calendar_feeds',
  'audit_events',
  'absences',
  'offers',
  'alerts',
  'closed_months',
  'wishes',
  'roster_plans',
  'sessions',
  'sign_in_links',
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
  state.plans = await db.query('SELECT id, status FROM roster_plans ORDER BY id');
  state.offers = await db.query('SELECT id, status, taker_nurse_id, new_assignment_id FROM offers ORDER BY id');
  state.users = await db.query('SELECT id, email, revoked_at FROM users ORDER BY id');
  state.sessions = await db.query('SELECT id, ended_at FROM sessions ORDER BY id');
  return state;
}

export function bearer(token: string) {
  return { Authorization: `Bearer ${token}` };
}
