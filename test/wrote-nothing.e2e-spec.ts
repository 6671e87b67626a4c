import { ADMIN, bearer, dbState, startTestApp, stateTables, type TestApp } from './support/test-app.js';

/**
 * The "wrote nothing" helper that every refusal test leans on: it must see every table the
 * service writes, including the ones added after it was first written.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

it('covers every table of the migrated database except the migrations record', async () => {
  const onPostgres = t.db.options.type === 'postgres';
  const rows: Array<{ name: string }> = onPostgres
    ? await t.db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
    : await t.db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const tables = rows.map((r) => r.name).filter((name) => name !== 'migrations');
  expect(Object.keys(await dbState(t.db)).sort()).toEqual(tables.sort());
  expect(stateTables(t.db).map((s) => s.table)).toEqual(expect.arrayContaining(['requests', 'request_pages', 'outbox', 'job_runs']));
});

it('sees a row written to a table the first hand-kept list missed (a job run)', async () => {
  const before = await dbState(t.db);
  expect((await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'scan-gaps' })).status).toBe(200);
  const after = await dbState(t.db);
  expect(after).not.toEqual(before);
  expect(after.job_runs).toHaveLength(before.job_runs.length + 1);
});

it('sees a changed value, not only a changed count', async () => {
  await t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: '3399', name: 'Verzekeraar' });
  const before = await dbState(t.db);
  expect((await t.http.patch('/api/insurers/3399').set(bearer(ADMIN)).send({ name: 'Verzekeraar Noord' })).status).toBe(200);
  const after = await dbState(t.db);
  expect(after.insurers).toHaveLength(before.insurers.length);
  expect(after.insurers).not.toEqual(before.insurers);
});
