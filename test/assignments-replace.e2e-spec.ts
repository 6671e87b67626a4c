import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

async function rostered(template: Record<string, unknown> = {}) {
  const world = await w.contracted();
  await w.template(world.contract.id, template);
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  return { ...world, coordinator };
}

/** A one-nurse slot on the date, filled by a fresh nurse. */
async function filled(date: string) {
  const world = await rostered();
  const held = await w.nurse(world.provider.agb, { name: 'Anna de Vries' });
  const slot = await w.slotOn(world.region.code, date);
  const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: held.id });
  return { ...world, held, slot, assignment };
}

const replace = (assignmentId: string, body: unknown, token = ADMIN) =>
  t.http
    .post(`/api/assignments/${assignmentId}/replace`)
    .set(bearer(token))
    .send(body as object);

const rules = (body: { violations: Array<{ rule: string }> }) => body.violations.map((v) => v.rule);

describe('replacing the nurse of an assignment', () => {
  it('a coordinator replaces the nurse of a full slot in one step: 201 with the new assignment and the cancelled one', async () => {
    const { region, coordinator, provider, held, slot, assignment } = await filled('2027-03-27');
    const bram = await w.nurse(provider.agb, { name: 'Bram Jansen', phone: '+31 6 1234 5678' });
    const res = await replace(assignment.id, { nurseId: bram.id }, coordinator.token);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      assignment: {
        id: expect.any(String),
        slotId: slot.id,
        nurseId: bram.id,
        contractId: slot.contractId,
        regionCode: region.code,
        function: 'unplanned-night-care',
        localDate: '2027-03-27',
        start: '2027-03-27T23:00:00+01:00',
        end: '2027-03-28T07:00:00+02:00',
        durationMinutes: 420,
        dutyType: 'shift',
      },
      replaced: { id: assignment.id, nurseId: held.id, status: 'cancelled' },
      warnings: [],
    });
    expect(res.body.assignment.id).not.toBe(assignment.id);
    const after = await t.http.get(`/api/slots/${slot.id}`).set(bearer(coordinator.token));
    expect(after.body).toMatchObject({ status: 'covered', assignments: [{ id: res.body.assignment.id, nurseId: bram.id, nurseName: 'Bram Jansen' }] });
    expect(await t.sql('SELECT status FROM assignments WHERE id = ?', [assignment.id])).toEqual([{ status: 'cancelled' }]);
    expect(await t.sql('SELECT assigned_count FROM slots WHERE id = ?', [slot.id])).toEqual([{ assigned_count: 1 }]);

    // The same events as unassigning and assigning.
    const events = async (entityId: string) =>
      (await t.http.get('/api/audit-events').query({ entityType: 'assignment', entityId }).set(bearer(ADMIN))).body.map(
        (e: { action: string; summary: string }) => [e.action, e.summary],
      );
    expect((await events(assignment.id)).sort()).toEqual([
      ['cancel', `replaced by nurse ${bram.id}: nurse ${held.id} off slot ${slot.id}`],
      ['create', expect.any(String)],
    ]);
    expect(await events(res.body.assignment.id)).toEqual([
      ['create', expect.stringContaining(`replaces assignment ${assignment.id}: nurse ${bram.id} on slot ${slot.id}`)],
    ]);

    // Who is on call follows.
    const onCall = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-03-28T03:30:00+02:00' })
      .set(bearer(coordinator.token));
    expect(onCall.status).toBe(200);
    expect(onCall.body.slots).toEqual([expect.objectContaining({ id: slot.id, nurses: [{ id: bram.id, name: 'Bram Jansen', phone: '+31 6 1234 5678' }] })]);

    // The replaced nurse's shifts no longer list the slot; the new nurse's do.
    const shifts = async (nurseId: string) =>
      (await t.http.get(`/api/nurses/${nurseId}/shifts`).query({ from: '2027-03-27', to: '2027-03-27' }).set(bearer(coordinator.token))).body;
    expect(await shifts(held.id)).toEqual([]);
    expect(await shifts(bram.id)).toEqual([res.body.assignment]);
  });

  it('an open offer on the replaced assignment becomes cancelled', async () => {
    const { provider, coordinator, assignment } = await filled('2027-04-02');
    const bram = await w.nurse(provider.agb);
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, {}, coordinator.token);
    expect(offer.status).toBe('open');
    expect((await replace(assignment.id, { nurseId: bram.id }, coordinator.token)).status).toBe(201);
    const offers = (await t.http.get('/api/offers').set(bearer(coordinator.token))).body;
    expect(offers.find((o: { id: string }) => o.id === offer.id)).toMatchObject({ status: 'cancelled' });
  });

  it('a slot of two: the other nurse stays, and a nurse already on the slot is a 409', async () => {
    const world = await rostered({ requiredNurses: 2 });
    const [anna, bram, cees] = [await w.nurse(world.provider.agb), await w.nurse(world.provider.agb), await w.nurse(world.provider.agb)];
    const slot = await w.slotOn(world.region.code, '2027-04-05');
    const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
    const b = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: bram.id });
    const before = await dbState(t.db);
    for (const nurseId of [bram.id, anna.id]) {
      const res = await replace(a.id, { nurseId }, world.coordinator.token);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('already on slot');
    }
    expect(await dbState(t.db)).toEqual(before);
    const res = await replace(a.id, { nurseId: cees.id }, world.coordinator.token);
    expect(res.status).toBe(201);
    const after = await t.http.get(`/api/slots/${slot.id}`).set(bearer(ADMIN));
    expect(after.body.assignments.map((x: { id: string }) => x.id).sort()).toEqual([b.id, res.body.assignment.id].sort());
    expect(after.body.status).toBe('covered');
  });

  it('a new nurse who breaks rules is a 422 with every violation, as assigning answers; nothing is written', async () => {
    const { region, provider, assignment } = await filled('2027-05-10');
    const stranger = await w.provider();
    const outsider = await w.nurse(stranger.agb, { qualifications: ['wound-care'] });
    const before = await dbState(t.db);
    const res = await replace(assignment.id, { nurseId: outsider.id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(rules(res.body)).toEqual(['employer', 'qualification']);
    expect(await dbState(t.db)).toEqual(before);

    // The same verdict as assigning the outsider to a free slot of the same kind.
    const free = await w.slotOn(region.code, '2027-05-11');
    const assigned = await t.http.post(`/api/slots/${free.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: outsider.id });
    expect(assigned.status).toBe(422);
    expect(assigned.body.violations).toEqual(res.body.violations);
    expect(provider.agb).not.toBe(stranger.agb);
  });

  it('a rest rule broken by the new nurse names the duty it conflicts with', async () => {
    const { region, provider, coordinator, assignment } = await filled('2027-06-09');
    const day = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(day.id, { startTime: '11:00', endTime: '19:00' });
    const bram = await w.nurse(provider.agb);
    const daySlot = (await w.slots(region.code, '2027-06-09', '2027-06-09')).find((s) => s.function === 'acute-screening')!;
    const held = await w.post(`/api/slots/${daySlot.id}/assignments`, { nurseId: bram.id });
    const before = await dbState(t.db);
    const res = await replace(assignment.id, { nurseId: bram.id }, coordinator.token);
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([
      {
        rule: 'daily-rest',
        message: expect.any(String),
        conflictsWith: expect.objectContaining({ assignmentId: held.id, slotId: daySlot.id, function: 'acute-screening', start: '2027-06-09T11:00:00+02:00' }),
      },
    ]);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a new nurse with an overlapping duty is a 409 overlap naming it; nothing is written', async () => {
    const { region, provider, coordinator, assignment } = await filled('2027-05-03');
    const other = await w.region();
    const consortium = await w.post('/api/consortia', { name: 'Team', leadAgb: provider.agb, memberAgbs: [] });
    const second = await w.post('/api/contracts', {
      regionCode: other.code,
      insurerUzovi: other.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'consortium', consortiumId: consortium.id },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(second.id, { startTime: '22:00', endTime: '06:00', requiredQualifications: [] });
    const bram = await w.nurse(provider.agb);
    const clash = await w.slotOn(other.code, '2027-05-03');
    const held = await w.post(`/api/slots/${clash.id}/assignments`, { nurseId: bram.id });
    const before = await dbState(t.db);
    const res = await replace(assignment.id, { nurseId: bram.id });
    expect(res.status).toBe(409);
    expect(res.body.violations).toEqual([
      { rule: 'overlap', message: expect.any(String), conflictsWith: expect.objectContaining({ assignmentId: held.id, regionCode: other.code }) },
    ]);
    // A coordinator of this region only: the same refusal, without the duty it cannot see.
    const hidden = await replace(assignment.id, { nurseId: bram.id }, coordinator.token);
    expect(hidden.status).toBe(409);
    expect(hidden.body.violations).toEqual([{ rule: 'overlap', message: expect.any(String) }]);
    expect(await dbState(t.db)).toEqual(before);
    expect(region.code).not.toBe(other.code);
  });

  it('a closed month is a 409 closed-month; nothing is written', async () => {
    const { provider, contract, assignment } = await filled('2027-08-10');
    const bram = await w.nurse(provider.agb);
    const [statement] = await w.post('/api/fee-statements', { month: '2027-08', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-09-01T00:00:00+02:00'); // August has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    const res = await replace(assignment.id, { nurseId: bram.id });
    expect(res.status).toBe(409);
    expect(rules(res.body)).toEqual(['closed-month']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('an assignment already cancelled (unassigned or replaced) is a 409; nothing is written', async () => {
    const { provider, coordinator, assignment, slot } = await filled('2027-05-20');
    const [bram, cees] = [await w.nurse(provider.agb), await w.nurse(provider.agb)];
    expect((await replace(assignment.id, { nurseId: bram.id }, coordinator.token)).status).toBe(201);
    const before = await dbState(t.db);
    const again = await replace(assignment.id, { nurseId: cees.id }, coordinator.token);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('cancelled');
    expect(await dbState(t.db)).toEqual(before);

    const dan = await w.nurse(provider.agb);
    const other = await w.slotOn((await t.http.get(`/api/slots/${slot.id}`).set(bearer(ADMIN))).body.regionCode, '2027-05-22');
    const a = await w.post(`/api/slots/${other.id}/assignments`, { nurseId: dan.id });
    expect((await t.http.delete(`/api/assignments/${a.id}`).set(bearer(coordinator.token))).status).toBe(204);
    expect((await replace(a.id, { nurseId: cees.id }, coordinator.token)).status).toBe(409);
  });

  it('unknown or out-of-scope assignments and nurses are 404; other roles 403; a malformed body 400; nothing is written', async () => {
    const { region, provider, coordinator, held, assignment } = await filled('2027-05-25');
    const bram = await w.nurse(provider.agb);
    const stranger = await w.provider();
    const outsider = await w.nurse(stranger.agb);
    const otherCoordinator = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const nurseUser = await w.user('nurse', { nurseId: held.id });
    const before = await dbState(t.db);

    expect((await replace('missing', { nurseId: bram.id })).status).toBe(404);
    expect((await replace(assignment.id, { nurseId: 'nobody' })).status).toBe(404);
    expect((await replace(assignment.id, { nurseId: 'nobody' }, coordinator.token)).status).toBe(404);
    // A coordinator of another region does not see the assignment.
    expect((await replace(assignment.id, { nurseId: bram.id }, otherCoordinator.token)).status).toBe(404);
    // A nurse outside the coordinator's scope is answered as unknown: its employer must not leak.
    const hiddenNurse = await replace(assignment.id, { nurseId: outsider.id }, coordinator.token);
    expect(hiddenNurse.status).toBe(404);
    expect(hiddenNurse.body.violations).toBeUndefined();

    expect((await replace(assignment.id, { nurseId: bram.id }, insurer.token)).status).toBe(403);
    expect((await replace(assignment.id, { nurseId: bram.id }, nurseUser.token)).status).toBe(403);
    expect((await t.http.post(`/api/assignments/${assignment.id}/replace`).send({ nurseId: bram.id })).status).toBe(401);

    for (const body of [{}, { nurseId: 42 }, { nurseId: '' }, { nurseId: bram.id, slotId: 'x' }, { nurseId: 'x'.repeat(65) }]) {
      const res = await replace(assignment.id, body, coordinator.token);
      expect(res.status).toBe(400);
    }
    const text = await t.http.post(`/api/assignments/${assignment.id}/replace`).set(bearer(ADMIN)).set('Content-Type', 'application/json').send('{"nurseId":');
    expect(text.status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('candidates with ?replacing= are judged as replacing judges them: no slot-full, every other rule as replace answers it', async () => {
    const { provider, coordinator, slot, assignment } = await filled('2027-06-15');
    const bram = await w.nurse(provider.agb, { name: 'Bram Jansen' });
    const cees = await w.nurse(provider.agb, { name: 'Cees Bakker', qualifications: ['wound-care'] });
    const plain = (await t.http.get(`/api/slots/${slot.id}/candidates`).set(bearer(coordinator.token))).body;
    // A full slot: an assignment would answer slot-full for everyone, which hides the other rules.
    expect(plain.every((c: { violations: Array<{ rule: string }> }) => c.violations.map((v) => v.rule).join() === 'slot-full')).toBe(true);
    const res = await t.http.get(`/api/slots/${slot.id}/candidates`).query({ replacing: assignment.id }).set(bearer(coordinator.token));
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.map((c: { name: string }) => [c.name, c]));
    expect(byName['Bram Jansen'].violations).toEqual([]);
    expect(byName['Cees Bakker'].violations.map((v: { rule: string }) => v.rule)).toEqual(['qualification']);
    const before = await dbState(t.db);
    const refused = await replace(assignment.id, { nurseId: cees.id }, coordinator.token);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual(byName['Cees Bakker'].violations);
    expect(await dbState(t.db)).toEqual(before);
    expect((await replace(assignment.id, { nurseId: bram.id }, coordinator.token)).status).toBe(201);

    // The replaced (now cancelled) assignment, or one of another slot, is no place to replace: 404; an empty value 400.
    for (const replacing of [assignment.id, 'missing']) {
      expect((await t.http.get(`/api/slots/${slot.id}/candidates`).query({ replacing }).set(bearer(coordinator.token))).status).toBe(404);
    }
    expect((await t.http.get(`/api/slots/${slot.id}/candidates`).query({ replacing: '' }).set(bearer(coordinator.token))).status).toBe(400);
    // A misspelt parameter is refused rather than ignored (the plain list would hide the rules).
    expect((await t.http.get(`/api/slots/${slot.id}/candidates`).query({ replace: 'x' }).set(bearer(coordinator.token))).status).toBe(400);
  });

  it('race: three replacements of one assignment at once — exactly one wins', async () => {
    const { provider, coordinator, assignment, slot } = await filled('2027-05-28');
    const nurses = [await w.nurse(provider.agb), await w.nurse(provider.agb), await w.nurse(provider.agb)];
    const answers = await Promise.all(nurses.map((n) => replace(assignment.id, { nurseId: n.id }, coordinator.token)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const active = await t.sql("SELECT nurse_id FROM assignments WHERE slot_id = ? AND status = 'active'", [slot.id]);
    expect(active).toHaveLength(1);
    expect(await t.sql('SELECT assigned_count FROM slots WHERE id = ?', [slot.id])).toEqual([{ assigned_count: 1 }]);
  });
});
