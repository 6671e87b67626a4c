import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { ADMIN, bearer, freshDatabase, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';
import request from 'supertest';

/**
 * Several instances on one database: each scheduled job runs once. With PostgreSQL
 * (TEST_DATABASE_URL) two app instances share the database; on SQLite, where one instance owns
 * the file, the same job triggered twice at once in one instance runs once and is skipped once.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

it(`the monthly job triggered at the same moment ${onPostgres ? 'on two instances' : 'twice'} drafts exactly one set of statements`, async () => {
  const first: TestApp = await startTestApp();
  const w = new World(first);
  const contracts = [];
  for (let i = 0; i < 3; i++) {
    const { contract } = await w.contracted();
    await w.template(contract.id);
    contracts.push(contract.id);
  }
  let second: { http: ReturnType<typeof request>; close: () => Promise<void> } | null = null;
  if (onPostgres) {
    const url = first.db.options.type === 'postgres' ? (first.db.options as { url: string }).url : '';
    const { app } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
    await app.init();
    app.get(Clock).set(Date.parse('2027-04-01T01:00:00Z'));
    second = { http: request(app.getHttpServer()), close: () => app.close() };
  }
  first.setNow('2027-04-01T01:00:00Z');
  const other = second ?? { http: first.http, close: async () => undefined };
  const [a, b] = await Promise.all([
    first.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'draft-fee-statements' }),
    other.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'draft-fee-statements' }),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  const outcomes = [a.body.outcome, b.body.outcome].sort();
  // Either one ran and the other was skipped, or (if the first had already finished) both ran —
  // idempotently. Either way one statement per contract.
  expect(['ok,skipped', 'ok,ok']).toContain(outcomes.join(','));
  const rows = await first.sql(`SELECT contract_id, COUNT(*) AS n FROM fee_statements WHERE month = '2027-03' GROUP BY contract_id`);
  expect(rows).toHaveLength(3);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect((await first.http.get('/health')).body).toEqual({ status: 'ok', database: 'up' });
  expect((await other.http.get('/health')).body).toEqual({ status: 'ok', database: 'up' });
  const runs = await first.http.get('/api/job-runs').query({ job: 'draft-fee-statements' }).set(bearer(ADMIN));
  expect(runs.body).toHaveLength(2);
  await other.close();
  await first.close();
  void contracts;
}, 60_000);

it('a fresh database gets the same schema from the migrations', async () => {
  const database = await freshDatabase();
  const { app } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
  await app.init();
  const db = app.get(DataSource);
  const migrations = await db.query('SELECT name FROM migrations ORDER BY id');
  expect(migrations.map((m: { name: string }) => m.name)).toEqual([
    'InitialSchema1795420800000',
    'PlanningAids1795507200000',
    'GapAlerts1795593600000',
    'AssignmentsOutliveSlots1795680000000',
    'AppendOnlyHardening1795766400000',
    'WideFeeColumns1795852800000',
    'ClosedMonths1795939200000',
    'NamedSqliteConstraints1796025600000',
    'DropOriginalValidTo1796112000000',
    'RosterPlansAndWishes1796200000000',
    'AcuteRequests1796300000000',
    'SignInForPeople1796500000000',
    'FinalizedByAndCoordinatorPhone1796600000000',
    'ClosedMonthsNoTruncate1796700000000',
    'IdentityLinks1796700100000',
    'Workers1796710000000',
    'NurseRegionsAndPersons1796740000000',
    'ProviderUsersAndReferralSettings1796750000000',
    'Referrals1796750100000',
    'IntakeVersions1796750200000',
    'ReachingThePhone1796760000000',
  ]);
  await app.close();
  await database.drop();
});
