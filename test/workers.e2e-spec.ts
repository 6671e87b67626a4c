import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { RequestsService } from '../src/requests/requests.service.js';
import { ADMIN, bearer, freshDatabase, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * The one runner of background work: cron jobs and the two-second tickers, their heartbeats, and
 * the version that keeps an old instance from running them during a rolling upgrade. The suite's
 * apps run no jobs on their own (RUN_JOBS=false); the tests run the tickers by hand under the
 * service's clock.
 */
let t: TestApp;
let jobs: JobsService;

beforeAll(async () => {
  t = await startTestApp();
  jobs = t.app.get(JobsService);
});
afterAll(() => t.close());
afterEach(() => jest.restoreAllMocks());

const START = Date.parse('2026-11-23T09:00:00Z');

async function workers() {
  const res = await t.http.get('/api/workers').set(bearer(ADMIN));
  expect(res.status).toBe(200);
  return res.body as Array<Record<string, any>>;
}
const worker = async (name: string) => (await workers()).find((w) => w.name === name);
const tickers = () => t.http.get('/health/workers');
/** One run of every ticker but the escalation. */
const others = async () => {
  for (const name of ['deliver-webhooks', 'sms-timers', 'referral-timeouts'] as const) await jobs.tick(name);
};

describe('the workers', () => {
  it('are the three cron jobs and the four tickers, each registered at start with its version', async () => {
    const list = await workers();
    expect(list.map((w) => [w.name, w.kind])).toEqual([
      ['extend-slots', 'cron'],
      ['scan-gaps', 'cron'],
      ['draft-fee-statements', 'cron'],
      ['escalate-requests', 'ticker'],
      ['deliver-webhooks', 'ticker'],
      ['sms-timers', 'ticker'],
      ['referral-timeouts', 'ticker'],
    ]);
    expect(list.find((w) => w.name === 'scan-gaps')).toEqual({
      name: 'scan-gaps',
      kind: 'cron',
      cron: '0 * * * *',
      everySeconds: null,
      version: 1,
      databaseVersion: 1,
      runsHere: false, // RUN_JOBS=false
      status: 'not-run',
      lastRunAt: null,
      lastOkAt: null,
      lastError: null,
      nextRunAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:00:00\+0[12]:00$/),
    });
    expect(list.find((w) => w.name === 'escalate-requests')).toMatchObject({
      kind: 'ticker',
      cron: null,
      everySeconds: 2,
      version: 1,
      databaseVersion: 1,
      status: 'not-run',
      nextRunAt: null,
    });
  });

  it('are read by admins only; the tickers’ health needs no token', async () => {
    const w = new World(t);
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    expect((await t.http.get('/api/workers').set(bearer(coordinator.token))).status).toBe(403);
    expect((await t.http.get('/api/workers')).status).toBe(401);
    expect((await tickers()).status).not.toBe(401);
  });
});

describe('the tickers’ heartbeats', () => {
  beforeEach(() => t.clock.set(START));

  it('show a stalled escalation ticker: 503 before any run, 200 after runs, 503 again when nothing ran for 30 s', async () => {
    const before = await tickers(); // nothing ran them yet
    expect(before.status).toBe(503);
    expect(before.body).toEqual({
      status: 'error',
      workers: { 'escalate-requests': 'not-run', 'deliver-webhooks': 'not-run', 'sms-timers': 'not-run', 'referral-timeouts': 'not-run' },
    });

    await jobs.tick('escalate-requests');
    await others();
    const ok = await tickers();
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok', workers: { 'escalate-requests': 'ok', 'deliver-webhooks': 'ok', 'sms-timers': 'ok', 'referral-timeouts': 'ok' } });
    expect(await worker('escalate-requests')).toMatchObject({ status: 'ok', lastRunAt: '2026-11-23T10:00:00+01:00', lastOkAt: '2026-11-23T10:00:00+01:00' });

    // The outbox keeps running, escalation does not (its runs hang, or no instance runs it).
    t.clock.set(START + 20_000);
    await others();
    t.clock.set(START + 31_000);
    await others();
    const stalled = await tickers();
    expect(stalled.status).toBe(503);
    expect(stalled.body).toEqual({
      status: 'error',
      workers: { 'escalate-requests': 'stalled', 'deliver-webhooks': 'ok', 'sms-timers': 'ok', 'referral-timeouts': 'ok' },
    });
    expect(await worker('escalate-requests')).toMatchObject({ status: 'stalled', lastOkAt: '2026-11-23T10:00:00+01:00' });

    await jobs.tick('escalate-requests');
    expect((await tickers()).status).toBe(200);
  });

  it('are written at most every 10 s while runs succeed', async () => {
    await jobs.tick('deliver-webhooks');
    const lastRun = async () => (await t.sql(`SELECT last_run_at FROM workers WHERE name = 'deliver-webhooks'`))[0].last_run_at;
    expect(Number(await lastRun())).toBe(START);
    t.clock.set(START + 9_000);
    await jobs.tick('deliver-webhooks');
    expect(Number(await lastRun())).toBe(START);
    t.clock.set(START + 10_000);
    await jobs.tick('deliver-webhooks');
    expect(Number(await lastRun())).toBe(START + 10_000);
  });

  it('record a failing run with its message, and the next run without error puts it right', async () => {
    await jobs.tick('escalate-requests');
    t.clock.set(START + 40_000);
    jest.spyOn(t.app.get(RequestsService), 'tick').mockRejectedValueOnce(new Error('the database went away'));
    await jobs.tick('escalate-requests'); // never throws: logged and recorded
    expect(await worker('escalate-requests')).toMatchObject({
      status: 'failing',
      lastRunAt: '2026-11-23T10:00:40+01:00',
      lastOkAt: '2026-11-23T10:00:00+01:00',
      lastError: 'the database went away',
    });
    expect((await tickers()).body.workers['escalate-requests']).toBe('failing');
    await jobs.tick('escalate-requests');
    expect(await worker('escalate-requests')).toMatchObject({ status: 'ok', lastOkAt: '2026-11-23T10:00:40+01:00' });
  });

  it('one run of a ticker at a time: a second call waits for the run under way', async () => {
    const outbox = t.app.get(OutboxService);
    const waiting: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const deliver = jest.spyOn(outbox, 'deliverDue').mockImplementation(async () => {
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      return 0;
    });
    const both = Promise.all([jobs.tick('deliver-webhooks'), jobs.tick('deliver-webhooks')]);
    for (let released = 0; released < 2;) {
      await new Promise((r) => setTimeout(r, 5));
      const next = waiting.shift();
      if (next) {
        next();
        released++;
      }
    }
    await both;
    expect(most).toBe(1);
    expect(deliver).toHaveBeenCalledTimes(2);
  });
});

describe('versions (a rolling upgrade)', () => {
  afterEach(async () => {
    await t.db.query(`UPDATE workers SET version = 1`);
  });

  it('an instance whose version the database no longer records runs neither the ticker nor the job, and runs them again once it does', async () => {
    // A newer instance has started and raised the versions.
    await t.db.query(`UPDATE workers SET version = 2 WHERE name IN ('escalate-requests', 'scan-gaps')`);
    const tick = jest.spyOn(t.app.get(RequestsService), 'tick');
    await jobs.tick('escalate-requests');
    expect(tick).not.toHaveBeenCalled();
    expect(await worker('escalate-requests')).toMatchObject({ version: 1, databaseVersion: 2, runsHere: false });
    const skipped = await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'scan-gaps' });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ job: 'scan-gaps', outcome: 'skipped', counts: {} });

    // Rolled back: the version is lowered by hand, and this instance runs them again.
    await t.db.query(`UPDATE workers SET version = 1`);
    await jobs.tick('escalate-requests');
    expect(tick).toHaveBeenCalledTimes(1);
    const ran = await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'scan-gaps' });
    expect(ran.body.outcome).toBe('ok');
  });
});

it('a starting instance raises a lower version to its own, never lowers a higher one, and writes the rows it misses', async () => {
  const database = await freshDatabase();
  const start = async (): Promise<INestApplication> => {
    const { app } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
    await app.init();
    return app;
  };
  let app = await start();
  try {
    const db = app.get(DataSource);
    await db.query(`UPDATE workers SET version = 0 WHERE name = 'scan-gaps'`);
    await db.query(`UPDATE workers SET version = 7 WHERE name = 'extend-slots'`);
    await db.query(`DELETE FROM workers WHERE name = 'deliver-webhooks'`);
    await app.close();
    app = await start();
    const rows: Array<{ name: string; version: number }> = await app.get(DataSource).query(`SELECT name, version FROM workers ORDER BY name`);
    expect(rows.map((r) => [r.name, Number(r.version)])).toEqual([
      ['deliver-webhooks', 1],
      ['draft-fee-statements', 1],
      ['escalate-requests', 1],
      ['extend-slots', 7],
      ['referral-timeouts', 1],
      ['scan-gaps', 1],
      ['sms-timers', 1],
    ]);
  } finally {
    await app.close();
    await database.drop();
  }
});

it('an instance that runs jobs starts its tickers at once, records their heartbeats, and stops them when it closes', async () => {
  const database = await freshDatabase();
  const { app } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'true' }, false);
  await app.init();
  try {
    const http = request(app.getHttpServer());
    let health = await http.get('/health/workers');
    // The first runs start at once; their heartbeats land within moments (real time, bounded).
    for (let i = 0; i < 50 && health.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await http.get('/health/workers');
    }
    expect(health.body).toEqual({
      status: 'ok',
      workers: { 'escalate-requests': 'ok', 'deliver-webhooks': 'ok', 'sms-timers': 'ok', 'referral-timeouts': 'ok' },
    });
    const workersHere = (await http.get('/api/workers').set(bearer(ADMIN))).body as Array<{ name: string; runsHere: boolean }>;
    expect(workersHere.every((w) => w.runsHere)).toBe(true);
  } finally {
    await app.close();
    await database.drop();
  }
});
