import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());
beforeEach(() => t.setNow('2027-02-15T09:00:00+01:00'));

type Plan = Record<string, any>;

/** A region with a night contract (every night 23:00–07:00, one nurse), its coordinator and nurses. */
async function region(nurses: Array<Record<string, unknown>> = [{ name: 'Anna' }, { name: 'Bram' }]) {
  const world = await w.contracted();
  await w.template(world.contract.id);
  const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
  const staff = [];
  for (const over of nurses) staff.push(await w.nurse(world.provider.agb, over));
  return { ...world, coordinator, staff };
}

async function propose(token: string, body: Record<string, unknown>, status = 201): Promise<Plan> {
  const res = await t.http.post('/api/roster-plans').set(bearer(token)).send(body);
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  return res.body;
}

describe('POST /api/roster-plans', () => {
  it('proposes lawful nurses for every open position, explains the plan and changes nothing', async () => {
    const { region: r, coordinator, staff } = await region([{ name: 'Anna' }, { name: 'Bram' }, { name: 'Cees', qualifications: ['wound-care'] }]);
    const [anna, bram, cees] = staff;
    // One night is already staffed by hand: it is left as it is.
    await w.post(`/api/slots/${(await w.slotOn(r.code, '2027-03-01')).id}/assignments`, { nurseId: anna.id });
    const before = await dbState(t.db);
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-07' });
    expect(plan).toMatchObject({ regionCode: r.code, from: '2027-03-01', to: '2027-03-07', functions: ['unplanned-night-care'], status: 'proposed' });
    expect(plan.expiresAt).toBe('2027-02-16T09:00:00+01:00');
    // Six open nights, all covered by Anna and Bram; Cees lacks the qualification and gets nothing.
    expect(plan.proposals).toHaveLength(6);
    expect(plan.proposals.map((p: Plan) => p.localDate).sort()).toEqual(['2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    expect(plan.proposals[0]).toMatchObject({ function: 'unplanned-night-care', start: expect.stringMatching(/T23:00:00\+01:00$/), durationMinutes: 480 });
    expect(new Set(plan.proposals.map((p: Plan) => p.nurseId))).toEqual(new Set([anna.id, bram.id]));
    expect(plan.unfilled).toEqual([]);
    expect(plan.summary).toEqual({
      positions: 7,
      positionMinutes: 7 * 480,
      coveredMinutesBefore: 480,
      coveredMinutesAfter: 7 * 480,
      proposed: 6,
      changed: 0,
      unfilled: 0,
      wishesHonoured: 0,
      wishesOverridden: 0,
    });
    const byName = Object.fromEntries(plan.nurses.map((n: Plan) => [n.name, n]));
    expect(byName.Anna).toMatchObject({ nurseId: anna.id, minutesBefore: 480, contractMinutesPerWeek: null });
    expect(byName.Cees).toMatchObject({ nurseId: cees.id, minutesProposed: 0, nightsProposed: 0 });
    // Fair: Anna already has a night, so she gets fewer of the rest.
    expect(byName.Anna.minutesBefore + byName.Anna.minutesProposed).toBeLessThanOrEqual(byName.Bram.minutesProposed + 480);
    expect((await t.http.get(`/api/roster-plans/${plan.id}`).set(bearer(coordinator.token))).body).toEqual(plan);
    // Proposing wrote the plan and its audit event, nothing else.
    const after = await dbState(t.db);
    expect({ ...after, roster_plans: [], audit_events: [] }).toEqual({ ...before, roster_plans: [], audit_events: [] });
    expect(after.roster_plans.map((p) => p.id)).toEqual(expect.arrayContaining([...before.roster_plans.map((p) => p.id), plan.id]));
    expect(after.roster_plans).toHaveLength(before.roster_plans.length + 1);
    expect(after.audit_events).toHaveLength(before.audit_events.length + 1);
  });

  it('explains every unfilled position by rule, and says no-candidates when the party employs nobody', async () => {
    const { region: r, coordinator, staff } = await region([{ name: 'Anna', qualifications: ['wound-care'] }]);
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-01' });
    expect(plan.proposals).toEqual([]);
    expect(plan.unfilled).toEqual([expect.objectContaining({ localDate: '2027-03-01', missing: 1, reasons: [{ rule: 'qualification', nurses: 1 }] })]);
    expect(plan.nurses.map((n: Plan) => n.nurseId)).toEqual([staff[0].id]);
    const empty = await region([]);
    const none = await propose(empty.coordinator.token, { regionCode: empty.region.code, from: '2027-03-01', to: '2027-03-01' });
    expect(none.unfilled[0].reasons).toEqual([{ rule: 'no-candidates', nurses: 0 }]);
  });

  it('never proposes two duties that are lawful alone but not together', async () => {
    const world = await w.contracted({ contract: { function: 'acute-screening' } });
    // Evenings on Mondays and Wednesdays, days on Tuesdays and Thursdays (1 March 2027 is a Monday).
    await w.template(world.contract.id, { name: 'Avond', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', startTime: '15:00', endTime: '23:00' });
    await w.template(world.contract.id, { name: 'Dag', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', startTime: '07:00', endTime: '15:00' });
    const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
    const anna = await w.nurse(world.provider.agb, { name: 'Anna' });
    // Monday evening then Tuesday day: her one shortened rest (8 h) of this week.
    await w.post(`/api/slots/${(await w.slotOn(world.region.code, '2027-03-01')).id}/assignments`, { nurseId: anna.id });
    await w.post(`/api/slots/${(await w.slotOn(world.region.code, '2027-03-02')).id}/assignments`, { nurseId: anna.id });
    const plan = await propose(coordinator.token, { regionCode: world.region.code, from: '2027-03-03', to: '2027-03-04' });
    // Wednesday evening or Thursday day alone is lawful; both would be a second shortened rest.
    expect(plan.proposals).toHaveLength(1);
    expect(plan.unfilled).toEqual([expect.objectContaining({ missing: 1, reasons: [{ rule: 'daily-rest', nurses: 1 }] })]);
    const wednesday = await w.slotOn(world.region.code, '2027-03-03');
    const thursday = await w.slotOn(world.region.code, '2027-03-04');
    await w.post(`/api/slots/${wednesday.id}/assignments`, { nurseId: anna.id });
    const second = await t.http.post(`/api/slots/${thursday.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: anna.id });
    expect(second.status).toBe(422);
    expect(second.body.violations.map((v: Plan) => v.rule)).toEqual(['daily-rest']);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const { region: r, coordinator, staff } = await region();
    const nurseUser = await w.user('nurse', { nurseId: staff[0].id });
    const other = await region();
    const before = await dbState(t.db);
    const cases: Array<[string, Record<string, unknown>, number, string?]> = [
      [coordinator.token, { regionCode: r.code, from: '2027-03-07', to: '2027-03-01' }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-05-03' }, 422, 'period-too-long'],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-02-30' }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', functions: ['night-shift'] }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', clientName: 'x' }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', overtimePct: 51 }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', overtimePct: -1 }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', overtimePct: 2.5 }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', overtimePct: '10' }, 400],
      [coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02', repair: 'yes' }, 400],
      [coordinator.token, { regionCode: other.region.code, from: '2027-03-01', to: '2027-03-02' }, 404],
      [coordinator.token, { regionCode: 'NOPE', from: '2027-03-01', to: '2027-03-02' }, 404],
      [nurseUser.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02' }, 403],
    ];
    for (const [token, body, status, rule] of cases) {
      const res = await t.http.post('/api/roster-plans').set(bearer(token)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (rule) expect(res.body.violations.map((v: Plan) => v.rule)).toEqual([rule]);
    }
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('applying and discarding', () => {
  it('applies every proposal as an assignment in one go, audited each, and refuses a second apply', async () => {
    const { region: r, coordinator } = await region();
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-04' });
    const res = await t.http.post(`/api/roster-plans/${plan.id}/apply`).set(bearer(coordinator.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: plan.id, status: 'applied' });
    expect(res.body.created.map((a: Plan) => [a.slotId, a.nurseId])).toEqual(plan.proposals.map((p: Plan) => [p.slotId, p.nurseId]));
    const slots = await w.slots(r.code, '2027-03-01', '2027-03-04');
    expect(slots.map((s) => s.assignments.length)).toEqual([1, 1, 1, 1]);
    // The slot counts were recounted in the same transaction.
    expect(
      (
        await t.sql(
          'SELECT assigned_count AS n FROM slots WHERE id IN (?, ?, ?, ?)',
          slots.map((s) => s.id),
        )
      ).map((x) => x.n),
    ).toEqual([1, 1, 1, 1]);
    const audit = await t.sql("SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'assignment' AND action = 'create' AND summary LIKE ?", [
      `roster plan ${plan.id}%`,
    ]);
    expect(audit[0].n).toBe(4);
    expect((await t.http.get(`/api/roster-plans/${plan.id}`).set(bearer(coordinator.token))).body.status).toBe('applied');
    const before = await dbState(t.db);
    const again = await t.http.post(`/api/roster-plans/${plan.id}/apply`).set(bearer(coordinator.token));
    expect(again.status).toBe(409);
    expect(again.body.violations.map((v: Plan) => v.rule)).toEqual(['plan-applied']);
    expect((await t.http.delete(`/api/roster-plans/${plan.id}`).set(bearer(coordinator.token))).status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('refuses a stale plan whole when the region changed since it was made', async () => {
    const { region: r, coordinator, staff } = await region();
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-04' });
    // Someone staffs a night by hand meanwhile.
    await w.post(`/api/slots/${(await w.slotOn(r.code, '2027-03-03')).id}/assignments`, { nurseId: staff[1].id });
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/roster-plans/${plan.id}/apply`).set(bearer(coordinator.token));
    expect(res.status).toBe(409);
    expect(res.body.violations.map((v: Plan) => v.rule)).toEqual(['plan-stale']);
    expect(await dbState(t.db)).toEqual(before);
    // An absence recorded meanwhile makes a plan stale too.
    const second = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-05', to: '2027-03-06' });
    await w.post(`/api/nurses/${staff[0].id}/absences`, { from: '2027-04-01', to: '2027-04-02', reason: 'leave' });
    expect((await t.http.post(`/api/roster-plans/${second.id}/apply`).set(bearer(coordinator.token))).body.violations[0].rule).toBe('plan-stale');
  });

  it('expires after 24 h and after a discard', async () => {
    const { region: r, coordinator } = await region();
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02' });
    t.setNow('2027-02-16T09:00:01+01:00');
    expect((await t.http.get(`/api/roster-plans/${plan.id}`).set(bearer(coordinator.token))).body.status).toBe('expired');
    const before = await dbState(t.db);
    const late = await t.http.post(`/api/roster-plans/${plan.id}/apply`).set(bearer(coordinator.token));
    expect(late.status).toBe(409);
    expect(late.body.violations.map((v: Plan) => v.rule)).toEqual(['plan-expired']);
    expect(await dbState(t.db)).toEqual(before);
    const next = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02' });
    expect((await t.http.delete(`/api/roster-plans/${next.id}`).set(bearer(coordinator.token))).status).toBe(204);
    expect((await t.http.get(`/api/roster-plans/${next.id}`).set(bearer(coordinator.token))).body.status).toBe('discarded');
    const discarded = await t.http.post(`/api/roster-plans/${next.id}/apply`).set(bearer(coordinator.token));
    expect(discarded.body.violations.map((v: Plan) => v.rule)).toEqual(['plan-expired']);
  });

  it('hides plans outside the caller’s regions', async () => {
    const { region: r, coordinator } = await region();
    const other = await region();
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-01' });
    for (const req of [
      t.http.get(`/api/roster-plans/${plan.id}`),
      t.http.post(`/api/roster-plans/${plan.id}/apply`),
      t.http.delete(`/api/roster-plans/${plan.id}`),
    ]) {
      expect((await req.set(bearer(other.coordinator.token))).status).toBe(404);
    }
    expect((await t.http.get('/api/roster-plans/nope').set(bearer(ADMIN))).status).toBe(404);
  });
});

describe('wishes', () => {
  it('a nurse marks and withdraws dates; a plan honours a wish where it can', async () => {
    const { region: r, coordinator, staff } = await region();
    const [anna, bram] = staff;
    const annaUser = await w.user('nurse', { nurseId: anna.id });
    const bramUser = await w.user('nurse', { nurseId: bram.id });
    const wish = await w.post('/api/me/wishes', { date: '2027-03-02', kind: 'rather-not' }, annaUser.token);
    expect(wish).toEqual({ id: expect.any(String), nurseId: anna.id, date: '2027-03-02', kind: 'rather-not' });
    const before = await dbState(t.db);
    for (const [body, status] of [
      [{ date: '2027-03-02', kind: 'rather-not' }, 409],
      [{ date: '2027-02-30', kind: 'rather-not' }, 400],
      [{ date: '2027-03-03', kind: 'holiday' }, 400],
      [{ date: '2027-03-03', kind: 'rather-not', reason: 'dentist' }, 400],
    ] as const) {
      expect((await t.http.post('/api/me/wishes').set(bearer(annaUser.token)).send(body)).status).toBe(status);
    }
    expect((await t.http.post(`/api/nurses/${anna.id}/wishes`).set(bearer(bramUser.token)).send({ date: '2027-03-04', kind: 'rather-not' })).status).toBe(403);
    expect((await t.http.delete(`/api/wishes/${wish.id}`).set(bearer(bramUser.token))).status).toBe(404);
    expect(await dbState(t.db)).toEqual(before);
    // Bram's wish, recorded by the coordinator.
    const bramWish = await w.post(`/api/nurses/${bram.id}/wishes`, { date: '2027-03-01', kind: 'rather-not' }, coordinator.token);
    expect((await t.http.get('/api/me/wishes').query({ from: '2027-03-01', to: '2027-03-31' }).set(bearer(annaUser.token))).body).toEqual([wish]);
    expect((await t.http.get(`/api/nurses/${bram.id}/wishes`).set(bearer(coordinator.token))).body).toEqual([bramWish]);
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02' });
    expect(plan.proposals.map((p: Plan) => [p.localDate, p.nurseName])).toEqual([
      ['2027-03-01', 'Anna'],
      ['2027-03-02', 'Bram'],
    ]);
    expect(plan.summary).toMatchObject({ wishesHonoured: 2, wishesOverridden: 0 });
    expect((await t.http.delete(`/api/wishes/${wish.id}`).set(bearer(annaUser.token))).status).toBe(204);
    expect((await t.http.get('/api/me/wishes').set(bearer(annaUser.token))).body).toEqual([]);
  });

  it('contract hours are set on the nurse record and weigh in the plan', async () => {
    const { region: r, coordinator, staff } = await region();
    const [anna, bram] = staff;
    const patched = await t.http.patch(`/api/nurses/${anna.id}`).set(bearer(coordinator.token)).send({ contractMinutesPerWeek: 960 });
    expect(patched.status).toBe(200);
    expect(patched.body.contractMinutesPerWeek).toBe(960);
    expect((await t.http.patch(`/api/nurses/${anna.id}`).set(bearer(coordinator.token)).send({ contractMinutesPerWeek: 3601 })).status).toBe(400);
    expect((await t.http.patch(`/api/nurses/${anna.id}`).set(bearer(coordinator.token)).send({ contractMinutesPerWeek: 1.5 })).status).toBe(400);
    await t.http.patch(`/api/nurses/${bram.id}`).set(bearer(coordinator.token)).send({ contractMinutesPerWeek: 1920 }).expect(200);
    // Six nights in six days: their contract shares (822 and 1,645 minutes) hold four; with 50 % overtime, six.
    const within = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-06' });
    expect(within.summary.proposed).toBe(4);
    expect(within.unfilled.flatMap((u: Plan) => u.reasons.map((x: Plan) => x.rule))).toContain('contract-hours');
    const plan = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-06', overtimePct: 50 });
    expect(plan.overtimePct).toBe(50);
    const byName = Object.fromEntries(plan.nurses.map((n: Plan) => [n.name, n.minutesProposed]));
    // Six nights shared 1 : 2 by contract hours, each beyond her share by the same part.
    expect(byName).toEqual({ Anna: 2 * 480, Bram: 4 * 480 });
    const overtime = Object.fromEntries(plan.nurses.map((n: Plan) => [n.name, n.overtimeMinutes]));
    expect(overtime).toEqual({ Anna: 137, Bram: 274 });
    expect(
      (await t.http.patch(`/api/nurses/${anna.id}`).set(bearer(coordinator.token)).send({ contractMinutesPerWeek: null })).body.contractMinutesPerWeek,
    ).toBeNull();
  });
});

describe('the list of plans', () => {
  it('answers a region’s plans newest first, filtered by status, and only to its coordinators', async () => {
    const { region: r, coordinator } = await region();
    const first = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-02' });
    t.setNow('2027-02-15T10:00:00+01:00');
    const second = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-03', to: '2027-03-04' });
    await t.http.delete(`/api/roster-plans/${first.id}`).set(bearer(coordinator.token)).expect(204);
    const list = await t.http.get('/api/roster-plans').query({ regionCode: r.code }).set(bearer(coordinator.token));
    expect(list.status).toBe(200);
    expect(list.body.map((p: Plan) => [p.id, p.status])).toEqual([
      [second.id, 'proposed'],
      [first.id, 'discarded'],
    ]);
    const proposed = await t.http.get('/api/roster-plans').query({ regionCode: r.code, status: 'proposed' }).set(bearer(coordinator.token));
    expect(proposed.body.map((p: Plan) => p.id)).toEqual([second.id]);
    // A day later the proposal reads expired.
    t.setNow('2027-02-16T10:00:01+01:00');
    const expired = await t.http.get('/api/roster-plans').query({ regionCode: r.code, status: 'expired' }).set(bearer(coordinator.token));
    expect(expired.body.map((p: Plan) => p.id)).toEqual([second.id]);
    const other = await region();
    expect((await t.http.get('/api/roster-plans').query({ regionCode: r.code }).set(bearer(other.coordinator.token))).status).toBe(404);
    expect((await t.http.get('/api/roster-plans').set(bearer(coordinator.token))).status).toBe(400);
    expect((await t.http.get('/api/roster-plans').query({ regionCode: r.code, status: 'open' }).set(bearer(coordinator.token))).status).toBe(400);
  });
});

describe('repair plans', () => {
  /**
   * One night (1 March) and one day after it (2 March). Bram holds the night, so he cannot take the
   * day; Cees is on leave on the 2nd but free for the night. Handing Bram's night to Cees lets Bram
   * take the day.
   */
  async function sickDay() {
    const world = await w.contracted({ contract: { validFrom: '2027-03-01', validTo: '2027-03-31' } });
    await w.template(world.contract.id, { name: 'Nacht', rrule: 'FREQ=DAILY;COUNT=1' });
    await w.template(world.contract.id, { name: 'Dag', rrule: 'FREQ=DAILY;COUNT=2', startTime: '07:00', endTime: '15:00', exdates: ['2027-03-01'] });
    const coordinator = await w.user('coordinator', { regionCodes: [world.region.code] });
    const bram = await w.nurse(world.provider.agb, { name: 'Bram' });
    const cees = await w.nurse(world.provider.agb, { name: 'Cees' });
    await w.post(`/api/nurses/${cees.id}/absences`, { from: '2027-03-02', to: '2027-03-02', reason: 'leave' });
    const night = await w.slotOn(world.region.code, '2027-03-01');
    const day = (await w.slots(world.region.code, '2027-03-02', '2027-03-02'))[0];
    const held = await w.post(`/api/slots/${night.id}/assignments`, { nurseId: bram.id });
    return { ...world, coordinator, bram, cees, night, day, held };
  }

  it('a plain plan cannot fill the day; a repair plan hands the night on and fills it, and applying performs the hand-over', async () => {
    const { region: r, coordinator, bram, cees, night, day, held } = await sickDay();
    const plain = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-07' });
    expect(plain.proposals).toEqual([]);
    expect(plain.unfilled.map((u: Plan) => u.slotId)).toEqual([day.id]);
    const repair = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-07', repair: true });
    expect(repair.repair).toBe(true);
    expect(repair.proposals.map((p: Plan) => [p.slotId, p.nurseName, p.replacesAssignmentId ?? null]).sort()).toEqual(
      [
        [night.id, 'Cees', held.id],
        [day.id, 'Bram', null],
      ].sort(),
    );
    expect(repair.summary).toMatchObject({ proposed: 2, changed: 1, unfilled: 0 });
    const applied = await t.http.post(`/api/roster-plans/${repair.id}/apply`).set(bearer(coordinator.token));
    expect(applied.status).toBe(200);
    expect(applied.body.cancelled).toEqual([held.id]);
    expect(applied.body.created).toHaveLength(2);
    const nightAfter = (await t.http.get(`/api/slots/${night.id}`).set(bearer(ADMIN))).body;
    const dayAfter = (await t.http.get(`/api/slots/${day.id}`).set(bearer(ADMIN))).body;
    expect(nightAfter.assignments.map((a: Plan) => a.nurseId)).toEqual([cees.id]);
    expect(dayAfter.assignments.map((a: Plan) => a.nurseId)).toEqual([bram.id]);
    const audit = (await t.http.get('/api/audit-events').query({ entityType: 'assignment', entityId: held.id }).set(bearer(ADMIN))).body;
    expect(audit.map((e: Plan) => e.action)).toContain('cancel');
  });

  it('a repair plan whose hand-over was undone meanwhile is refused whole as stale, and writes nothing', async () => {
    const { region: r, coordinator, held } = await sickDay();
    const repair = await propose(coordinator.token, { regionCode: r.code, from: '2027-03-01', to: '2027-03-07', repair: true });
    await t.http.delete(`/api/assignments/${held.id}`).set(bearer(coordinator.token)).expect(204);
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/roster-plans/${repair.id}/apply`).set(bearer(coordinator.token));
    expect(res.status).toBe(409);
    expect(res.body.violations[0].rule).toBe('plan-stale');
    expect(await dbState(t.db)).toEqual(before);
  });
});
