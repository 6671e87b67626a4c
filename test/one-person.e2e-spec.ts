import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Nurse records with the same BIG number are one person (domain.md, "Working-time rules"): every
 * working-time rule and the overlap check count the duties of all of them, whichever employer,
 * region or record holds them.
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

let bigSeq = 0;
/** A BIG number of its own for each test (11 digits). */
function nextBig(): string {
  return `190${String(10_000_000 + ++bigSeq).padStart(8, '0')}`;
}

/**
 * One person employed twice: by a provider responsible for nights (23:00–07:00) in one region,
 * and by another responsible for day shifts (07:00–15:00) in a second region.
 */
async function employedTwice() {
  const night = await w.contracted();
  await w.template(night.contract.id);
  const day = await w.contracted({ contract: { function: 'acute-screening' } });
  await w.template(day.contract.id, { name: 'Dag', startTime: '07:00', endTime: '15:00' });
  const big = nextBig();
  const atNight = await w.nurse(night.provider.agb, { name: 'Iris Vos', bigNumber: big });
  const atDay = await w.nurse(day.provider.agb, { name: 'Iris Vos', bigNumber: big });
  const nightCoordinator = await w.user('coordinator', { regionCodes: [night.region.code] });
  const dayCoordinator = await w.user('coordinator', { regionCodes: [day.region.code] });
  return { night, day, atNight, atDay, big, nightCoordinator, dayCoordinator };
}

describe('one person, one set of rules', () => {
  it('the same person, employed twice, is refused a 07:00 shift in one region after a night ending 07:00 in another', async () => {
    const { night, day, atNight, atDay, dayCoordinator } = await employedTwice();
    const held = await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-03-10')).id}/assignments`, { nurseId: atNight.id });
    const morning = await w.slotOn(day.region.code, '2027-03-11');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${morning.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: atDay.id });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([
      {
        rule: 'rest-after-night',
        message: expect.any(String),
        conflictsWith: expect.objectContaining({ assignmentId: held.id, regionCode: night.region.code, start: '2027-03-10T23:00:00+01:00' }),
      },
    ]);
    // The day region's coordinator does not see the night region's roster: the same refusal, the duty unnamed.
    const hidden = await t.http.post(`/api/slots/${morning.id}/assignments`).set(bearer(dayCoordinator.token)).send({ nurseId: atDay.id });
    expect(hidden.status).toBe(422);
    expect(hidden.body.violations).toEqual([{ rule: 'rest-after-night', message: expect.any(String) }]);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('two records of one person cannot hold overlapping duties (409 overlap), in either order', async () => {
    const { night, day, atNight, atDay } = await employedTwice();
    // A 24 h on-call block of the day provider, from 09:00, runs through the night of the other record.
    await w.template(day.contract.id, { name: 'Bereikbaar', startTime: '09:00', endTime: '09:00', dutyType: 'on-call', requiredQualifications: [] });
    const nightSlot = await w.slotOn(night.region.code, '2027-04-20');
    await w.post(`/api/slots/${nightSlot.id}/assignments`, { nurseId: atNight.id });
    const block = (await w.slots(day.region.code, '2027-04-20', '2027-04-20')).find((s) => s.dutyType === 'on-call')!;
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${block.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: atDay.id });
    expect(res.status).toBe(409);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['overlap']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('records without a BIG number, or with different ones, are different people', async () => {
    const { night, day, atNight } = await employedTwice();
    const noBig = await w.nurse(day.provider.agb, { name: 'Iris Vos' });
    const otherBig = await w.nurse(day.provider.agb, { name: 'Iris Vos', bigNumber: nextBig() });
    await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-03-15')).id}/assignments`, { nurseId: atNight.id });
    const morning = await w.slotOn(day.region.code, '2027-03-16');
    const slot2 = (await w.post('/api/contracts', {
      regionCode: day.region.code,
      insurerUzovi: day.region.preferredInsurerUzovi,
      function: 'specialist-nursing',
      responsibleParty: { type: 'provider', agb: day.provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    })) as { id: string };
    await w.template(slot2.id, { name: 'Dag 2', startTime: '07:00', endTime: '15:00' });
    const morning2 = (await w.slots(day.region.code, '2027-03-16', '2027-03-16')).find((s) => s.function === 'specialist-nursing')!;
    expect((await t.http.post(`/api/slots/${morning.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: noBig.id })).status).toBe(201);
    expect((await t.http.post(`/api/slots/${morning2.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: otherBig.id })).status).toBe(201);
  });

  it("candidates judge a record with the person's other duties, as assigning does", async () => {
    const { night, day, atNight, atDay } = await employedTwice();
    await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-03-20')).id}/assignments`, { nurseId: atNight.id });
    const morning = await w.slotOn(day.region.code, '2027-03-21');
    const listed = await t.http.get(`/api/slots/${morning.id}/candidates`).set(bearer(ADMIN));
    expect(listed.status).toBe(200);
    const candidate = listed.body.find((c: { nurseId: string }) => c.nurseId === atDay.id);
    expect(candidate.violations.map((v: { rule: string }) => v.rule)).toEqual(['rest-after-night']);
    // The night counts toward the record's 16-week nights too: the rules count the person's nights.
    expect(candidate.nights16Weeks).toBe(1);
  });

  it("replacing a nurse by another record of a busy person is judged with the person's duties, and refused whole", async () => {
    const { night, day, atNight, atDay } = await employedTwice();
    const colleague = await w.nurse(day.provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-05-10')).id}/assignments`, { nurseId: atNight.id });
    const morning = await w.slotOn(day.region.code, '2027-05-11');
    const held = await w.post(`/api/slots/${morning.id}/assignments`, { nurseId: colleague.id });
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/assignments/${held.id}/replace`).set(bearer(ADMIN)).send({ nurseId: atDay.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['rest-after-night']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a BIG number set later joins the records: the rules count both from then on', async () => {
    const { night, day, atNight, big } = await employedTwice();
    const later = await w.nurse(day.provider.agb, { name: 'Iris Vos' });
    await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-06-01')).id}/assignments`, { nurseId: atNight.id });
    const morning = await w.slotOn(day.region.code, '2027-06-02');
    const patched = await t.http.patch(`/api/nurses/${later.id}`).set(bearer(ADMIN)).send({ bigNumber: big });
    expect(patched.status).toBe(200);
    const res = await t.http.post(`/api/slots/${morning.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: later.id });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['rest-after-night']);
  });
});

describe('one person in plans and offers', () => {
  it("a roster plan judges its candidates with the person's duties in other records: the night before her other job's 07:00 shift stays open", async () => {
    const { night, day, atNight, atDay, nightCoordinator } = await employedTwice();
    await w.post(`/api/slots/${(await w.slotOn(day.region.code, '2027-03-02')).id}/assignments`, { nurseId: atDay.id });
    const plan = await t.http
      .post('/api/roster-plans')
      .set(bearer(nightCoordinator.token))
      .send({ regionCode: night.region.code, from: '2027-03-01', to: '2027-03-02' });
    expect(plan.status).toBe(201);
    expect(plan.body.proposals.map((p: { localDate: string; nurseId: string }) => [p.localDate, p.nurseId])).toEqual([['2027-03-02', atNight.id]]);
    expect(plan.body.unfilled).toEqual([expect.objectContaining({ localDate: '2027-03-01', reasons: [{ rule: 'rest-after-night', nurses: 1 }] })]);
    // The other record's duty is part of what the plan rests on: removing it makes the plan stale.
    const held = (await t.http.get(`/api/nurses/${atDay.id}/shifts`).query({ from: '2027-03-02', to: '2027-03-02' }).set(bearer(ADMIN))).body[0];
    await t.http.delete(`/api/assignments/${held.id}`).set(bearer(ADMIN)).expect(204);
    const before = await dbState(t.db);
    const applied = await t.http.post(`/api/roster-plans/${plan.body.id}/apply`).set(bearer(nightCoordinator.token));
    expect(applied.status).toBe(409);
    expect(applied.body.violations[0].rule).toBe('plan-stale');
    expect(await dbState(t.db)).toEqual(before);
  });

  it("an offer to anyone is refused (422) to a nurse whose other record breaks a rule, without naming the other employer's duty, and nothing changes", async () => {
    const { night, day, atNight, atDay } = await employedTwice();
    const giver = await w.nurse(day.provider.agb, { name: 'Gijs' });
    const giverUser = await w.user('nurse', { nurseId: giver.id });
    const takerUser = await w.user('nurse', { nurseId: atDay.id });
    await w.post(`/api/slots/${(await w.slotOn(night.region.code, '2027-04-05')).id}/assignments`, { nurseId: atNight.id });
    const given = await w.post(`/api/slots/${(await w.slotOn(day.region.code, '2027-04-06')).id}/assignments`, { nurseId: giver.id });
    const offer = await w.post(`/api/assignments/${given.id}/offers`, {}, giverUser.token);
    // The list shows her no offer she could not take.
    expect((await t.http.get('/api/offers').set(bearer(takerUser.token))).body).toEqual([]);
    const before = await dbState(t.db);
    const refused = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(takerUser.token));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([{ rule: 'rest-after-night', message: expect.any(String) }]);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a person may take over, in one record, a duty offered from another record of hers: the offered duty does not weigh on her', async () => {
    const world = await w.contracted();
    await w.template(world.contract.id);
    const big = nextBig();
    const first = await w.nurse(world.provider.agb, { bigNumber: big });
    const second = await w.nurse(world.provider.agb, { bigNumber: big });
    const firstUser = await w.user('nurse', { nurseId: first.id });
    const secondUser = await w.user('nurse', { nurseId: second.id });
    const given = await w.post(`/api/slots/${(await w.slotOn(world.region.code, '2027-04-12')).id}/assignments`, { nurseId: first.id });
    const offer = await w.post(`/api/assignments/${given.id}/offers`, {}, firstUser.token);
    expect((await t.http.get('/api/offers').set(bearer(secondUser.token))).body.map((o: { id: string }) => o.id)).toEqual([offer.id]);
    const accepted = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(secondUser.token));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', takerNurseId: second.id });
  });
});

describe('one person under concurrency', () => {
  const onPostgres = !!process.env.TEST_DATABASE_URL;

  /** On PostgreSQL a second instance of the service on the same database; on SQLite the one instance. */
  async function secondInstance() {
    if (!onPostgres) return { http: t.http, close: async () => undefined };
    const url = (t.db.options as { url: string }).url;
    const { app } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000' }, false);
    await app.init();
    app.get(Clock).set(t.clock.now());
    return { http: request(app.getHttpServer()), close: () => app.close() };
  }

  it('race: a night for one record and the 07:00 shift after it for another record of the same person, sent at once — exactly one wins', async () => {
    const night = await w.contracted();
    await w.template(night.contract.id);
    const day = await w.contracted({ contract: { function: 'acute-screening' } });
    await w.template(day.contract.id, { name: 'Dag', startTime: '07:00', endTime: '15:00' });
    const dates = ['2027-08-02', '2027-08-04', '2027-08-06', '2027-08-08', '2027-08-10', '2027-08-12'];
    const pairs = [];
    for (const date of dates) {
      const big = nextBig();
      const atNight = await w.nurse(night.provider.agb, { bigNumber: big });
      const atDay = await w.nurse(day.provider.agb, { bigNumber: big });
      const nightSlot = await w.slotOn(night.region.code, date);
      const morning = (await w.slots(day.region.code, date, addDay(date))).find((s) => s.localDate === addDay(date))!;
      pairs.push({ atNight, atDay, nightSlot, morning });
    }
    const other = await secondInstance();
    try {
      const answers = await Promise.all(
        pairs.flatMap(({ atNight, atDay, nightSlot, morning }) => [
          t.http.post(`/api/slots/${nightSlot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: atNight.id }),
          other.http.post(`/api/slots/${morning.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: atDay.id }),
        ]),
      );
      for (let i = 0; i < pairs.length; i++) {
        const statuses = [answers[2 * i].status, answers[2 * i + 1].status].sort();
        expect(statuses).toEqual([201, 422]);
        const refused = answers[2 * i].status === 422 ? answers[2 * i] : answers[2 * i + 1];
        expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['rest-after-night']);
        const { atNight, atDay } = pairs[i];
        const held = await t.sql(`SELECT COUNT(*) AS n FROM assignments WHERE status = 'active' AND nurse_id IN (?, ?)`, [atNight.id, atDay.id]);
        expect(held[0].n).toBe(1);
      }
    } finally {
      await other.close();
    }
  }, 60_000);
});

function addDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
