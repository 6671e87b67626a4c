import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

async function rostered() {
  const world = await w.contracted();
  await w.template(world.contract.id);
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  return { ...world, coordinator };
}

describe('assignments', () => {
  it('a coordinator puts a nurse on a slot; the slot turns covered and names the nurse', async () => {
    const { region, provider, coordinator } = await rostered();
    const nurse = await w.nurse(provider.agb, { name: 'Bram Jansen' });
    const slot = await w.slotOn(region.code, '2027-03-27');
    const created = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id }, coordinator.token);
    expect(created).toMatchObject({
      id: expect.any(String),
      slotId: slot.id,
      nurseId: nurse.id,
      start: '2027-03-27T23:00:00+01:00',
      end: '2027-03-28T07:00:00+02:00',
      durationMinutes: 420,
    });
    const after = await t.http.get(`/api/slots/${slot.id}`).set(bearer(coordinator.token));
    expect(after.body).toMatchObject({ status: 'covered', assignments: [{ id: created.id, nurseId: nurse.id, nurseName: 'Bram Jansen' }] });
  });

  it('a full slot is a 409 slot-full with violations, and nothing is written', async () => {
    const { region, provider } = await rostered();
    const [a, b] = [await w.nurse(provider.agb), await w.nurse(provider.agb)];
    const slot = await w.slotOn(region.code, '2027-04-01');
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: a.id });
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: b.id });
    expect(res.status).toBe(409);
    expect(res.body.violations).toEqual([expect.objectContaining({ rule: 'slot-full' })]);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a nurse cannot hold two overlapping assignments, even in different regions (409 overlap)', async () => {
    const { region, provider } = await rostered();
    const consortiumRegion = await w.region();
    const consortium = await w.post('/api/consortia', { name: 'Team', leadAgb: provider.agb, memberAgbs: [] });
    const { contract: second } = {
      contract: await w.post('/api/contracts', {
        regionCode: consortiumRegion.code,
        insurerUzovi: consortiumRegion.preferredInsurerUzovi,
        function: 'acute-screening',
        responsibleParty: { type: 'consortium', consortiumId: consortium.id },
        validFrom: '2027-01-01',
        validTo: '2027-12-31',
      }),
    };
    await w.template(second.id, { startTime: '22:00', endTime: '06:00', requiredQualifications: [] });
    const nurse = await w.nurse(provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-05-01')).id}/assignments`, { nurseId: nurse.id });
    const clash = await w.slotOn(consortiumRegion.code, '2027-05-01');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${clash.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id });
    expect(res.status).toBe(409);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['overlap']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a violation caused by another duty names it in conflictsWith, only for callers who may see that duty', async () => {
    const { region, provider } = await rostered();
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
    const nurse = await w.nurse(provider.agb);
    const night = await w.slotOn(region.code, '2027-05-03');
    const held = await w.post(`/api/slots/${night.id}/assignments`, { nurseId: nurse.id });
    const clash = await w.slotOn(other.code, '2027-05-03');
    const here = await w.user('coordinator', { regionCodes: [other.code] });
    const both = await w.user('coordinator', { regionCodes: [region.code, other.code] });
    const before = await dbState(t.db);
    const expected = {
      rule: 'overlap',
      message: expect.any(String),
      conflictsWith: {
        assignmentId: held.id,
        slotId: night.id,
        regionCode: region.code,
        function: 'unplanned-night-care',
        dutyType: 'shift',
        start: '2027-05-03T23:00:00+02:00',
        end: '2027-05-04T07:00:00+02:00',
      },
    };
    for (const token of [ADMIN, both.token]) {
      const res = await t.http.post(`/api/slots/${clash.id}/assignments`).set(bearer(token)).send({ nurseId: nurse.id });
      expect(res.status).toBe(409);
      expect(res.body.violations).toEqual([expected]);
      const listed = await t.http.get(`/api/slots/${clash.id}/candidates`).set(bearer(token));
      expect(listed.body.find((c: { nurseId: string }) => c.nurseId === nurse.id).violations).toEqual([expected]);
    }
    // A coordinator of the other region only: the same refusal, without the duty it cannot see.
    const hidden = await t.http.post(`/api/slots/${clash.id}/assignments`).set(bearer(here.token)).send({ nurseId: nurse.id });
    expect(hidden.status).toBe(409);
    expect(hidden.body.violations).toEqual([{ rule: 'overlap', message: expect.any(String) }]);
    const listed = await t.http.get(`/api/slots/${clash.id}/candidates`).set(bearer(here.token));
    expect(listed.body.find((c: { nurseId: string }) => c.nurseId === nurse.id).violations).toEqual([{ rule: 'overlap', message: expect.any(String) }]);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a rest rule names the duty it is short of rest from', async () => {
    const { region, provider, coordinator } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const evening = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(evening.id, { startTime: '11:00', endTime: '19:00' });
    const day = (await w.slots(region.code, '2027-06-09', '2027-06-09')).find((s) => s.function === 'acute-screening')!;
    const held = await w.post(`/api/slots/${day.id}/assignments`, { nurseId: nurse.id });
    const night = (await w.slots(region.code, '2027-06-09', '2027-06-09')).find((s) => s.function === 'unplanned-night-care')!;
    const res = await t.http.post(`/api/slots/${night.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: nurse.id });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([
      {
        rule: 'daily-rest',
        message: expect.any(String),
        conflictsWith: expect.objectContaining({ assignmentId: held.id, slotId: day.id, function: 'acute-screening', start: '2027-06-09T11:00:00+02:00' }),
      },
    ]);
  });

  it('a duty named in conflictsWith says whether it is a shift or an on-call block (dutyType)', async () => {
    const { region, provider, coordinator } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const reachable = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'care-coordination',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    // An on-call block ending at 20:00, three hours before the night: on-call-near-night names the block.
    await w.template(reachable.id, { startTime: '08:00', endTime: '20:00', dutyType: 'on-call' });
    const block = (await w.slots(region.code, '2027-06-16', '2027-06-16')).find((s) => s.function === 'care-coordination')!;
    const held = await w.post(`/api/slots/${block.id}/assignments`, { nurseId: nurse.id });
    const night = (await w.slots(region.code, '2027-06-16', '2027-06-16')).find((s) => s.function === 'unplanned-night-care')!;
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${night.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: nurse.id });
    expect(res.status).toBe(422);
    const named = res.body.violations.filter((v: { conflictsWith?: unknown }) => v.conflictsWith);
    expect(named.length).toBeGreaterThan(0);
    expect(res.body.violations).toContainEqual({
      rule: 'on-call-near-night',
      message: expect.any(String),
      conflictsWith: {
        assignmentId: held.id,
        slotId: block.id,
        regionCode: region.code,
        function: 'care-coordination',
        dutyType: 'on-call',
        start: '2027-06-16T08:00:00+02:00',
        end: '2027-06-16T20:00:00+02:00',
      },
    });
    for (const v of named) expect(v.conflictsWith.dutyType).toBe('on-call');
    expect(await dbState(t.db)).toEqual(before);
  });

  it('422 lists every broken rule at once: employer, qualification and working time', async () => {
    const { region, provider } = await rostered();
    const stranger = await w.provider();
    const outsider = await w.nurse(stranger.agb, { qualifications: ['wound-care'] });
    const slot = await w.slotOn(region.code, '2027-05-10');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: outsider.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['employer', 'qualification']);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(await dbState(t.db)).toEqual(before);

    // Three nights in a row, then a day shift 34 h later in another contract of the same nurse.
    const nurse = await w.nurse(provider.agb);
    for (const d of ['2027-06-01', '2027-06-02', '2027-06-03'])
      await w.post(`/api/slots/${(await w.slotOn(region.code, d)).id}/assignments`, { nurseId: nurse.id });
    const tooSoon = await w.slotOn(region.code, '2027-06-05');
    const refused = await t.http.post(`/api/slots/${tooSoon.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id });
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['rest-after-night-series']);
  });

  it('an unknown nurse is a 422 unknown-reference; a malformed body a 400', async () => {
    const { region } = await rostered();
    const slot = await w.slotOn(region.code, '2027-05-11');
    const res = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: 'nobody' });
    expect(res.status).toBe(422);
    expect(res.body.violations[0].rule).toBe('unknown-reference');
    expect((await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: 42 })).status).toBe(400);
    expect((await t.http.post(`/api/slots/missing/assignments`).set(bearer(ADMIN)).send({ nurseId: 'x' })).status).toBe(404);
  });

  it('scope: an insurer is 403, a coordinator of another region 404', async () => {
    const { region, provider } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const slot = await w.slotOn(region.code, '2027-05-12');
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const stranger = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
    expect((await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(insurer.token)).send({ nurseId: nurse.id })).status).toBe(403);
    expect((await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(stranger.token)).send({ nurseId: nurse.id })).status).toBe(404);
  });

  it('unassigning frees the slot (204) and a second delete is 404', async () => {
    const { region, provider, coordinator } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const slot = await w.slotOn(region.code, '2027-05-13');
    const a = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id }, coordinator.token);
    expect((await t.http.delete(`/api/assignments/${a.id}`).set(bearer(coordinator.token))).status).toBe(204);
    expect((await t.http.get(`/api/slots/${slot.id}`).set(bearer(ADMIN))).body).toMatchObject({ status: 'open', assignments: [] });
    expect((await t.http.delete(`/api/assignments/${a.id}`).set(bearer(coordinator.token))).status).toBe(404);
  });

  it('a closed month refuses assigning and unassigning with 409 closed-month', async () => {
    const { region, provider, contract } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const a = await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-08-10')).id}/assignments`, { nurseId: nurse.id });
    const [statement] = await w.post('/api/fee-statements', { month: '2027-08', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-09-01T00:00:00+02:00'); // August has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    const assign = await t.http
      .post(`/api/slots/${(await w.slotOn(region.code, '2027-08-20')).id}/assignments`)
      .set(bearer(ADMIN))
      .send({ nurseId: nurse.id });
    expect(assign.status).toBe(409);
    expect(assign.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['closed-month']);
    const unassign = await t.http.delete(`/api/assignments/${a.id}`).set(bearer(ADMIN));
    expect(unassign.status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('race: ten nurses fired at a one-nurse slot at once — exactly one wins', async () => {
    const { region, provider } = await rostered();
    const nurses = [];
    for (let i = 0; i < 10; i++) nurses.push(await w.nurse(provider.agb));
    const slot = await w.slotOn(region.code, '2027-09-01');
    const results = await Promise.all(nurses.map((n) => t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: n.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const rows = await t.sql("SELECT COUNT(*) AS n FROM assignments WHERE slot_id = ? AND status = 'active'", [slot.id]);
    expect(rows[0].n).toBe(1);
  });

  it('race: one nurse fired at two overlapping slots at once — exactly one wins', async () => {
    const { region, provider } = await rostered();
    const second = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(second.id, { startTime: '22:00', endTime: '06:00' });
    const nurse = await w.nurse(provider.agb);
    const slots = await w.slots(region.code, '2027-09-02', '2027-09-02');
    expect(slots).toHaveLength(2);
    const results = await Promise.all(slots.map((s) => t.http.post(`/api/slots/${s.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('shifts: a nurse reads its own, a coordinator those in its regions', async () => {
    const { region, provider, coordinator } = await rostered();
    const nurse = await w.nurse(provider.agb);
    const other = await w.nurse(provider.agb);
    const user = await w.user('nurse', { nurseId: nurse.id });
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-10-30')).id}/assignments`, { nurseId: nurse.id });
    const mine = await t.http.get('/api/me/shifts').query({ from: '2027-10-01', to: '2027-10-31' }).set(bearer(user.token));
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        regionCode: region.code,
        function: 'unplanned-night-care',
        start: '2027-10-30T23:00:00+02:00',
        end: '2027-10-31T07:00:00+01:00',
        durationMinutes: 540,
      }),
    ]);
    expect(
      (await t.http.get(`/api/nurses/${nurse.id}/shifts`).query({ from: '2027-10-01', to: '2027-10-31' }).set(bearer(coordinator.token))).body,
    ).toHaveLength(1);
    expect((await t.http.get(`/api/nurses/${other.id}/shifts`).query({ from: '2027-10-01', to: '2027-10-31' }).set(bearer(user.token))).status).toBe(404);
    expect((await t.http.get('/api/me/shifts').query({ from: '2027-01-01', to: '2028-01-02' }).set(bearer(user.token))).status).toBe(400);
    expect((await t.http.get('/api/me/shifts').query({ from: '2027-01-01' }).set(bearer(user.token))).status).toBe(400);
    expect((await t.http.get('/api/me/shifts').query({ from: '2027-10-01', to: '2027-10-31' }).set(bearer(coordinator.token))).status).toBe(403);
  });
});
