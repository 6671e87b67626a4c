import ICAL from 'ical.js';
import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

async function team() {
  const world = await w.contracted();
  await w.template(world.contract.id);
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  const anna = await w.nurse(world.provider.agb, { name: 'Anna' });
  const bram = await w.nurse(world.provider.agb, { name: 'Bram' });
  const cees = await w.nurse(world.provider.agb, { name: 'Cees', qualifications: ['wound-care'] });
  const users = {
    anna: (await w.user('nurse', { nurseId: anna.id })).token,
    bram: (await w.user('nurse', { nurseId: bram.id })).token,
    cees: (await w.user('nurse', { nurseId: cees.id })).token,
  };
  return { ...world, coordinator, anna, bram, cees, users };
}

describe('candidates', () => {
  it("lists the responsible party's nurses, free ones first, and agrees with what assignment then does", async () => {
    const { region, coordinator, anna, bram } = await team();
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-06-01')).id}/assignments`, { nurseId: anna.id });
    const slot = await w.slotOn(region.code, '2027-06-02');
    // Bram works the evening before: the night after would leave him only 4 h of rest.
    const evening = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: bram.employerAgb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(evening.id, { startTime: '11:00', endTime: '19:00' });
    await w.post(`/api/slots/${(await w.slots(region.code, '2027-06-02', '2027-06-02')).find((s) => s.function === 'acute-screening')!.id}/assignments`, {
      nurseId: bram.id,
    });
    const res = await t.http.get(`/api/slots/${slot.id}/candidates`).set(bearer(coordinator.token));
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.map((c: { name: string }) => [c.name, c]));
    // Free first; then fewest month minutes (Cees has none, Bram 480).
    expect(res.body.map((c: { name: string }) => c.name)).toEqual(['Anna', 'Cees', 'Bram']);
    expect(byName.Anna).toMatchObject({ nurseId: anna.id, qualified: true, violations: [], monthMinutes: 480, nights16Weeks: 1 });
    expect(byName.Bram.violations.map((v: { rule: string }) => v.rule)).toEqual(['daily-rest']);
    expect(byName.Cees).toMatchObject({ qualified: false, violations: [expect.objectContaining({ rule: 'qualification' })] });
    for (const c of res.body) {
      const attempt = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: c.nurseId });
      if (c.violations.length === 0) {
        expect(attempt.status).toBe(201);
        break;
      }
      expect(attempt.body.violations).toEqual(c.violations);
    }
    const full = await t.http.get(`/api/slots/${slot.id}/candidates`).set(bearer(coordinator.token));
    expect(full.body.every((c: { violations: Array<{ rule: string }> }) => c.violations.some((v) => v.rule === 'slot-full'))).toBe(true);
  });
});

describe('offers', () => {
  it("a swap from offer to approval moves the shift between the nurses' feeds", async () => {
    const { region, coordinator, anna, bram, users } = await team();
    const slot = await w.slotOn(region.code, '2027-07-01');
    const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
    const offer = await w.post(`/api/assignments/${a.id}/offers`, { toNurseId: bram.id }, users.anna);
    expect(offer).toMatchObject({ assignmentId: a.id, fromNurseId: anna.id, toNurseId: bram.id, status: 'open' });
    expect((await t.http.post(`/api/assignments/${a.id}/offers`).set(bearer(users.anna)).send({})).status).toBe(409);
    expect((await t.http.get('/api/offers').set(bearer(users.bram))).body.map((o: { id: string }) => o.id)).toEqual([offer.id]);
    // The list names the shift and the nurses, in the region's local time.
    expect((await t.http.get('/api/offers').set(bearer(coordinator.token))).body).toEqual([
      expect.objectContaining({
        id: offer.id,
        function: slot.function,
        localDate: '2027-07-01',
        start: slot.start,
        end: slot.end,
        fromNurseName: 'Anna',
        toNurseName: 'Bram',
        takerNurseName: null,
      }),
    ]);
    expect((await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees))).status).toBe(404);
    const accepted = await w.post(`/api/offers/${offer.id}/accept`, {}, users.bram, 200);
    expect(accepted).toMatchObject({ status: 'accepted', takerNurseId: bram.id });
    const approved = await w.post(`/api/offers/${offer.id}/approve`, {}, coordinator.token, 200);
    expect(approved).toMatchObject({ status: 'approved', newAssignmentId: expect.any(String) });
    expect((await t.http.get(`/api/slots/${slot.id}`).set(bearer(ADMIN))).body.assignments).toEqual([expect.objectContaining({ nurseId: bram.id })]);
    const feedOf = async (token: string) => {
      const { body } = await t.http.get('/api/me/calendar').set(bearer(token));
      const cal = new ICAL.Component(ICAL.parse((await t.http.get(body.url)).text));
      return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
    };
    expect(await feedOf(users.anna)).toEqual([]);
    expect(await feedOf(users.bram)).toEqual([`${approved.newAssignmentId}@wijkwacht`]);
  });

  it('a swap is refused at approval when the taker would break a rule, and nothing changes', async () => {
    const { region, coordinator, anna, bram, users } = await team();
    const slot = await w.slotOn(region.code, '2027-07-10');
    const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
    // Bram already works the night before and after: three nights in a row then this one is fine,
    // but a night with only 16 h rest… use qualification instead: Bram loses district-nurse.
    await t.http
      .patch(`/api/nurses/${bram.id}`)
      .set(bearer(coordinator.token))
      .send({ qualifications: ['wound-care'] });
    const offer = await w.post(`/api/assignments/${a.id}/offers`, { toNurseId: bram.id }, users.anna);
    await w.post(`/api/offers/${offer.id}/accept`, {}, users.bram, 200);
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/offers/${offer.id}/approve`).set(bearer(coordinator.token));
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['qualification']);
    expect(await dbState(t.db)).toEqual(before);
    expect((await w.post(`/api/offers/${offer.id}/reject`, {}, coordinator.token, 200)).status).toBe('rejected');
  });

  it('an offer to anyone is accepted only by a nurse who breaks no rule; auto-approval hands it over at once', async () => {
    const { region, coordinator, anna, bram, cees, users } = await team();
    await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ autoApproveOffers: true }).expect(200);
    expect((await t.http.patch(`/api/regions/${region.code}`).set(bearer(coordinator.token)).send({ population: 1 })).status).toBe(403);
    const slot = await w.slotOn(region.code, '2027-07-20');
    const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
    const offer = await w.post(`/api/assignments/${a.id}/offers`, {}, users.anna);
    const refused = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(users.cees));
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['qualification']);
    const taken = await w.post(`/api/offers/${offer.id}/accept`, {}, users.bram, 200);
    expect(taken.status).toBe('approved');
    expect((await t.http.get(`/api/slots/${slot.id}`).set(bearer(ADMIN))).body.assignments[0].nurseId).toBe(bram.id);
    void cees;
  });

  it('withdraw closes an offer; an offer in a closed month is a 409', async () => {
    const { region, contract, anna, users } = await team();
    const a = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-08-05')).id}/assignments`, { nurseId: anna.id });
    const offer = await w.post(`/api/assignments/${a.id}/offers`, {}, users.anna);
    expect((await w.post(`/api/offers/${offer.id}/withdraw`, {}, users.anna, 200)).status).toBe('withdrawn');
    expect((await t.http.post(`/api/offers/${offer.id}/withdraw`).set(bearer(users.anna))).status).toBe(409);
    const [s] = await w.post('/api/fee-statements', { month: '2027-08', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-09-01T00:00:00+02:00'); // August has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${s.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const res = await t.http.post(`/api/assignments/${a.id}/offers`).set(bearer(users.anna)).send({});
    expect(res.status).toBe(409);
    expect(res.body.violations[0].rule).toBe('closed-month');
  });
});

describe('absences', () => {
  it('an absence cancels the assignments inside it, lists them, and blocks new ones with rule absence', async () => {
    const { region, coordinator, anna } = await team();
    const inside = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-09-03')).id}/assignments`, { nurseId: anna.id });
    const outside = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-09-10')).id}/assignments`, { nurseId: anna.id });
    const res = await t.http
      .post(`/api/nurses/${anna.id}/absences`)
      .set(bearer(coordinator.token))
      .send({ from: '2027-09-01', to: '2027-09-07', reason: 'sick' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nurseId: anna.id, from: '2027-09-01', to: '2027-09-07', reason: 'sick' });
    expect(res.body.cancelledAssignments.map((a: { id: string }) => a.id)).toEqual([inside.id]);
    const blocked = await t.http
      .post(`/api/slots/${(await w.slotOn(region.code, '2027-09-05')).id}/assignments`)
      .set(bearer(coordinator.token))
      .send({ nurseId: anna.id });
    expect(blocked.status).toBe(422);
    expect(blocked.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['absence']);
    const list = await t.http.get(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token));
    expect(list.body).toHaveLength(1);
    expect((await t.http.delete(`/api/absences/${res.body.id}`).set(bearer(coordinator.token))).status).toBe(204);
    expect((await t.http.get(`/api/slots/${(await w.slotOn(region.code, '2027-09-10')).id}`).set(bearer(ADMIN))).body.assignments[0].id).toBe(outside.id);
    const before = await dbState(t.db);
    expect(
      (await t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from: '2027-09-07', to: '2027-09-01', reason: 'leave' }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.http
          .post(`/api/nurses/${anna.id}/absences`)
          .set(bearer(coordinator.token))
          .send({ from: '2027-09-01', to: '2027-09-07', reason: 'flu with fever' })
      ).status,
    ).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('an absence touching a closed month is refused whole with 409', async () => {
    const { region, contract, coordinator, anna } = await team();
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-10-30')).id}/assignments`, { nurseId: anna.id });
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-11-02')).id}/assignments`, { nurseId: anna.id });
    const [s] = await w.post('/api/fee-statements', { month: '2027-10', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-11-01T00:00:00+01:00'); // October has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${s.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    const res = await t.http
      .post(`/api/nurses/${anna.id}/absences`)
      .set(bearer(coordinator.token))
      .send({ from: '2027-10-28', to: '2027-11-05', reason: 'leave' });
    expect(res.status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
  });
  it('an absence whose dates meet an existing one of the same nurse is refused with 409 absence-overlap, naming it, and writes nothing', async () => {
    const { region, coordinator, anna, bram } = await team();
    const existing = await w.post(`/api/nurses/${anna.id}/absences`, { from: '2027-08-10', to: '2027-08-14', reason: 'leave' });
    const assigned = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-08-20')).id}/assignments`, { nurseId: anna.id });
    const before = await dbState(t.db);
    // Inclusive dates: sharing only the first or the last day is an overlap, as is lying inside or around it.
    for (const [from, to] of [
      ['2027-08-14', '2027-08-20'],
      ['2027-08-01', '2027-08-10'],
      ['2027-08-11', '2027-08-12'],
      ['2027-08-01', '2027-08-31'],
    ]) {
      const res = await t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from, to, reason: 'sick' });
      expect(res.status).toBe(409);
      expect(res.body.violations).toEqual([
        { rule: 'absence-overlap', message: expect.any(String), conflictsWithAbsence: { id: existing.id, from: '2027-08-10', to: '2027-08-14' } },
      ]);
    }
    // Nothing written: no absence, and the assignment on 20 August was not cancelled.
    expect(await dbState(t.db)).toEqual(before);
    const slot = await t.http.get(`/api/slots/${assigned.slotId}`).set(bearer(ADMIN));
    expect(slot.body.assignments.map((a: { id: string }) => a.id)).toEqual([assigned.id]);
    // The days either side, and another nurse on the same days, are fine.
    expect(
      (await t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from: '2027-08-15', to: '2027-08-16', reason: 'leave' }))
        .status,
    ).toBe(201);
    expect(
      (await t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from: '2027-08-09', to: '2027-08-09', reason: 'leave' }))
        .status,
    ).toBe(201);
    expect(
      (await t.http.post(`/api/nurses/${bram.id}/absences`).set(bearer(coordinator.token)).send({ from: '2027-08-10', to: '2027-08-14', reason: 'leave' }))
        .status,
    ).toBe(201);
  });

  it('two overlapping absences sent at once: exactly one is stored', async () => {
    const { coordinator, anna } = await team();
    const send = (from: string, to: string) =>
      t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from, to, reason: 'leave' });
    const answers = await Promise.all([send('2027-10-01', '2027-10-05'), send('2027-10-03', '2027-10-08'), send('2027-10-05', '2027-10-05')]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const list = await t.http.get(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token));
    expect(list.body).toHaveLength(1);
  });

  it('after an absence is removed, the same dates can be given again', async () => {
    const { coordinator, anna } = await team();
    const first = await w.post(`/api/nurses/${anna.id}/absences`, { from: '2027-11-10', to: '2027-11-12', reason: 'training' });
    expect((await t.http.delete(`/api/absences/${first.id}`).set(bearer(coordinator.token))).status).toBe(204);
    expect(
      (await t.http.post(`/api/nurses/${anna.id}/absences`).set(bearer(coordinator.token)).send({ from: '2027-11-10', to: '2027-11-12', reason: 'training' }))
        .status,
    ).toBe(201);
  });
});

describe('public holidays', () => {
  it('GET /api/holidays lists the Dutch holidays of a year', async () => {
    const res = await t.http.get('/api/holidays').query({ year: 2025 }).set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ date: '2025-04-20', name: 'Eerste Paasdag' });
    expect(res.body).toContainEqual({ date: '2025-04-26', name: 'Koningsdag' });
    expect((await t.http.get('/api/holidays').set(bearer(ADMIN))).body[0].date).toBe('2026-01-01');
    expect((await t.http.get('/api/holidays').query({ year: 'soon' }).set(bearer(ADMIN))).status).toBe(400);
  });
});
