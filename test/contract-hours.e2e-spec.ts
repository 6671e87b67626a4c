import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Contract hours by hand (api.md "Roster plans and wishes", "Contract hours"): an assignment by
 * hand beyond the nurse's contract hours in its calendar week is made, and its answer carries a
 * `contract-hours` warning; it is never a refusal.
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

/** A region with day shifts 07:00–15:00 (acute screening), nights 23:00–07:00 and 24 h on-call blocks, all of one provider. */
async function region() {
  const day = await w.contracted({ contract: { function: 'acute-screening' } });
  await w.template(day.contract.id, { name: 'Dag', startTime: '07:00', endTime: '15:00' });
  const contract = (fn: string) =>
    w.post('/api/contracts', {
      regionCode: day.region.code,
      insurerUzovi: day.region.preferredInsurerUzovi,
      function: fn,
      responsibleParty: { type: 'provider', agb: day.provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
  await w.template((await contract('unplanned-night-care')).id, { name: 'Nacht' });
  await w.template((await contract('specialist-nursing')).id, { name: 'Bereikbaar', startTime: '09:00', endTime: '09:00', dutyType: 'on-call' });
  const coordinator = await w.user('coordinator', { regionCodes: [day.region.code] });
  return { ...day, coordinator };
}

async function slotOf(regionCode: string, date: string, fn: string) {
  const found = (await w.slots(regionCode, date, date)).find((s) => s.function === fn);
  if (!found) throw new Error(`no ${fn} slot on ${date}`);
  return found;
}

const days = (...dates: string[]) => dates;

describe('an assignment by hand beyond the contract hours of its week', () => {
  it('is made, with a contract-hours warning naming the week, her shifts and her contract; within them the warnings are empty', async () => {
    const { region: r, provider, coordinator } = await region();
    const nurse = await w.nurse(provider.agb, { name: 'Hanna de Boer', contractMinutesPerWeek: 1920 });
    for (const date of days('2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04')) {
      const made = await w.post(`/api/slots/${(await slotOf(r.code, date, 'acute-screening')).id}/assignments`, { nurseId: nurse.id }, coordinator.token);
      expect(made.warnings).toEqual([]);
    }
    const friday = await slotOf(r.code, '2027-03-05', 'acute-screening');
    const res = await t.http.post(`/api/slots/${friday.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: nurse.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ slotId: friday.id, nurseId: nurse.id });
    expect(res.body.warnings).toEqual([
      {
        rule: 'contract-hours',
        message: 'in the week of 2027-03-01 to 2027-03-07 her shifts come to 40 h, 8 h beyond her contract of 32 h a week',
        weekFrom: '2027-03-01',
        weekTo: '2027-03-07',
        shiftMinutes: 2400,
        contractMinutesPerWeek: 1920,
      },
    ]);
    // Made all the same: the slot is covered by her.
    expect((await t.http.get(`/api/slots/${friday.id}`).set(bearer(coordinator.token))).body).toMatchObject({
      status: 'covered',
      assignments: [{ nurseId: nurse.id }],
    });
    // An on-call block is not working time: the Saturday block brings no warning.
    const block = await w.post(
      `/api/slots/${(await slotOf(r.code, '2027-03-06', 'specialist-nursing')).id}/assignments`,
      { nurseId: nurse.id },
      coordinator.token,
    );
    expect(block.warnings).toEqual([]);
    // The next week starts afresh on Monday.
    const monday = await w.post(
      `/api/slots/${(await slotOf(r.code, '2027-03-08', 'acute-screening')).id}/assignments`,
      { nurseId: nurse.id },
      coordinator.token,
    );
    expect(monday.warnings).toEqual([]);
  });

  it('a nurse without contract hours counts as 36 h a week; with 0 every shift is beyond', async () => {
    const { region: r, provider } = await region();
    const unset = await w.nurse(provider.agb);
    const none = await w.nurse(provider.agb, { contractMinutesPerWeek: 0 });
    for (const date of days('2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08')) {
      expect((await w.post(`/api/slots/${(await slotOf(r.code, date, 'acute-screening')).id}/assignments`, { nurseId: unset.id })).warnings).toEqual([]);
    }
    const fifth = await w.post(`/api/slots/${(await slotOf(r.code, '2027-04-09', 'acute-screening')).id}/assignments`, { nurseId: unset.id });
    expect(fifth.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', shiftMinutes: 2400, contractMinutesPerWeek: null })]);
    expect(fifth.warnings[0].message).toContain('beyond the 36 h a week that counts without contract hours');
    const first = await w.post(`/api/slots/${(await slotOf(r.code, '2027-04-10', 'acute-screening')).id}/assignments`, { nurseId: none.id });
    expect(first.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', shiftMinutes: 480, contractMinutesPerWeek: 0 })]);
  });

  it('counts a night across the spring clock change as the 7 h it lasts', async () => {
    const { region: r, provider } = await region();
    // 39 h: four 8 h days and the 7 h night of Saturday 27 March 2027 fit exactly; 8 h would not.
    const nurse = await w.nurse(provider.agb, { contractMinutesPerWeek: 39 * 60 });
    for (const date of days('2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25'))
      await w.post(`/api/slots/${(await slotOf(r.code, date, 'acute-screening')).id}/assignments`, { nurseId: nurse.id });
    const night = await w.post(`/api/slots/${(await slotOf(r.code, '2027-03-27', 'unplanned-night-care')).id}/assignments`, { nurseId: nurse.id });
    expect(night.durationMinutes).toBe(420);
    expect(night.warnings).toEqual([]);
  });

  it('counts her shifts in every region of this record, but not those of her other records (another employment)', async () => {
    const here = await region();
    const there = await w.region();
    const elsewhere = await w.post('/api/contracts', {
      regionCode: there.code,
      insurerUzovi: there.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: here.provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await w.template(elsewhere.id, { name: 'Dag', startTime: '07:00', endTime: '15:00' });
    const other = await w.contracted({ contract: { function: 'acute-screening' } });
    await w.template(other.contract.id, { name: 'Dag', startTime: '07:00', endTime: '15:00' });
    const big = '19099900001';
    const nurse = await w.nurse(here.provider.agb, { contractMinutesPerWeek: 960, bigNumber: big });
    const otherJob = await w.nurse(other.provider.agb, { bigNumber: big });
    // 8 h for the other employer on Monday: not this contract's hours.
    await w.post(`/api/slots/${(await slotOf(other.region.code, '2027-05-03', 'acute-screening')).id}/assignments`, { nurseId: otherJob.id });
    expect(
      (await w.post(`/api/slots/${(await slotOf(here.region.code, '2027-05-04', 'acute-screening')).id}/assignments`, { nurseId: nurse.id })).warnings,
    ).toEqual([]);
    // 8 h in the other region of the same employment on Wednesday: 16 h, her whole contract.
    expect((await w.post(`/api/slots/${(await slotOf(there.code, '2027-05-05', 'acute-screening')).id}/assignments`, { nurseId: nurse.id })).warnings).toEqual(
      [],
    );
    const third = await w.post(`/api/slots/${(await slotOf(here.region.code, '2027-05-06', 'acute-screening')).id}/assignments`, { nurseId: nurse.id });
    expect(third.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', shiftMinutes: 1440, contractMinutesPerWeek: 960 })]);
  });

  it('a refused assignment says nothing of contract hours and writes nothing', async () => {
    const { region: r, provider, coordinator } = await region();
    const nurse = await w.nurse(provider.agb, { contractMinutesPerWeek: 0, qualifications: ['wound-care'] });
    const before = await dbState(t.db);
    const res = await t.http
      .post(`/api/slots/${(await slotOf(r.code, '2027-06-01', 'acute-screening')).id}/assignments`)
      .set(bearer(coordinator.token))
      .send({ nurseId: nurse.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['qualification']);
    expect(res.body.warnings).toBeUndefined();
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('the other assignments by hand warn alike', () => {
  it('replacing a nurse by one beyond her contract hours is made, with the warning beside the new assignment', async () => {
    const { region: r, provider, coordinator } = await region();
    const anna = await w.nurse(provider.agb);
    const none = await w.nurse(provider.agb, { contractMinutesPerWeek: 0 });
    const held = await w.post(`/api/slots/${(await slotOf(r.code, '2027-06-07', 'acute-screening')).id}/assignments`, { nurseId: anna.id });
    const res = await t.http.post(`/api/assignments/${held.id}/replace`).set(bearer(coordinator.token)).send({ nurseId: none.id });
    expect(res.status).toBe(201);
    expect(res.body.assignment).toMatchObject({ nurseId: none.id });
    expect(res.body.assignment.warnings).toBeUndefined();
    expect(res.body.replaced).toMatchObject({ id: held.id, status: 'cancelled' });
    expect(res.body.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', weekFrom: '2027-06-07', weekTo: '2027-06-13', shiftMinutes: 480 })]);
    const again = await t.http.post(`/api/assignments/${res.body.assignment.id}/replace`).set(bearer(coordinator.token)).send({ nurseId: anna.id });
    expect(again.body.warnings).toEqual([]);
  });

  it('approving a swap that takes the taker beyond her contract hours is made, with the warning; so is an approval at accept', async () => {
    const { region: r, provider, coordinator } = await region();
    const giver = await w.nurse(provider.agb);
    const taker = await w.nurse(provider.agb, { contractMinutesPerWeek: 0 });
    const giverToken = (await w.user('nurse', { nurseId: giver.id })).token;
    const takerToken = (await w.user('nurse', { nurseId: taker.id })).token;
    const held = await w.post(`/api/slots/${(await slotOf(r.code, '2027-06-14', 'acute-screening')).id}/assignments`, { nurseId: giver.id });
    const offer = await w.post(`/api/assignments/${held.id}/offers`, { toNurseId: taker.id }, giverToken);
    const accepted = await w.post(`/api/offers/${offer.id}/accept`, {}, takerToken, 200);
    expect(accepted).toMatchObject({ status: 'accepted', violations: [], warnings: [] });
    const approved = await w.post(`/api/offers/${offer.id}/approve`, {}, coordinator.token, 200);
    expect(approved.status).toBe('approved');
    expect(approved.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', shiftMinutes: 480, contractMinutesPerWeek: 0 })]);
    // With automatic approval the taker's accept is the approval: it carries the warning.
    await t.http.patch(`/api/regions/${r.code}`).set(bearer(ADMIN)).send({ autoApproveOffers: true }).expect(200);
    const second = await w.post(`/api/slots/${(await slotOf(r.code, '2027-06-15', 'acute-screening')).id}/assignments`, { nurseId: giver.id });
    const anyone = await w.post(`/api/assignments/${second.id}/offers`, {}, giverToken);
    const taken = await w.post(`/api/offers/${anyone.id}/accept`, {}, takerToken, 200);
    expect(taken.status).toBe('approved');
    expect(taken.warnings).toEqual([expect.objectContaining({ rule: 'contract-hours', shiftMinutes: 960 })]);
  });
});
