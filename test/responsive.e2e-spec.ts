import type { Response } from 'supertest';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { healthDuring, warmUp } from './support/health.js';
import { startWorld, type World } from './factories/world.js';

/**
 * One request must never hold up the service: a long computation (a recurrence that matches
 * nothing, a template over eleven centuries, the nightly slot extension) runs in slices of a few
 * milliseconds, so `/health` keeps answering while it runs.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  ({ t, w } = await startWorld());
  await warmUp(t);
});
afterAll(() => t.close());

const postTemplate = (contractId: string, over: Record<string, unknown>) =>
  t.http
    .post(`/api/contracts/${contractId}/templates`)
    .set(bearer(ADMIN))
    .send({ name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00', ...over });

describe('the service keeps answering while a long computation runs', () => {
  it.each([
    ['30 February', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['a sixth Monday', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6'],
    ['29 February every four years from a year after a leap year', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29'],
  ])('a rule that can never occur (%s) is refused with 422 rule-never-occurs, quickly, on an open-ended contract, and writes nothing', async (_, rrule) => {
    const { contract } = await w.contracted({ contract: { validTo: undefined } });
    const before = await dbState(t.db);
    const started = performance.now();
    const { result: res, worstHealthMs, boundMs, healthAnswers } = await healthDuring(t, () => postTemplate(contract.id, { rrule }));
    const tookMs = performance.now() - started;
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, violations: [{ rule: 'rule-never-occurs' }] });
    expect(res.body.violations[0].message).toContain(rrule);
    expect(tookMs).toBeLessThan(5_000);
    expect(healthAnswers).toBeGreaterThan(0);
    expect(worstHealthMs).toBeLessThan(boundMs);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a rule that occurs, just not in the contract, is no error: 201 with 0 slots', async () => {
    const { contract } = await w.contracted({ contract: { validFrom: '2027-01-01', validTo: '2027-06-30' } });
    const res = await postTemplate(contract.id, { rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25' });
    expect(res.status).toBe(201);
    expect(res.body.slotCount).toBe(0);
  });

  it('a template over eleven centuries is refused with too-many-slots while /health keeps answering', async () => {
    const { contract } = await w.contracted({ contract: { validFrom: '1900-01-01', validTo: '2999-12-31' } });
    const before = await dbState(t.db);
    const { result: res, worstHealthMs, boundMs } = await healthDuring(t, () => postTemplate(contract.id, {}));
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['too-many-slots']);
    expect(worstHealthMs).toBeLessThan(boundMs);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a rare rule over eleven centuries is walked to its end in slices: every Monday 29 February from 1900 to 2999', async () => {
    const { region, contract } = await w.contracted({ contract: { validFrom: '1900-01-01', validTo: '2999-12-31' } });
    const {
      result: res,
      worstHealthMs,
      boundMs,
    } = await healthDuring(t, () => postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO' }));
    expect(res.status).toBe(201);
    // 29 February falls on a Monday once in 28 years, a little more often across the non-leap
    // century years: 41 times from 1900 to 2999.
    expect(res.body.slotCount).toBe(41);
    expect(worstHealthMs).toBeLessThan(boundMs);
    const slots = await w.slots(region.code, '2028-01-01', '2028-12-31');
    expect(slots.map((s) => s.localDate)).toEqual([]);
    expect((await w.slots(region.code, '2016-01-01', '2016-12-31')).map((s) => s.localDate)).toEqual(['2016-02-29']);
    expect((await w.slots(region.code, '2044-01-01', '2044-12-31')).map((s) => s.localDate)).toEqual(['2044-02-29']);
  });

  it('the nightly slot extension of a rare rule keeps /health answering', async () => {
    const { region, contract } = await w.contracted({ contract: { validFrom: '2026-12-01', validTo: undefined } });
    t.setNow('2026-11-23T09:00:00Z');
    const created: Response = await postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TH' });
    expect(created.status).toBe(201);
    // The first 29 February on a Thursday after 2026 is in 2052. Years later the job extends to it.
    t.setNow('2051-06-01T09:00:00Z');
    try {
      const { result: run, worstHealthMs, boundMs } = await healthDuring(t, () => w.post('/api/job-runs', { job: 'extend-slots' }, ADMIN, 200));
      expect(run.outcome).toBe('ok');
      expect(await w.slots(region.code, '2051-01-01', '2051-12-31')).toEqual([]);
      expect(worstHealthMs).toBeLessThan(boundMs);
      expect((await w.slots(region.code, '2052-01-01', '2052-12-31')).map((s) => s.localDate)).toEqual(['2052-02-29']);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });
});
