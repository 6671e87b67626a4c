import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Accepting an offer judges the taker at once (api.md "Planning aids", offers): an offer to anyone
 * is refused (422) to a nurse who breaks a rule; the named colleague may accept all the same, is
 * told what she breaks, and the coordinator decides.
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

/** A region with nights (23:00–07:00) and days (11:00–19:00) of one provider; Anna gives, Bram and Cees may take. */
async function team() {
  const world = await w.contracted();
  await w.template(world.contract.id);
  const days = await w.post('/api/contracts', {
    regionCode: world.region.code,
    insurerUzovi: world.region.preferredInsurerUzovi,
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: world.provider.agb },
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
  });
  await w.template(days.id, { name: 'Dag', startTime: '11:00', endTime: '19:00' });
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  const anna = await w.nurse(world.provider.agb, { name: 'Anna' });
  const bram = await w.nurse(world.provider.agb, { name: 'Bram' });
  const cees = await w.nurse(world.provider.agb, { name: 'Cees' });
  const users = {
    anna: (await w.user('nurse', { nurseId: anna.id })).token,
    bram: (await w.user('nurse', { nurseId: bram.id })).token,
    cees: (await w.user('nurse', { nurseId: cees.id })).token,
  };
  const slot = async (date: string, fn = 'unplanned-night-care') => (await w.slots(world.region.code, date, date)).find((s) => s.function === fn)!;
  /** Anna's night on `date`, offered (to `to`, or to anyone); Bram works that day 11:00–19:00, 4 h before it. */
  const offered = async (date: string, to?: string) => {
    const night = await slot(date);
    const held = await w.post(`/api/slots/${night.id}/assignments`, { nurseId: anna.id });
    const day = await w.post(`/api/slots/${(await slot(date, 'acute-screening')).id}/assignments`, { nurseId: bram.id });
    const offer = await w.post(`/api/assignments/${held.id}/offers`, to ? { toNurseId: to } : {}, users.anna);
    return { night, held, day, offer };
  };
  return { ...world, coordinator, anna, bram, cees, users, slot, offered };
}

describe('accepting an offer to anyone', () => {
  it('is refused with 422 and every rule the taker breaks, her own duty named to her, and nothing changes', async () => {
    const { bram, users, offered } = await team();
    const { offer, day } = await offered('2027-03-10');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.bram));
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([
      { rule: 'daily-rest', message: expect.any(String), conflictsWith: expect.objectContaining({ assignmentId: day.id, start: '2027-03-10T11:00:00+01:00' }) },
    ]);
    expect(await dbState(t.db)).toEqual(before);
    expect((await t.http.get('/api/offers').set(bearer(users.bram))).body.find((o: { takerNurseId: string }) => o.takerNurseId === bram.id)).toBeUndefined();
  });

  it('is refused with 422 overlap (not 409) to a nurse busy at that time, and nothing changes', async () => {
    const { region, provider, users, cees, anna } = await team();
    const other = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'specialist-nursing',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(other.id, { name: 'Laat', startTime: '22:00', endTime: '06:00' });
    const night = (await w.slots(region.code, '2027-03-12', '2027-03-12')).find((s) => s.function === 'unplanned-night-care')!;
    const held = await w.post(`/api/slots/${night.id}/assignments`, { nurseId: anna.id });
    const late = (await w.slots(region.code, '2027-03-12', '2027-03-12')).find((s) => s.function === 'specialist-nursing')!;
    await w.post(`/api/slots/${late.id}/assignments`, { nurseId: cees.id });
    const offer = await w.post(`/api/assignments/${held.id}/offers`, {}, users.anna);
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees));
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toContain('overlap');
    expect(await dbState(t.db)).toEqual(before);
  });

  it('is accepted by a nurse who breaks no rule, with no violations and no warnings', async () => {
    const { cees, users, offered } = await team();
    const { offer } = await offered('2027-03-14');
    const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', takerNurseId: cees.id, violations: [], warnings: [] });
    // A second accept finds it taken.
    const again = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.bram));
    expect(again.status).toBe(409);
  });
});

describe('accepting an offer by name', () => {
  it('is accepted all the same while she breaks a rule, tells her at once what she breaks, is not approved automatically, and approval is then refused', async () => {
    const { region, bram, coordinator, users, offered } = await team();
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(ADMIN)).send({ autoApproveOffers: true }).expect(200);
    const { offer, held, day } = await offered('2027-03-16', bram.id);
    const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.bram));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'accepted', takerNurseId: bram.id, newAssignmentId: null, warnings: [] });
    expect(res.body.violations).toEqual([
      { rule: 'daily-rest', message: expect.any(String), conflictsWith: expect.objectContaining({ assignmentId: day.id }) },
    ]);
    // Anna keeps her night until the coordinator decides; approving refuses while Bram breaks the rule.
    const before = await dbState(t.db);
    const approve = await t.http.post(`/api/offers/${offer.id}/approve`).set(bearer(coordinator.token));
    expect(approve.status).toBe(422);
    expect(approve.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['daily-rest']);
    expect(await dbState(t.db)).toEqual(before);
    const [row] = await t.sql('SELECT status FROM assignments WHERE id = ?', [held.id]);
    expect(row.status).toBe('active');
  });

  it('is approved at once where the region auto-approves and she breaks no rule', async () => {
    const { region, cees, users, offered } = await team();
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(ADMIN)).send({ autoApproveOffers: true }).expect(200);
    const { offer, held } = await offered('2027-03-18', cees.id);
    const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', violations: [], newAssignmentId: expect.any(String) });
    const [row] = await t.sql('SELECT status FROM assignments WHERE id = ?', [held.id]);
    expect(row.status).toBe('cancelled');
  });

  it('another nurse finds no offer (404), and the giver cannot take her own (400); neither changes anything', async () => {
    const { bram, users, offered } = await team();
    const { offer } = await offered('2027-03-20', bram.id);
    const before = await dbState(t.db);
    expect((await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees))).status).toBe(404);
    expect((await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(ADMIN))).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('accepting an offer in a closed month', () => {
  it('is a 409 closed-month for either kind of offer, and nothing changes', async () => {
    const { contract, cees, users, slot, anna } = await team();
    const held = await w.post(`/api/slots/${(await slot('2027-08-10')).id}/assignments`, { nurseId: anna.id });
    const second = await w.post(`/api/slots/${(await slot('2027-08-12')).id}/assignments`, { nurseId: anna.id });
    const toAnyone = await w.post(`/api/assignments/${held.id}/offers`, {}, users.anna);
    const byName = await w.post(`/api/assignments/${second.id}/offers`, { toNurseId: cees.id }, users.anna);
    const [statement] = await w.post('/api/fee-statements', { month: '2027-08', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-09-01T00:00:00+02:00');
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    for (const offer of [toAnyone, byName]) {
      const res = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees));
      expect(res.status).toBe(409);
      expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['closed-month']);
    }
    expect(await dbState(t.db)).toEqual(before);
  });
});
