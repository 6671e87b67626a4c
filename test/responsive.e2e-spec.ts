import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Rules that never occur, templates over centuries, rare rules and the nightly extension: the
 * answers and what they write. That /health keeps answering meanwhile is measured on the built
 * service (responsive-service.e2e-spec.ts).
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

const postTemplate = (contractId: string, over: Record<string, unknown>) =>
  t.http
    .post(`/api/contracts/${contractId}/templates`)
    .set(bearer(ADMIN))
    .send({ name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00', ...over });

describe('long and impossible recurrences', () => {
  it.each([
    ['30 February', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['a sixth Monday', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6'],
    ['29 February every four years from a year after a leap year', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29'],
    ['an UNTIL before the contract', 'FREQ=DAILY;UNTIL=20261231'],
  ])('a rule that can never occur (%s) is refused with 422 rule-never-occurs on an open-ended contract, and writes nothing', async (_, rrule) => {
    const { contract } = await w.contracted({ contract: { validTo: undefined } });
    const before = await dbState(t.db);
    const started = performance.now();
    const res = await postTemplate(contract.id, { rrule });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, violations: [{ rule: 'rule-never-occurs' }] });
    expect(res.body.violations[0].message).toContain(rrule);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a rule with holidays added is still refused when the rule itself never occurs', async () => {
    const { contract } = await w.contracted();
    const res = await postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', holidays: 'add' });
    expect(res.status).toBe(422);
    expect(res.body.violations[0].rule).toBe('rule-never-occurs');
  });

  it('a malformed rule is 400, before any judgement of whether it occurs', async () => {
    const { contract } = await w.contracted();
    const res = await postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTHDAY=32' });
    expect(res.status).toBe(400);
  });

  it('a rule that occurs, just not in the contract, is no error: 201 with 0 slots', async () => {
    const { contract } = await w.contracted({ contract: { validFrom: '2027-01-01', validTo: '2027-06-30' } });
    const res = await postTemplate(contract.id, { rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25' });
    expect(res.status).toBe(201);
    expect(res.body.slotCount).toBe(0);
  });

  it('a template over eleven centuries is refused with too-many-slots and writes nothing', async () => {
    const { contract } = await w.contracted({ contract: { validFrom: '1900-01-01', validTo: '2999-12-31' } });
    const before = await dbState(t.db);
    const res = await postTemplate(contract.id, {});
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['too-many-slots']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a rare rule over eleven centuries is walked to its end: every Monday 29 February from 1900 to 2999', async () => {
    const { region, contract } = await w.contracted({ contract: { validFrom: '1900-01-01', validTo: '2999-12-31' } });
    const res = await postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO' });
    expect(res.status).toBe(201);
    // 29 February falls on a Monday once in 28 years, a little more often across the non-leap
    // century years: 41 times from 1900 to 2999.
    expect(res.body.slotCount).toBe(41);
    expect(await w.slots(region.code, '2028-01-01', '2028-12-31')).toEqual([]);
    expect((await w.slots(region.code, '2016-01-01', '2016-12-31')).map((s) => s.localDate)).toEqual(['2016-02-29']);
    expect((await w.slots(region.code, '2044-01-01', '2044-12-31')).map((s) => s.localDate)).toEqual(['2044-02-29']);
  });

  it('the nightly slot extension walks a rare rule years on', async () => {
    const { region, contract } = await w.contracted({ contract: { validFrom: '2026-12-01', validTo: undefined } });
    t.setNow('2026-11-23T09:00:00Z');
    const created = await postTemplate(contract.id, { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TH' });
    expect(created.status).toBe(201);
    expect(created.body.slotCount).toBe(0);
    // The first 29 February on a Thursday after 2026 is in 2052. Years later the job extends to it.
    t.setNow('2051-06-01T09:00:00Z');
    try {
      const run = await w.post('/api/job-runs', { job: 'extend-slots' }, ADMIN, 200);
      expect(run.outcome).toBe('ok');
      expect(await w.slots(region.code, '2051-01-01', '2051-12-31')).toEqual([]);
      expect((await w.slots(region.code, '2052-01-01', '2052-12-31')).map((s) => s.localDate)).toEqual(['2052-02-29']);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });
});
