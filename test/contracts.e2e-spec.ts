import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

function body(regionCode: string, insurerUzovi: string, agb: string, over: object = {}) {
  return {
    regionCode,
    insurerUzovi,
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb },
    validFrom: '2027-01-01',
    validTo: '2027-06-30',
    ...over,
  };
}

describe('contracts', () => {
  it('an insurer contracts a function in its region with defaults for fee parts', async () => {
    const region = await w.region();
    const provider = await w.provider();
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const contract = await w.post(
      '/api/contracts',
      body(region.code, region.preferredInsurerUzovi, provider.agb, { sla: { minCoveragePct: 97.5, deductionPerUncoveredHourCents: 6000 } }),
      insurer.token,
    );
    expect(contract).toMatchObject({
      id: expect.any(String),
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-06-30',
      fee: { fixedMonthlyCents: 0, perPositionHourCents: 0, perInhabitantMonthlyCents: 0 },
      sla: { minCoveragePct: 97.5, deductionPerUncoveredHourCents: 6000 },
    });
    expect((await t.http.get(`/api/contracts/${contract.id}`).set(bearer(insurer.token))).body.id).toBe(contract.id);
  });

  it('every SLA term is optional: an acknowledgement time alone, or a minimum without a deduction', async () => {
    const region = await w.region();
    const provider = await w.provider();
    const ackOnly = await w.post('/api/contracts', body(region.code, region.preferredInsurerUzovi, provider.agb, { sla: { ackMinutes: 5 } }));
    expect(ackOnly.sla).toEqual({ minCoveragePct: null, deductionPerUncoveredHourCents: 0, ackMinutes: 5 });
    const other = await w.region();
    const minOnly = await w.post('/api/contracts', body(other.code, other.preferredInsurerUzovi, provider.agb, { sla: { minCoveragePct: 95 } }));
    expect(minOnly.sla).toEqual({ minCoveragePct: 95, deductionPerUncoveredHourCents: 0, ackMinutes: 10 });
    const third = await w.region();
    const none = await w.post('/api/contracts', body(third.code, third.preferredInsurerUzovi, provider.agb, { sla: {} }));
    expect(none.sla).toBeNull();
  });

  it('exclusivity: an overlapping period is a 409, an adjacent one is fine, open-ended periods overlap everything after', async () => {
    const region = await w.region();
    const a = await w.provider();
    const b = await w.provider();
    await w.post('/api/contracts', body(region.code, region.preferredInsurerUzovi, a.agb));
    const before = await dbState(t.db);
    const overlapping = await t.http
      .post('/api/contracts')
      .set(bearer(ADMIN))
      .send(body(region.code, region.preferredInsurerUzovi, b.agb, { validFrom: '2027-06-30', validTo: '2027-12-31' }));
    expect(overlapping.status).toBe(409);
    expect(overlapping.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(await dbState(t.db)).toEqual(before);
    await w.post('/api/contracts', body(region.code, region.preferredInsurerUzovi, b.agb, { validFrom: '2027-07-01', validTo: undefined }));
    const later = await t.http
      .post('/api/contracts')
      .set(bearer(ADMIN))
      .send(body(region.code, region.preferredInsurerUzovi, a.agb, { validFrom: '2030-01-01', validTo: '2030-12-31' }));
    expect(later.status).toBe(409);
    // Another function in the same region is independent.
    await w.post('/api/contracts', body(region.code, region.preferredInsurerUzovi, a.agb, { function: 'care-coordination' }));
  });

  it('only the preferred insurer may contract: 422, and an insurer only for its own UZOVI: 403', async () => {
    const region = await w.region();
    const other = await w.insurer();
    const provider = await w.provider();
    const otherInsurer = await w.user('insurer', { insurerUzovi: other.uzovi });
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const before = await dbState(t.db);
    const notPreferred = await t.http
      .post('/api/contracts')
      .set(bearer(ADMIN))
      .send(body(region.code, other.uzovi, provider.agb));
    expect(notPreferred.status).toBe(422);
    expect(notPreferred.body.violations).toEqual([expect.objectContaining({ rule: 'preferred-insurer' })]);
    expect(
      (
        await t.http
          .post('/api/contracts')
          .set(bearer(otherInsurer.token))
          .send(body(region.code, region.preferredInsurerUzovi, provider.agb))
      ).status,
    ).toBe(403);
    expect((await t.http.post('/api/contracts').set(bearer(coordinator.token)).send({})).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('refuses malformed contracts with 400 and unknown references with 422, writing nothing', async () => {
    const region = await w.region();
    const provider = await w.provider();
    const ok = body(region.code, region.preferredInsurerUzovi, provider.agb);
    const before = await dbState(t.db);
    const bad: Array<[object, number]> = [
      [{ ...ok, validTo: '2026-12-31' }, 400],
      [{ ...ok, validFrom: '2027-02-30' }, 400],
      [{ ...ok, function: 'night-care' }, 400],
      [{ ...ok, fee: { fixedMonthlyCents: 10.5 } }, 400],
      [{ ...ok, fee: { fixedMonthlyCents: -1 } }, 400],
      [{ ...ok, fee: { fixedMonthlyCents: '100' } }, 400],
      [{ ...ok, fee: { tipCents: 1 } }, 400],
      [{ ...ok, sla: { minCoveragePct: 101, deductionPerUncoveredHourCents: 1 } }, 400],
      [{ ...ok, sla: { minCoveragePct: 97.555, deductionPerUncoveredHourCents: 1 } }, 400],
      [{ ...ok, responsibleParty: { type: 'provider' } }, 400],
      [{ ...ok, responsibleParty: { type: 'consortium', agb: provider.agb } }, 400],
      [{ ...ok, responsibleParty: { type: 'hospital', agb: provider.agb } }, 400],
      [{ ...ok, regionCode: 'NOWHERE' }, 422],
      [{ ...ok, responsibleParty: { type: 'provider', agb: '70000000' } }, 422],
      [{ ...ok, responsibleParty: { type: 'consortium', consortiumId: 'missing' } }, 422],
    ];
    for (const [payload, status] of bad) {
      const res = await t.http.post('/api/contracts').set(bearer(ADMIN)).send(payload);
      expect({ payload, status: res.status }).toEqual({ payload, status });
    }
    const unknown = await t.http
      .post('/api/contracts')
      .set(bearer(ADMIN))
      .send({ ...ok, regionCode: 'NOWHERE', responsibleParty: { type: 'provider', agb: '70000000' } });
    expect(unknown.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['unknown-reference', 'unknown-reference']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it("lists by region, function and activeOn within the caller's scope", async () => {
    const { region, contract } = await w.contracted();
    const { contract: elsewhere } = await w.contracted();
    const all = await t.http.get('/api/contracts').set(bearer(ADMIN));
    expect(all.body.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([contract.id, elsewhere.id]));
    const filtered = await t.http
      .get('/api/contracts')
      .query({ regionCode: region.code, function: 'unplanned-night-care', activeOn: '2027-05-01' })
      .set(bearer(ADMIN));
    expect(filtered.body.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    expect((await t.http.get('/api/contracts').query({ regionCode: region.code, activeOn: '2028-01-01' }).set(bearer(ADMIN))).body).toEqual([]);
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    expect((await t.http.get('/api/contracts').set(bearer(coordinator.token))).body.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    expect((await t.http.get(`/api/contracts/${elsewhere.id}`).set(bearer(coordinator.token))).status).toBe(404);
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    expect((await t.http.get('/api/contracts').set(bearer(insurer.token))).body.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    expect((await t.http.get('/api/contracts').query({ activeOn: '2027-02-30' }).set(bearer(ADMIN))).status).toBe(400);
  });

  it('terminate shortens the period, removes later slots and lists the cancelled assignments', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const nurse = await w.nurse(provider.agb);
    const july = await w.slotOn(region.code, '2027-07-10');
    const june = await w.slotOn(region.code, '2027-06-10');
    const a1 = await w.post(`/api/slots/${july.id}/assignments`, { nurseId: nurse.id });
    await w.post(`/api/slots/${june.id}/assignments`, { nurseId: nurse.id });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });

    const before = await dbState(t.db);
    const outside = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(insurer.token)).send({ lastDay: '2028-01-31' });
    expect(outside.status).toBe(422);
    expect((await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(insurer.token)).send({ lastDay: '2027-13-01' })).status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);

    const res = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(insurer.token)).send({ lastDay: '2027-06-30' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: contract.id, validTo: '2027-06-30', status: 'terminated' });
    expect(res.body.cancelledAssignments).toEqual([expect.objectContaining({ id: a1.id, nurseId: nurse.id, slotId: july.id })]);
    expect(await w.slots(region.code, '2027-07-01', '2027-12-31')).toEqual([]);
    expect((await w.slots(region.code, '2027-06-01', '2027-06-30')).length).toBe(30);
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'assignment', entityId: a1.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['cancel', 'create']); // newest first
    // The terminated contract counts through its last day: a new one may start the day after.
    const next = await w.provider();
    await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: next.agb },
      validFrom: '2027-07-01',
    });
  });

  it('terminate is refused with 409 when a month after lastDay has a final statement', async () => {
    const { region, contract } = await w.contracted();
    const [statement] = await w.post('/api/fee-statements', { month: '2027-05', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-06-01T00:00:00+02:00'); // May has ended in Amsterdam: only then can it be finalized
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(ADMIN)).send({ lastDay: '2027-05-20' });
    expect(res.status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
    expect((await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(ADMIN)).send({ lastDay: '2027-05-31' })).status).toBe(200);
    void region;
  });
});
