import { ADMIN, bearer, dbState, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * A roster plan is made in a worker thread within a deadline: past the deadline, or past the size a
 * plan may have, it is refused with 422 plan-too-large and nothing is written. (That a plan of
 * 6,300 positions keeps /health answering is measured on the built service,
 * responsive-service.e2e-spec.ts.)
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
});
afterAll(() => t.close());
beforeEach(() => t.setNow('2027-02-15T09:00:00+01:00'));

const propose = (regionCode: string) => t.http.post('/api/roster-plans').set(bearer(ADMIN)).send({ regionCode, from: '2027-03-01', to: '2027-05-02' });

describe('a plan too large to hold', () => {
  it('more open positions than a plan may hold are refused at once with 422 plan-too-large, writing nothing', async () => {
    // Two functions of 200 nurses a day each, for 63 days: 25,200 open positions.
    const { region, provider, contract } = await w.contracted();
    const second = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    for (const id of [contract.id, second.id]) {
      for (const [name, startTime, endTime] of [
        ['Dag', '07:00', '15:00'],
        ['Avond', '15:00', '23:00'],
        ['Nacht', '23:00', '07:00'],
        ['Kantoor', '09:00', '13:00'],
      ]) {
        await w.template(id, { name, startTime, endTime, requiredNurses: 50 });
      }
    }
    await w.nurse(provider.agb);
    const before = await dbState(t.db);
    const started = performance.now();
    const res = await propose(region.code);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, violations: [{ rule: 'plan-too-large' }] });
    expect(res.body.violations[0].message).toMatch(/25200 open positions; a plan takes at most 20000/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await dbState(t.db)).toEqual(before);
  }, 60_000);
});

describe('a plan past its deadline', () => {
  let slow: TestApp;
  let sw: World;
  beforeAll(async () => {
    slow = await startTestApp({ PLANNER_DEADLINE_SECONDS: '1' });
    sw = new World(slow);
  });
  afterAll(() => slow.close());

  it('is refused with 422 plan-too-large and writes nothing', async () => {
    slow.setNow('2027-02-15T09:00:00+01:00');
    const { region, provider, contract } = await sw.contracted();
    for (const [name, startTime, endTime] of [
      ['Dag', '07:00', '15:00'],
      ['Avond', '15:00', '23:00'],
      ['Nacht', '23:00', '07:00'],
      ['Kantoor', '09:00', '13:00'],
    ]) {
      await sw.template(contract.id, { name, startTime, endTime, requiredNurses: 25 });
    }
    for (let n = 0; n < 100; n++) await sw.nurse(provider.agb);
    const before = await dbState(slow.db);
    const res = await slow.http.post('/api/roster-plans').set(bearer(ADMIN)).send({ regionCode: region.code, from: '2027-03-01', to: '2027-05-02' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, violations: [{ rule: 'plan-too-large' }] });
    expect(res.body.violations[0].message).toMatch(/within 1 s/);
    expect(await dbState(slow.db)).toEqual(before);
  }, 60_000);
});
