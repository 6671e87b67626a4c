import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { Clock } from '../../src/common/clock.js';

export const ADMIN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: Clock;
  db: DataSource;
  dir: string;
  /** Fixes "now" for the service. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** The real application (same bootstrap as main.ts) on a fresh SQLite file. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wijkwacht-e2e-'));
  const { app } = await createApp(
    { DATABASE_PATH: join(dir, 'test.sqlite'), ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000', ...env },
    false,
  );
  await app.init();
  const clock = app.get(Clock);
  clock.set(Date.parse('2026-11-23T09:00:00Z'));
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    db: app.get(DataSource),
    dir,
    setNow: (iso: string) => clock.set(Date.parse(iso)),
    close: async () => {
      await app.close();
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
  for (const t of TABLES) state[t] = (await db.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n;
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
