import { bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

/**
 * A night-care contract with four nurses of its provider: Anna holds the night of `date`; Bram is
 * free and qualified; Cees lacks the qualification; Dirk works an 11:00–19:00 day that leaves
 * him too little rest before the night. Eva works for another provider.
 */
async function team(date: string) {
  const world = await w.contracted();
  await w.template(world.contract.id);
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  const anna = await w.nurse(world.provider.agb, { name: 'Anna' });
  const bram = await w.nurse(world.provider.agb, { name: 'Bram' });
  const cees = await w.nurse(world.provider.agb, { name: 'Cees', qualifications: ['wound-care'] });
  const dirk = await w.nurse(world.provider.agb, { name: 'Dirk' });
  const elsewhere = await w.provider();
  const eva = await w.nurse(elsewhere.agb, { name: 'Eva' });
  const day = await w.post('/api/contracts', {
    regionCode: world.region.code,
    insurerUzovi: world.region.preferredInsurerUzovi,
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: world.provider.agb },
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
  });
  await w.template(day.id, { startTime: '11:00', endTime: '19:00' });
  const daySlot = (await w.slots(world.region.code, date, date)).find((s) => s.function === 'acute-screening');
  await w.post(`/api/slots/${daySlot!.id}/assignments`, { nurseId: dirk.id });
  const night = (await w.slots(world.region.code, date, date)).find((s) => s.function === 'unplanned-night-care')!;
  const assignment = await w.post(`/api/slots/${night.id}/assignments`, { nurseId: anna.id });
  const token = async (nurseId: string) => (await w.user('nurse', { nurseId })).token;
  const users = { anna: await token(anna.id), bram: await token(bram.id), cees: await token(cees.id), dirk: await token(dirk.id), eva: await token(eva.id) };
  return { ...world, coordinator, anna, bram, cees, dirk, eva, users, night, assignment };
}

const offerIds = async (token: string, query = '') =>
  (await t.http.get(`/api/offers${query}`).set(bearer(token)).expect(200)).body.map((o: { id: string }) => o.id);

describe('GET /api/offers for a nurse', () => {
  it('lists an offer to anyone only to colleagues who could accept it, and to its giver', async () => {
    const { users, assignment } = await team('2027-05-04');
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, {}, users.anna);
    expect(await offerIds(users.anna)).toEqual([offer.id]);
    expect(await offerIds(users.bram)).toEqual([offer.id]);
    expect(await offerIds(users.bram, '?status=open')).toEqual([offer.id]);
    expect(await offerIds(users.bram, '?status=accepted')).toEqual([]);
    // Cees lacks the qualification, Dirk would get too little rest, Eva works elsewhere.
    expect(await offerIds(users.cees)).toEqual([]);
    expect(await offerIds(users.dirk)).toEqual([]);
    expect(await offerIds(users.eva)).toEqual([]);
    // What the list hides, accepting refuses: the same judgement.
    expect((await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees))).status).toBe(422);
    expect((await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.dirk))).status).toBe(422);
    await w.post(`/api/offers/${offer.id}/accept`, {}, users.bram, 200);
    // Accepted, it stays with the giver and the taker only.
    expect(await offerIds(users.bram, '?status=accepted')).toEqual([offer.id]);
    expect(await offerIds(users.anna)).toEqual([offer.id]);
    expect(await offerIds(users.cees)).toEqual([]);
  });

  it('hides an offer to anyone from a nurse who already holds an overlapping duty', async () => {
    const { region, contract, users, bram, assignment } = await team('2027-05-11');
    void region;
    // A second night position on the same night, held by Bram: taking Anna's would overlap.
    await w.template(contract.id, { name: 'Second night' });
    const second = (await w.slots(region.code, '2027-05-11', '2027-05-11')).filter((s) => s.function === 'unplanned-night-care');
    const free = second.find((s) => s.id !== assignment.slotId);
    await w.post(`/api/slots/${free!.id}/assignments`, { nurseId: bram.id });
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, {}, users.anna);
    expect(await offerIds(users.bram)).toEqual([]);
    const refused = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.bram));
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['overlap']);
  });

  it('lists an offer to a named colleague only to that colleague and the giver, rule or no rule', async () => {
    const { users, cees, assignment, coordinator } = await team('2027-05-18');
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, { toNurseId: cees.id }, users.anna);
    expect(await offerIds(users.anna)).toEqual([offer.id]);
    expect(await offerIds(users.cees)).toEqual([offer.id]);
    expect(await offerIds(users.bram)).toEqual([]);
    expect(await offerIds(users.dirk)).toEqual([]);
    expect(await offerIds(coordinator.token)).toContain(offer.id);
  });

  it('judges many open offers in one list', async () => {
    const world = await w.contracted();
    await w.template(world.contract.id);
    const giver = await w.nurse(world.provider.agb, { name: 'Gerda' });
    const taker = await w.nurse(world.provider.agb, { name: 'Hans' });
    const giverToken = (await w.user('nurse', { nurseId: giver.id })).token;
    const takerToken = (await w.user('nurse', { nurseId: taker.id })).token;
    const slots = (await w.slots(world.region.code, '2027-09-01', '2027-09-30')).filter((s) => s.function === 'unplanned-night-care');
    const made: string[] = [];
    // Every third night, so that rest rules do not pick between them.
    for (const slot of slots.filter((_: unknown, i: number) => i % 3 === 0)) {
      const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: giver.id });
      made.push((await w.post(`/api/assignments/${a.id}/offers`, {}, giverToken)).id);
    }
    expect(made.length).toBe(10);
    expect(await offerIds(takerToken)).toEqual(made);
  });
});

describe('what the giver of an offer is told, with auto-approval', () => {
  /**
   * With auto-approval an acceptance that breaks no rule is approved at once; one that breaks a
   * rule waits for the coordinator. Were the giver told "accepted", it would learn that the named
   * colleague breaks a rule (or is absent). It reads open (pending) or approved (taken) only.
   */
  it('an acceptance held back by a rule reads to the giver exactly like an offer nobody has answered', async () => {
    const date = '2027-06-22';
    const { region, users, anna, bram, cees, dirk, coordinator, assignment } = await team(date);
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ autoApproveOffers: true }).expect(200);
    const nightOf = async (day: string) => {
      const slot = (await w.slots(region.code, day, day)).find((s) => s.function === 'unplanned-night-care')!;
      return w.post(`/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
    };
    // To Dirk, who would get too little rest after his day shift: he accepts, it waits.
    const held = await w.post(`/api/assignments/${assignment.id}/offers`, { toNurseId: dirk.id }, users.anna);
    // To Cees, who never answers.
    const unanswered = await w.post(`/api/assignments/${(await nightOf('2027-06-29')).id}/offers`, { toNurseId: cees.id }, users.anna);
    // To Bram, who breaks no rule: approved at once.
    const taken = await w.post(`/api/assignments/${(await nightOf('2027-07-06')).id}/offers`, { toNurseId: bram.id }, users.anna);
    t.setNow('2026-11-23T10:30:00Z');
    try {
      expect(await w.post(`/api/offers/${held.id}/accept`, {}, users.dirk, 200)).toMatchObject({ status: 'accepted', takerNurseId: dirk.id });
      expect(await w.post(`/api/offers/${taken.id}/accept`, {}, users.bram, 200)).toMatchObject({ status: 'approved', takerNurseId: bram.id });
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const asGiver = async (query = '') => (await t.http.get(`/api/offers${query}`).set(bearer(users.anna)).expect(200)).body as Array<Record<string, unknown>>;
    const list = await asGiver();
    const seen = (id: string) => list.find((o) => o.id === id)!;
    const waiting = { status: 'open', takerNurseId: null, takerNurseName: null, newAssignmentId: null };
    expect(seen(held.id)).toMatchObject({ ...waiting, toNurseId: dirk.id, updatedAt: seen(held.id).createdAt });
    expect(seen(unanswered.id)).toMatchObject({ ...waiting, toNurseId: cees.id, updatedAt: seen(unanswered.id).createdAt });
    // Apart from ids, names and the shift, the two read alike.
    const shape = (o: Record<string, unknown>) => ({
      status: o.status,
      takerNurseId: o.takerNurseId,
      newAssignmentId: o.newAssignmentId,
      changed: o.updatedAt !== o.createdAt,
    });
    expect(shape(seen(held.id))).toEqual(shape(seen(unanswered.id)));
    expect(seen(taken.id)).toMatchObject({ status: 'approved', takerNurseId: bram.id, takerNurseName: 'Bram', newAssignmentId: expect.any(String) });
    expect(list.some((o) => o.status === 'accepted')).toBe(false);
    // A status filter cannot tell them apart either.
    expect((await asGiver('?status=accepted')).map((o) => o.id)).toEqual([]);
    expect((await asGiver('?status=open')).map((o) => o.id)).toEqual([held.id, unanswered.id]);
    expect((await asGiver('?status=approved')).map((o) => o.id)).toEqual([taken.id]);
    // The coordinator, who decides, and the taker see the acceptance as it is.
    const forCoordinator = (await t.http.get('/api/offers').set(bearer(coordinator.token)).expect(200)).body.find((o: { id: string }) => o.id === held.id);
    expect(forCoordinator).toMatchObject({ status: 'accepted', takerNurseId: dirk.id });
    expect((await t.http.get('/api/offers').set(bearer(users.dirk)).expect(200)).body.find((o: { id: string }) => o.id === held.id)).toMatchObject({
      status: 'accepted',
    });
    // Withdrawing it tells the giver no more: no taker in the answer.
    const withdrawn = await w.post(`/api/offers/${held.id}/withdraw`, {}, users.anna, 200);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', takerNurseId: null, newAssignmentId: null });
    expect(seen(held.id)).toBeDefined();
    expect((await asGiver()).find((o) => o.id === held.id)).toMatchObject({ status: 'withdrawn', takerNurseId: null, takerNurseName: null });
  });
});

describe('GET /api/assignments/:id/offer-candidates', () => {
  it("names the assigned nurse's colleagues, judged on qualifications only: nothing of a colleague's own roster", async () => {
    const { users, bram, cees, dirk, assignment } = await team('2027-06-08');
    const before = await dbState(t.db);
    const res = await t.http.get(`/api/assignments/${assignment.id}/offer-candidates`).set(bearer(users.anna));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { nurseId: bram.id, name: 'Bram', fits: true, rules: [] },
      // Dirk lacks daily rest before it (a duty of his own): that is not told to Anna.
      { nurseId: dirk.id, name: 'Dirk', fits: true, rules: [] },
      { nurseId: cees.id, name: 'Cees', fits: false, rules: ['qualification'] },
    ]);
    expect(await dbState(t.db)).toEqual(before);
    // A named colleague may be offered the duty even when a rule stands in the way.
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, { toNurseId: dirk.id }, users.anna);
    expect(offer).toMatchObject({ toNurseId: dirk.id, status: 'open' });
  });

  it('answers only the nurse assigned: another nurse and unknown ids get 404, a coordinator 403', async () => {
    const { users, coordinator, assignment } = await team('2027-06-15');
    expect((await t.http.get(`/api/assignments/${assignment.id}/offer-candidates`).set(bearer(users.bram))).status).toBe(404);
    expect((await t.http.get(`/api/assignments/${assignment.id}/offer-candidates`).set(bearer(users.eva))).status).toBe(404);
    expect((await t.http.get('/api/assignments/no-such-assignment/offer-candidates').set(bearer(users.anna))).status).toBe(404);
    expect((await t.http.get(`/api/assignments/${assignment.id}/offer-candidates`).set(bearer(coordinator.token))).status).toBe(403);
    expect((await t.http.get(`/api/assignments/${assignment.id}/offer-candidates`)).status).toBe(401);
  });
});
