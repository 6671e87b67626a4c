import { ADMIN, bearer, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

describe('audit log', () => {
  it('records who, for whom, what and when for every change, filterable by entity and time', async () => {
    const { region, contract } = await w.contracted();
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    t.setNow('2027-02-01T10:00:00Z');
    try {
      await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(insurer.token)).send({ lastDay: '2027-10-31' }).expect(200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const res = await t.http.get('/api/audit-events').query({ entityType: 'contract', entityId: contract.id }).set(bearer(ADMIN));
    expect(res.status).toBe(200);
    // Newest first.
    expect(res.body).toEqual([
      expect.objectContaining({
        action: 'terminate',
        actingFor: `insurer ${region.preferredInsurerUzovi}`,
        at: '2027-02-01T11:00:00+01:00',
        summary: expect.stringContaining('2027-10-31'),
      }),
      expect.objectContaining({ action: 'create', entityType: 'contract', entityId: contract.id, userId: 'admin-token', actingFor: 'admin' }),
    ]);
    const window = await t.http
      .get('/api/audit-events')
      .query({ entityId: contract.id, from: '2027-02-01T10:59:00+01:00', to: '2027-02-01T12:00:00+01:00' })
      .set(bearer(ADMIN));
    expect(window.body.map((e: { action: string }) => e.action)).toEqual(['terminate']);
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    expect((await t.http.get('/api/audit-events').set(bearer(coordinator.token))).status).toBe(403);
  });

  it('never records a token or a feed secret', async () => {
    const user = await w.user('admin');
    const rows = await t.sql('SELECT summary FROM audit_events');
    expect(JSON.stringify(rows)).not.toContain(user.token);
  });

  it('is append-only at the database level', async () => {
    await w.insurer();
    await expect(t.sql("UPDATE audit_events SET summary = 'edited'")).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('a refused request appends nothing', async () => {
    const before = (await t.sql('SELECT COUNT(*) AS n FROM audit_events'))[0].n;
    await t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: 'x' }).expect(400);
    expect((await t.sql('SELECT COUNT(*) AS n FROM audit_events'))[0].n).toBe(before);
  });
});

describe('races', () => {
  it('parallel conflicting contract creations: one wins, the rest get 409', async () => {
    const region = await w.region();
    const providers = [];
    for (let i = 0; i < 8; i++) providers.push(await w.provider());
    const results = await Promise.all(
      providers.map((p) =>
        t.http
          .post('/api/contracts')
          .set(bearer(ADMIN))
          .send({
            regionCode: region.code,
            insurerUzovi: region.preferredInsurerUzovi,
            function: 'specialist-nursing',
            responsibleParty: { type: 'provider', agb: p.agb },
            validFrom: '2027-01-01',
          }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await t.sql('SELECT COUNT(*) AS n FROM contracts WHERE region_code = ?', [region.code]))[0].n).toBe(1);
  });

  it('parallel fee computations for one month give one statement per contract', async () => {
    const { contract } = await w.contracted();
    await w.template(contract.id);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.http.post('/api/fee-statements').set(bearer(ADMIN)).send({ month: '2027-02', contractId: contract.id })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body[0].id)).size).toBe(1);
    expect((await t.sql('SELECT COUNT(*) AS n FROM fee_statements WHERE contract_id = ?', [contract.id]))[0].n).toBe(1);
  });

  it('a second statement for the same contract and month is refused by a unique constraint', async () => {
    const { contract } = await w.contracted();
    await w.post('/api/fee-statements', { month: '2027-03', contractId: contract.id }, ADMIN, 200);
    await expect(
      t.sql(
        `INSERT INTO fee_statements (id, contract_id, month, status, region_code, function, insurer_uzovi, responsible_party, position_minutes, covered_minutes, coverage_pct_hundredths, fixed_cents, capitation_cents, position_hours_cents, deduction_cents, total_cents, computed_at)
         VALUES ('dup', ?, '2027-03', 'draft', 'X', 'f', '1', '{}', 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
        [contract.id],
      ),
    ).rejects.toThrow(/UNIQUE|unique constraint/i);
  });

  it('the slot count cannot exceed the requirement at the database level', async () => {
    const { region, contract } = await w.contracted();
    await w.template(contract.id);
    const slot = await w.slotOn(region.code, '2027-02-02');
    await expect(t.sql('UPDATE slots SET assigned_count = 2 WHERE id = ?', [slot.id])).rejects.toThrow(/CHECK|check constraint/i);
  });
});
