import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

describe('monthly availability fee statements', () => {
  it('computes the formula to the cent, with the spring-forward night paid for 7 hours', async () => {
    const { region, provider, contract } = await w.contracted({
      region: { population: 250_000 },
      contract: {
        validFrom: '2027-03-10',
        fee: { fixedMonthlyCents: 1_000_000, perPositionHourCents: 4500, perInhabitantMonthlyCents: 2 },
        sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 6000 },
      },
    });
    await w.template(contract.id);
    const nurse = await w.nurse(provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-03-27')).id}/assignments`, { nurseId: nurse.id });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const res = await t.http.post('/api/fee-statements').set(bearer(insurer.token)).send({ month: '2027-03', contractId: contract.id });
    expect(res.status).toBe(200);
    // 22 nights from 10 March: 21 × 8 h + one 7 h night = 175 h = 10500 min; 7 h covered.
    expect(res.body).toEqual([
      {
        id: expect.any(String),
        contractId: contract.id,
        regionCode: region.code,
        function: 'unplanned-night-care',
        insurerUzovi: region.preferredInsurerUzovi,
        responsibleParty: { type: 'provider', agb: provider.agb },
        month: '2027-03',
        status: 'draft',
        positionMinutes: 10_500,
        coveredMinutes: 420,
        coveragePct: 4,
        lines: {
          fixedCents: 709_677, // 1000000 × 22 / 31 = 709677.4
          capitationCents: 354_839, // 2 × 250000 × 22 / 31 = 354838.7
          positionHoursCents: 787_500, // 4500 × 10500 / 60
          deductionCents: 1_008_000, // 6000 × 10080 / 60
        },
        totalCents: 709_677 + 354_839 + 787_500 - 1_008_000,
        computedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
        finalizedAt: null,
        finalizedBy: null,
      },
    ]);
    const coverage = await t.http.get('/api/coverage').query({ regionCode: region.code, month: '2027-03' }).set(bearer(insurer.token));
    expect(coverage.body).toEqual([
      expect.objectContaining({
        contractId: contract.id,
        function: 'unplanned-night-care',
        positionMinutes: 10_500,
        coveredMinutes: 420,
        uncoveredMinutes: 10_080,
        coveragePct: 4,
      }),
    ]);
    expect(coverage.body[0].openSlots).toHaveLength(21);
    expect(coverage.body[0].openSlots[0]).toEqual({
      slotId: expect.any(String),
      start: '2027-03-10T23:00:00+01:00',
      end: '2027-03-11T07:00:00+01:00',
      missing: 1,
    });
  });

  it('recomputing keeps one statement per contract and month; finalize makes it immutable', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const first = (await w.post('/api/fee-statements', { month: '2027-04' }, ADMIN, 200)).find((s: { contractId: string }) => s.contractId === contract.id);
    const nurse = await w.nurse(provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-04-02')).id}/assignments`, { nurseId: nurse.id });
    const [second] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
    expect(second.id).toBe(first.id);
    expect(second.coveredMinutes).toBe(480);
    t.setNow('2027-05-01T00:00:00+02:00'); // April has ended in Amsterdam: only then can it be finalized
    let final: Awaited<ReturnType<typeof w.post>>;
    try {
      final = await w.post(`/api/fee-statements/${first.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    expect(final).toMatchObject({ status: 'final', finalizedAt: expect.any(String) });
    const before = await dbState(t.db);
    expect((await t.http.post(`/api/fee-statements/${first.id}/finalize`).set(bearer(ADMIN))).status).toBe(409);
    expect((await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-04', contractId: contract.id })).status).toBe(409);
    const all = await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-04' });
    expect(all.body.find((s: { id: string }) => s.id === first.id)).toEqual(final);
    // The drafts of other contracts were recomputed (and audited); the final statement is untouched.
    const { fee_statements: statements, audit_events: _audit, ...rest } = await dbState(t.db);
    const { fee_statements: statements0, audit_events: _audit0, ...rest0 } = before;
    expect(rest).toEqual(rest0);
    expect(statements.find((s) => s.id === first.id)).toEqual(statements0.find((s) => s.id === first.id));
  });

  it('a final statement cannot be changed through the database either', async () => {
    const { contract } = await w.contracted();
    const [s] = await w.post('/api/fee-statements', { month: '2027-05', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-06-01T00:00:00+02:00'); // May has ended in Amsterdam
    try {
      await w.post(`/api/fee-statements/${s.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    await expect(t.sql('UPDATE fee_statements SET total_cents = 1 WHERE id = ?', [s.id])).rejects.toThrow(/immutable/);
    await expect(t.sql('DELETE FROM fee_statements WHERE id = ?', [s.id])).rejects.toThrow(/immutable/);
  });

  it('a contract with no day in the month is a 422; months and ids are validated', async () => {
    const { contract } = await w.contracted();
    const before = await dbState(t.db);
    const res = await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2028-01', contractId: contract.id });
    expect(res.status).toBe(422);
    expect((await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-13' })).status).toBe(400);
    expect((await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-1' })).status).toBe(400);
    expect((await t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-01', contractId: 'missing' })).status).toBe(404);
    expect((await t.http.post('/api/fee-statements/missing/finalize').set(bearer(ADMIN))).status).toBe(404);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('scope: an insurer computes and sees only its own; a coordinator reads its regions but does not compute', async () => {
    const a = await w.contracted();
    const b = await w.contracted();
    const insurerA = await w.user('insurer', { insurerUzovi: a.region.preferredInsurerUzovi });
    const computed = await t.http.post('/api/fee-statements').set(bearer(insurerA.token)).send({ month: '2027-06' });
    expect(computed.body.map((s: { contractId: string }) => s.contractId)).toEqual([a.contract.id]);
    expect((await t.http.post('/api/fee-statements').set(bearer(insurerA.token)).send({ month: '2027-06', contractId: b.contract.id })).status).toBe(404);
    await w.post('/api/fee-statements', { month: '2027-06' }, ADMIN, 200);
    const coordinatorB = await w.user('coordinator', { regionCodes: [b.region.code] });
    expect((await t.http.post('/api/fee-statements').set(bearer(coordinatorB.token)).send({ month: '2027-06' })).status).toBe(403);
    const listB = await t.http.get('/api/fee-statements').query({ month: '2027-06' }).set(bearer(coordinatorB.token));
    expect(listB.body.map((s: { contractId: string }) => s.contractId)).toEqual([b.contract.id]);
    const csv = await t.http.get('/api/fee-statements.csv').query({ month: '2027-06' }).set(bearer(insurerA.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,contractId,regionCode,function,insurerUzovi,responsiblePartyType,responsiblePartyId,month,status,positionMinutes,coveredMinutes,coveragePct,fixedCents,capitationCents,positionHoursCents,deductionCents,totalCents,computedAt,finalizedAt',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(a.contract.id);
    expect((await t.http.get('/api/fee-statements.csv').set(bearer(insurerA.token))).status).toBe(400);
    const nurseUser = await w.user('nurse', { nurseId: (await w.nurse(a.provider.agb)).id });
    expect((await t.http.get('/api/fee-statements').set(bearer(nurseUser.token))).status).toBe(403);
  });
});
