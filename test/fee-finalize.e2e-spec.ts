import { SYSTEM_PRINCIPAL } from '../src/common/principal.js';
import { ContractEntity } from '../src/contracts/contract.entity.js';
import { FeeStatementsService } from '../src/fees/fee-statements.service.js';
import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());
afterEach(() => t.setNow('2026-11-23T09:00:00Z'));

/** A raw write with `?` placeholders on either database (t.sql expects rows back). */
async function write(text: string, params: unknown[]): Promise<void> {
  let i = 0;
  await t.db.query(t.db.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text, params);
}

const rules = (body: { violations?: Array<{ rule: string }> }) => (body.violations ?? []).map((v) => v.rule);

describe('finalizing a fee statement', () => {
  it('records who finalized: the list answers name the user as stored then, drafts name nobody', async () => {
    const { region, contract } = await w.contracted();
    const insurer = await w.user('insurer', { name: 'Joke de Vries', insurerUzovi: region.preferredInsurerUzovi });
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const [april] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
    const [may] = await w.post('/api/fee-statements', { month: '2027-05', contractId: contract.id }, ADMIN, 200);
    expect(april.finalizedBy).toBeNull();
    t.setNow('2027-05-01T00:00:00+02:00');
    // A coordinator may not finalize: 403, and nothing is recorded.
    const before = await dbState(t.db);
    expect((await t.http.post(`/api/fee-statements/${april.id}/finalize`).set(bearer(coordinator.token))).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
    const final = await w.post(`/api/fee-statements/${april.id}/finalize`, {}, insurer.token, 200);
    expect(final).toMatchObject({ status: 'final', finalizedAt: '2027-05-01T00:00:00+02:00', finalizedBy: { userId: insurer.id, name: 'Joke de Vries' } });
    expect(Object.keys(final.finalizedBy).sort()).toEqual(['name', 'userId']);
    // Renaming the user later does not change the final statement.
    await t.http.patch(`/api/users/${insurer.id}`).set(bearer(ADMIN)).send({ name: 'Joke Jansen' });
    for (const token of [insurer.token, coordinator.token, ADMIN]) {
      const listed = await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(token));
      expect(listed.status).toBe(200);
      expect(listed.body.map((s: { month: string; finalizedBy: unknown }) => [s.month, s.finalizedBy])).toEqual([
        ['2027-04', { userId: insurer.id, name: 'Joke de Vries' }],
        ['2027-05', null],
      ]);
    }
    // Computing the month again returns the final statement untouched, finalizer included.
    const recomputed = await w.post('/api/fee-statements', { month: '2027-04' }, insurer.token, 200);
    expect(recomputed.find((s: { id: string }) => s.id === april.id).finalizedBy).toEqual({ userId: insurer.id, name: 'Joke de Vries' });
    // The CSV keeps the columns api.md fixes: no finalizer in it.
    const csv = await t.http.get('/api/fee-statements.csv').query({ month: '2027-04' }).set(bearer(insurer.token));
    expect(csv.text.split('\r\n')[0]).not.toContain('finalizedBy');
    expect(csv.text).not.toContain('Joke');
    // A second finalize is 409 and keeps the first finalizer.
    expect((await t.http.post(`/api/fee-statements/${april.id}/finalize`).set(bearer(ADMIN))).status).toBe(409);
    expect((await t.http.get('/api/fee-statements').query({ contractId: contract.id, month: '2027-04' }).set(bearer(ADMIN))).body[0].finalizedBy.userId).toBe(
      insurer.id,
    );
    // The environment's admin token is no stored user: it finalizes as "Beheerder".
    t.setNow('2027-06-01T00:00:00+02:00');
    expect(await w.post(`/api/fee-statements/${may.id}/finalize`, {}, ADMIN, 200)).toMatchObject({
      finalizedBy: { userId: 'admin-token', name: 'Beheerder' },
    });
  });

  it('a statement finalized before finalizers were recorded answers finalizedBy null', async () => {
    const { contract } = await w.contracted();
    const [draft] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
    // A final row as the migration leaves one finalized before it (a final row can no longer be updated).
    await write(`UPDATE fee_statements SET status = 'final', finalized_at = ? WHERE id = ?`, [Date.parse('2027-05-01T00:00:00+02:00'), draft.id]);
    const [listed] = (await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(ADMIN))).body;
    expect(listed).toMatchObject({ status: 'final', finalizedAt: '2027-05-01T00:00:00+02:00', finalizedBy: null });
  });

  it('what becomes final is the roster at that moment, not the stale draft', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const [draft] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
    expect(draft.coveredMinutes).toBe(0);
    const nurse = await w.nurse(provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(region.code, '2027-04-02')).id}/assignments`, { nurseId: nurse.id });
    t.setNow('2027-05-01T00:00:00+02:00');
    const final = await w.post(`/api/fee-statements/${draft.id}/finalize`, {}, ADMIN, 200);
    // 30 nights of 8 h at 4500 cents an hour; one night covered now.
    expect(final).toMatchObject({ id: draft.id, status: 'final', positionMinutes: 14_400, coveredMinutes: 480, totalCents: 1_080_000 });
    expect(final.coveragePct).toBe(3.33);
    expect(final.computedAt).toBe('2027-05-01T00:00:00+02:00');
    const listed = await t.http.get('/api/fee-statements').query({ contractId: contract.id, month: '2027-04' }).set(bearer(ADMIN));
    expect(listed.body).toEqual([final]);
  });

  it("a month can be finalized from 00:00 on the 1st of the next month in the region's zone, not a minute before", async () => {
    // Auckland is 10 hours ahead of Amsterdam on 30 April 2027: there the month ends while Amsterdam's afternoon is still April.
    const { contract } = await w.contracted({ region: { timezone: 'Pacific/Auckland' } });
    const [draft] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-04-30T23:59:00+12:00');
    const before = await dbState(t.db);
    const early = await t.http.post(`/api/fee-statements/${draft.id}/finalize`).set(bearer(ADMIN));
    expect(early.status).toBe(422);
    expect(rules(early.body)).toEqual(['month-not-ended']);
    expect(await dbState(t.db)).toEqual(before);
    t.setNow('2027-05-01T00:00:00+12:00');
    const final = await w.post(`/api/fee-statements/${draft.id}/finalize`, {}, ADMIN, 200);
    expect(final).toMatchObject({ status: 'final', finalizedAt: '2027-05-01T00:00:00+12:00' });
  });

  it('a statement whose contract no longer has a day in its month cannot be finalized', async () => {
    const { contract } = await w.contracted();
    const [draft] = await w.post('/api/fee-statements', { month: '2027-06', contractId: contract.id }, ADMIN, 200);
    // The contract now ends before June, as a termination made before its drafts were reconciled leaves it.
    await write('UPDATE contracts SET valid_to = ? WHERE id = ?', ['2027-05-31', contract.id]);
    t.setNow('2027-07-01T00:00:00+02:00');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/fee-statements/${draft.id}/finalize`).set(bearer(ADMIN));
    expect(res.status).toBe(422);
    expect(rules(res.body)).toEqual(['no-day-in-month']);
    expect(await dbState(t.db)).toEqual(before);
    t.setNow('2027-06-30T12:00:00+02:00');
    const both = await t.http.post(`/api/fee-statements/${draft.id}/finalize`).set(bearer(ADMIN));
    expect(rules(both.body)).toEqual(['month-not-ended', 'no-day-in-month']);
  });

  it('statements of thirty contracts finalized at once all succeed (no second connection inside the transaction)', async () => {
    const drafts = [];
    for (let i = 0; i < 30; i++) {
      const { contract } = await w.contracted();
      drafts.push((await w.post('/api/fee-statements', { month: '2027-02', contractId: contract.id }, ADMIN, 200))[0]);
    }
    t.setNow('2027-03-01T00:00:00+01:00');
    const results = await Promise.all(drafts.map((d) => t.http.post(`/api/fee-statements/${d.id}/finalize`).set(bearer(ADMIN))));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
  }, 20_000);
});

describe('reconciling statements after a termination', () => {
  it("deletes the drafts after lastDay's month and recomputes the draft of that month, in the caller's transaction", async () => {
    const { contract } = await w.contracted({ contract: { fee: { fixedMonthlyCents: 300_000, perPositionHourCents: 4500 } } });
    await w.template(contract.id);
    const [may] = await w.post('/api/fee-statements', { month: '2027-05', contractId: contract.id }, ADMIN, 200);
    const [june] = await w.post('/api/fee-statements', { month: '2027-06', contractId: contract.id }, ADMIN, 200);
    const [july] = await w.post('/api/fee-statements', { month: '2027-07', contractId: contract.id }, ADMIN, 200);
    const [august] = await w.post('/api/fee-statements', { month: '2027-08', contractId: contract.id }, ADMIN, 200);
    const fees = t.app.get(FeeStatementsService);
    const result = await t.db.transaction(async (m) => {
      // What the termination does first: shorten the period and remove the slots after lastDay.
      await m.update(ContractEntity, { id: contract.id }, { validTo: '2027-06-15' });
      await m.query(`DELETE FROM slots WHERE contract_id = ${t.db.options.type === 'postgres' ? '$1' : '?'} AND local_date > '2027-06-15'`, [contract.id]);
      const terminated = await m.findOneByOrFail(ContractEntity, { id: contract.id });
      return fees.reconcileAfterTermination(m, SYSTEM_PRINCIPAL, terminated, '2027-06-15');
    });
    expect(result).toEqual({ deleted: [july.id, august.id], recomputed: june.id });
    const listed = await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(ADMIN));
    expect(listed.body.map((s: { month: string }) => s.month)).toEqual(['2027-05', '2027-06']);
    expect(listed.body[0]).toEqual(may);
    // 15 of 30 days of the fixed fee, 15 nights of 8 h.
    expect(listed.body[1]).toMatchObject({ id: june.id, status: 'draft', positionMinutes: 7_200, lines: { fixedCents: 150_000, positionHoursCents: 540_000 } });
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'fee-statement', entityId: july.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['delete', 'compute']); // newest first
  });

  it('leaves everything as it was when there are no drafts to reconcile', async () => {
    const { contract } = await w.contracted();
    const before = await dbState(t.db);
    const entity = await t.db.manager.findOneByOrFail(ContractEntity, { id: contract.id });
    const result = await t.db.transaction((m) => t.app.get(FeeStatementsService).reconcileAfterTermination(m, SYSTEM_PRINCIPAL, entity, '2027-03-31'));
    expect(result).toEqual({ deleted: [], recomputed: null });
    expect(await dbState(t.db)).toEqual(before);
  });
});
