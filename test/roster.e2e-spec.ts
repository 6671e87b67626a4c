import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

describe('roster templates and slots', () => {
  it('a coordinator lays down nightly nights; the DST nights are 7 h and 9 h', async () => {
    const { region, contract } = await w.contracted();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const template = await w.template(contract.id, { exdates: ['2027-12-25'] }, coordinator.token);
    expect(template).toMatchObject({
      contractId: contract.id,
      name: 'Nacht',
      rrule: 'FREQ=DAILY',
      dutyType: 'shift',
      requiredNurses: 1,
      slotCount: 364,
      holidays: 'ignore',
    });
    const spring = await w.slotOn(region.code, '2027-03-27');
    expect(spring).toMatchObject({
      contractId: contract.id,
      templateId: template.id,
      regionCode: region.code,
      function: 'unplanned-night-care',
      localDate: '2027-03-27',
      start: '2027-03-27T23:00:00+01:00',
      end: '2027-03-28T07:00:00+02:00',
      durationMinutes: 420,
      dutyType: 'shift',
      isHoliday: false,
      requiredNurses: 1,
      requiredQualifications: ['district-nurse'],
      assignments: [],
      status: 'open',
    });
    const autumn = await w.slotOn(region.code, '2027-10-30');
    expect(autumn).toMatchObject({ start: '2027-10-30T23:00:00+02:00', end: '2027-10-31T07:00:00+01:00', durationMinutes: 540 });
    expect(await w.slots(region.code, '2027-12-25', '2027-12-25')).toEqual([]);
    const list = await t.http.get(`/api/contracts/${contract.id}/templates`).set(bearer(coordinator.token));
    expect(list.body).toEqual([expect.objectContaining({ id: template.id, slotCount: 364 })]);
  });

  it('slots are ordered by start, filtered by function, and a holiday is flagged', async () => {
    const { region, contract } = await w.contracted();
    await w.template(contract.id, { name: 'Dag', startTime: '08:00', endTime: '16:00' });
    await w.template(contract.id);
    const day = await w.slots(region.code, '2027-04-27', '2027-04-27');
    expect(day.map((s) => s.start)).toEqual(['2027-04-27T08:00:00+02:00', '2027-04-27T23:00:00+02:00']);
    expect(day.every((s) => s.isHoliday)).toBe(true);
    const other = await t.http
      .get('/api/slots')
      .query({ regionCode: region.code, from: '2027-04-27', to: '2027-04-27', function: 'acute-screening' })
      .set(bearer(ADMIN));
    expect(other.body).toEqual([]);
  });

  it('refuses bad templates with 400 naming the problem, and writes nothing', async () => {
    const { contract } = await w.contracted();
    const before = await dbState(t.db);
    const bad: Array<[object, RegExp]> = [
      [{ rrule: 'FREQ=HOURLY' }, /HOURLY/],
      [{ rrule: 'FREQ=DAILY;BYHOUR=23' }, /BYHOUR/],
      [{ rrule: 'this is not a rule' }, /rrule/],
      [{ startTime: '24:00' }, /startTime/],
      [{ endTime: '7:00' }, /endTime/],
      [{ requiredNurses: 0 }, /requiredNurses/],
      [{ dutyType: 'standby' }, /dutyType/],
      [{ exdates: ['2027-02-29'] }, /exdates/],
      [{ holidays: 'only' }, /omitted/],
      [{ rrule: undefined }, /required/],
      [{ colour: 'red' }, /colour/],
    ];
    for (const [over, message] of bad) {
      const res = await t.http
        .post(`/api/contracts/${contract.id}/templates`)
        .set(bearer(ADMIN))
        .send({ name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00', ...over });
      expect({ over, status: res.status }).toEqual({ over, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    expect(await dbState(t.db)).toEqual(before);
    expect(
      (await t.http.post('/api/contracts/missing/templates').set(bearer(ADMIN)).send({ name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' }))
        .status,
    ).toBe(404);
  });

  it('scope: an insurer may not plan (403); a coordinator of another region gets 404', async () => {
    const { region, contract } = await w.contracted();
    const other = await w.region();
    const stranger = await w.user('coordinator', { regionCodes: [other.code] });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const payload = { name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' };
    const before = await dbState(t.db);
    expect((await t.http.post(`/api/contracts/${contract.id}/templates`).set(bearer(insurer.token)).send(payload)).status).toBe(403);
    expect((await t.http.post(`/api/contracts/${contract.id}/templates`).set(bearer(stranger.token)).send(payload)).status).toBe(404);
    expect((await t.http.get('/api/slots').query({ regionCode: region.code, from: '2027-01-01', to: '2027-01-31' }).set(bearer(stranger.token))).status).toBe(
      403,
    );
    expect(await dbState(t.db)).toEqual(before);
  });

  it('GET /api/slots needs regionCode, from and to, at most 366 days, real dates', async () => {
    const { region } = await w.contracted();
    const q = (query: object) => t.http.get('/api/slots').query(query).set(bearer(ADMIN));
    expect((await q({ regionCode: region.code, from: '2027-01-01' })).status).toBe(400);
    expect((await q({ from: '2027-01-01', to: '2027-01-02' })).status).toBe(400);
    expect((await q({ regionCode: region.code, from: '2027-01-01', to: '2028-01-02' })).status).toBe(400);
    expect((await q({ regionCode: region.code, from: '2027-01-01', to: '2028-01-01' })).status).toBe(200);
    expect((await q({ regionCode: region.code, from: '2027-02-10', to: '2027-02-01' })).status).toBe(400);
    expect((await q({ regionCode: region.code, from: '2027-02-30', to: '2027-03-01' })).status).toBe(400);
    expect((await q({ regionCode: 'NOPE', from: '2027-01-01', to: '2027-01-02' })).status).toBe(404);
    expect((await t.http.get('/api/slots/missing').set(bearer(ADMIN))).status).toBe(404);
  });

  it('an open-ended contract gets slots at least 400 days past today', async () => {
    const { region, contract } = await w.contracted({ contract: { validFrom: '2026-12-01', validTo: undefined } });
    t.setNow('2026-11-23T09:00:00Z');
    await w.template(contract.id, { startTime: '09:00', endTime: '17:00' });
    // 2026-11-23 + 400 days = 2027-12-28; slots reach at least that far (two days of margin for a missed job).
    const late = await w.slots(region.code, '2027-12-26', '2028-01-05');
    expect(late.map((s) => s.localDate)).toEqual(['2027-12-26', '2027-12-27', '2027-12-28', '2027-12-29', '2027-12-30']);
  });

  it('a template is all or nothing: a closed month refuses the whole template with 409', async () => {
    const { contract } = await w.contracted();
    const [statement] = await w.post('/api/fee-statements', { month: '2027-03', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-04-01T00:00:00+02:00'); // March has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    const res = await t.http
      .post(`/api/contracts/${contract.id}/templates`)
      .set(bearer(ADMIN))
      .send({ name: 'x', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' });
    expect(res.status).toBe(409);
    expect(res.body.violations[0].rule).toBe('closed-month');
    expect(await dbState(t.db)).toEqual(before);
  });

  it('deleting a template removes its future slots; assigned ones need ?force=true, which cancels and lists them', async () => {
    const { region, provider, contract } = await w.contracted();
    t.setNow('2027-03-01T12:00:00Z');
    try {
      const template = await w.template(contract.id);
      const nurse = await w.nurse(provider.agb);
      const past = await w.slotOn(region.code, '2027-02-10');
      const future = await w.slotOn(region.code, '2027-04-10');
      await w.post(`/api/slots/${past.id}/assignments`, { nurseId: nurse.id });
      const a = await w.post(`/api/slots/${future.id}/assignments`, { nurseId: nurse.id });
      const before = await dbState(t.db);
      const refused = await t.http.delete(`/api/templates/${template.id}`).set(bearer(ADMIN));
      expect(refused.status).toBe(409);
      expect(await dbState(t.db)).toEqual(before);
      const forced = await t.http.delete(`/api/templates/${template.id}`).query({ force: 'true' }).set(bearer(ADMIN));
      expect(forced.status).toBe(200);
      expect(forced.body.cancelledAssignments).toEqual([expect.objectContaining({ id: a.id, slotId: future.id })]);
      expect(forced.body.removedSlotCount).toBe(306);
      expect(await w.slots(region.code, '2027-03-02', '2027-12-31')).toEqual([]);
      expect((await w.slots(region.code, '2027-02-10', '2027-02-10'))[0].status).toBe('covered');
      expect((await t.http.delete(`/api/templates/${template.id}`).set(bearer(ADMIN))).status).toBe(404);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });
});
