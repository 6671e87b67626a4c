import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Nurses' `regionCodes` (api.md "Reference data"): the regions a nurse works in. Null, the
 * default, is every region where her employer is responsible; a roster plan draws on the party's
 * nurses who work in its region.
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());
beforeEach(() => t.setNow('2027-02-15T09:00:00+01:00'));

/** One provider responsible for nights in two regions, and a coordinator of both. */
async function twoRegions() {
  const first = await w.contracted();
  await w.template(first.contract.id);
  const second = await w.region();
  const contract = await w.post('/api/contracts', {
    regionCode: second.code,
    insurerUzovi: second.preferredInsurerUzovi,
    function: 'unplanned-night-care',
    responsibleParty: { type: 'provider', agb: first.provider.agb },
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
  });
  await w.template(contract.id);
  const coordinator = await w.user('coordinator', { regionCodes: [first.region.code, second.code] });
  return { provider: first.provider, one: first.region, two: second, coordinator };
}

describe('a nurse’s regions', () => {
  it('are null by default, set on POST sorted and once each, shown on every answer, and cleared with null', async () => {
    const { provider, one, two, coordinator } = await twoRegions();
    const anywhere = await w.nurse(provider.agb, { name: 'Anna' });
    expect(anywhere.regionCodes).toBeNull();
    const res = await t.http
      .post('/api/nurses')
      .set(bearer(coordinator.token))
      .send({ name: 'Bram', employerAgb: provider.agb, qualifications: ['district-nurse'], regionCodes: [two.code, one.code, two.code] });
    expect(res.status).toBe(201);
    const expected = [one.code, two.code].sort();
    expect(res.body.regionCodes).toEqual(expected);
    expect((await t.http.get(`/api/nurses/${res.body.id}`).set(bearer(coordinator.token))).body.regionCodes).toEqual(expected);
    const listed = (await t.http.get('/api/nurses').set(bearer(coordinator.token))).body.find((n: { id: string }) => n.id === res.body.id);
    expect(listed.regionCodes).toEqual(expected);
    const narrowed = await t.http
      .patch(`/api/nurses/${res.body.id}`)
      .set(bearer(coordinator.token))
      .send({ regionCodes: [one.code] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.regionCodes).toEqual([one.code]);
    // A PATCH without the field leaves it alone; null clears it (every region of the employer again).
    expect((await t.http.patch(`/api/nurses/${res.body.id}`).set(bearer(coordinator.token)).send({ name: 'Bram J.' })).body.regionCodes).toEqual([one.code]);
    const cleared = await t.http.patch(`/api/nurses/${res.body.id}`).set(bearer(coordinator.token)).send({ regionCodes: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.regionCodes).toBeNull();
    const explicitNull = await w.post('/api/nurses', { name: 'Cees', employerAgb: provider.agb, qualifications: [], regionCodes: null });
    expect(explicitNull.regionCodes).toBeNull();
  });

  it('an unknown region is a 422 unknown-reference naming each, and nothing is written', async () => {
    const { provider, one, coordinator } = await twoRegions();
    const nurse = await w.nurse(provider.agb);
    const before = await dbState(t.db);
    const created = await t.http
      .post('/api/nurses')
      .set(bearer(coordinator.token))
      .send({ name: 'Dirk', employerAgb: provider.agb, qualifications: [], regionCodes: [one.code, 'NOWHERE', 'ATLANTIS'] });
    expect(created.status).toBe(422);
    expect(created.body.violations.map((v: { rule: string; message: string }) => [v.rule, v.message])).toEqual([
      ['unknown-reference', 'region NOWHERE does not exist'],
      ['unknown-reference', 'region ATLANTIS does not exist'],
    ]);
    const patched = await t.http
      .patch(`/api/nurses/${nurse.id}`)
      .set(bearer(coordinator.token))
      .send({ name: 'Renamed', regionCodes: ['NOWHERE'] });
    expect(patched.status).toBe(422);
    expect(patched.body.violations).toEqual([{ rule: 'unknown-reference', message: 'region NOWHERE does not exist' }]);
    // An unknown employer and an unknown region: every violation at once.
    const both = await t.http
      .post('/api/nurses')
      .set(bearer(ADMIN))
      .send({ name: 'Eva', employerAgb: '99999999', qualifications: [], regionCodes: ['NOWHERE'] });
    expect(both.status).toBe(422);
    expect(both.body.violations.map((v: { message: string }) => v.message)).toEqual(['provider 99999999 does not exist', 'region NOWHERE does not exist']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('an empty list, a malformed code or something other than a list is a 400, and nothing is written', async () => {
    const { provider, coordinator } = await twoRegions();
    const nurse = await w.nurse(provider.agb);
    const before = await dbState(t.db);
    for (const regionCodes of [[], ['ams'], ['AMS', 7], 'AMS', Array.from({ length: 101 }, (_, i) => `R-${i}`)]) {
      const created = await t.http
        .post('/api/nurses')
        .set(bearer(coordinator.token))
        .send({ name: 'Fleur', employerAgb: provider.agb, qualifications: [], regionCodes });
      expect({ regionCodes, status: created.status }).toEqual({ regionCodes, status: 400 });
      const patched = await t.http.patch(`/api/nurses/${nurse.id}`).set(bearer(coordinator.token)).send({ regionCodes });
      expect({ regionCodes, status: patched.status }).toEqual({ regionCodes, status: 400 });
    }
    const empty = await t.http.patch(`/api/nurses/${nurse.id}`).set(bearer(coordinator.token)).send({ regionCodes: [] });
    expect(JSON.stringify(empty.body.message)).toContain('send null');
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a nurse outside the caller’s scope answers 404 before an unknown region (422), and a nurse may not set her regions (403)', async () => {
    const { provider, one } = await twoRegions();
    const nurse = await w.nurse(provider.agb);
    const elsewhere = await w.contracted();
    const stranger = await w.user('coordinator', { regionCodes: [elsewhere.region.code] });
    const self = await w.user('nurse', { nurseId: nurse.id });
    const before = await dbState(t.db);
    expect(
      (
        await t.http
          .patch(`/api/nurses/${nurse.id}`)
          .set(bearer(stranger.token))
          .send({ regionCodes: ['NOWHERE'] })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .patch(`/api/nurses/${nurse.id}`)
          .set(bearer(self.token))
          .send({ regionCodes: [one.code] })
      ).status,
    ).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('roster plans draw on the nurses of their region', () => {
  it('a provider responsible in two regions: a plan for one region proposes and lists only the nurses who work there', async () => {
    const { provider, one, two, coordinator } = await twoRegions();
    const onlyOne = await w.nurse(provider.agb, { name: 'Anna', regionCodes: [one.code] });
    const onlyTwo = await w.nurse(provider.agb, { name: 'Bram', regionCodes: [two.code] });
    const both = await w.nurse(provider.agb, { name: 'Cees' });
    const res = await t.http.post('/api/roster-plans').set(bearer(coordinator.token)).send({ regionCode: one.code, from: '2027-03-01', to: '2027-03-07' });
    expect(res.status).toBe(201);
    expect(new Set(res.body.nurses.map((n: { nurseId: string }) => n.nurseId))).toEqual(new Set([onlyOne.id, both.id]));
    expect(res.body.proposals).toHaveLength(7);
    for (const p of res.body.proposals) expect([onlyOne.id, both.id]).toContain(p.nurseId);
    const other = await t.http.post('/api/roster-plans').set(bearer(coordinator.token)).send({ regionCode: two.code, from: '2027-03-01', to: '2027-03-07' });
    expect(new Set(other.body.nurses.map((n: { nurseId: string }) => n.nurseId))).toEqual(new Set([onlyTwo.id, both.id]));
    // Applying locks and re-reads the same candidates: the plan applies.
    expect((await t.http.post(`/api/roster-plans/${res.body.id}/apply`).set(bearer(coordinator.token))).status).toBe(200);
  });

  it('a party whose nurses all work elsewhere leaves the region’s positions open with no-candidates', async () => {
    const { provider, one, two, coordinator } = await twoRegions();
    await w.nurse(provider.agb, { regionCodes: [two.code] });
    const res = await t.http.post('/api/roster-plans').set(bearer(coordinator.token)).send({ regionCode: one.code, from: '2027-03-01', to: '2027-03-01' });
    expect(res.status).toBe(201);
    expect(res.body.nurses).toEqual([]);
    expect(res.body.unfilled).toEqual([expect.objectContaining({ localDate: '2027-03-01', reasons: [{ rule: 'no-candidates', nurses: 0 }] })]);
  });

  it('moving a nurse out of the region after a plan was made makes the plan stale (409), and applying writes nothing', async () => {
    const { provider, one, two, coordinator } = await twoRegions();
    const anna = await w.nurse(provider.agb, { name: 'Anna' });
    await w.nurse(provider.agb, { name: 'Bram' });
    const plan = await t.http.post('/api/roster-plans').set(bearer(coordinator.token)).send({ regionCode: one.code, from: '2027-03-01', to: '2027-03-03' });
    expect(plan.status).toBe(201);
    await t.http
      .patch(`/api/nurses/${anna.id}`)
      .set(bearer(coordinator.token))
      .send({ regionCodes: [two.code] })
      .expect(200);
    const before = await dbState(t.db);
    const applied = await t.http.post(`/api/roster-plans/${plan.body.id}/apply`).set(bearer(coordinator.token));
    expect(applied.status).toBe(409);
    expect(applied.body.violations[0].rule).toBe('plan-stale');
    expect(await dbState(t.db)).toEqual(before);
  });
});
