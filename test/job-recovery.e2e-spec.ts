import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { ADMIN, bearer, freshDatabase } from './support/test-app.js';

/**
 * A run left `running` by a process that stopped mid-run is marked failed when the service starts
 * again, unless another live instance is executing that job right now (PostgreSQL: it holds the
 * job's advisory lock). A run in progress is not listed: api.md knows only ok, failed and skipped.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

async function start(env: Record<string, string>): Promise<INestApplication> {
  const { app } = await createApp({ ...env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000' }, false);
  await app.init();
  return app;
}

async function insertRunningRun(app: INestApplication, id: string, job: string, startedAt: number) {
  const db = app.get(DataSource);
  const p = db.options.type === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
  await db.query(`INSERT INTO job_runs (id, job, started_at, finished_at, outcome, counts) VALUES (${p[0]}, ${p[1]}, ${p[2]}, NULL, 'running', '{}')`, [
    id,
    job,
    startedAt,
  ]);
}

async function runsOf(app: INestApplication) {
  const res = await request(app.getHttpServer()).get('/api/job-runs').set(bearer(ADMIN));
  expect(res.status).toBe(200);
  return res.body as Array<Record<string, any>>;
}

it('a run left running by a stopped process is marked failed on the next start, and a run in progress is not listed', async () => {
  const database = await freshDatabase();
  let app = await start(database.env);
  try {
    const startedAt = Date.parse('2027-03-01T00:00:00Z');
    await insertRunningRun(app, 'run-abandoned', 'extend-slots', startedAt);
    expect(await runsOf(app)).toEqual([]);

    await app.close();
    app = await start(database.env);
    const runs = await runsOf(app);
    expect(runs).toEqual([
      expect.objectContaining({
        id: 'run-abandoned',
        job: 'extend-slots',
        startedAt: '2027-03-01T01:00:00+01:00',
        outcome: 'failed',
        finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    // A failed run does not stop the next run of the job.
    const next = await request(app.getHttpServer()).post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'extend-slots' });
    expect(next.body.outcome).toBe('ok');
  } finally {
    await app.close();
    await database.drop();
  }
});

(onPostgres ? it : it.skip)('a run another live instance is executing stays running; the other abandoned runs are marked failed', async () => {
  const database = await freshDatabase();
  let app = await start(database.env);
  // Another instance executing scan-gaps right now holds the job's session-level advisory lock.
  const otherInstance = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await otherInstance.connect();
  try {
    await insertRunningRun(app, 'run-live', 'scan-gaps', Date.parse('2027-03-01T00:00:00Z'));
    await insertRunningRun(app, 'run-dead', 'extend-slots', Date.parse('2027-03-01T00:00:00Z'));
    await otherInstance.query('SELECT pg_advisory_lock(hashtext($1))', ['job:scan-gaps']);

    await app.close();
    app = await start(database.env);
    const rows = await app.get(DataSource).query(`SELECT id, outcome, finished_at FROM job_runs ORDER BY id`);
    expect(rows.map((r: Record<string, unknown>) => [r.id, r.outcome, r.finished_at === null])).toEqual([
      ['run-dead', 'failed', false],
      ['run-live', 'running', true],
    ]);
    expect((await runsOf(app)).map((r) => r.id)).toEqual(['run-dead']);
    // The job runs once across instances: asked now, this instance skips it.
    const asked = await request(app.getHttpServer()).post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'scan-gaps' });
    expect(asked.body.outcome).toBe('skipped');
  } finally {
    await otherInstance.end();
    await app.close();
    await database.drop();
  }
});
