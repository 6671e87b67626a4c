import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());
afterEach(() => t.setNow('2026-11-23T09:00:00Z'));

const MAX_CENTS = 1_000_000_000;

/** A raw write with `?` placeholders on either database (t.sql expects rows back). */
async function write(text: string, params: unknown[]): Promise<void> {
  let i = 0;
  await t.db.query(t.db.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text, params);
}

describe('fee bounds: a valid contract always yields a statement', () => {
  it('a contract at every bound with 100 templates of 50 nurses round the clock gets its statement, and a 101st template is refused', async () => {
    const { region, contract } = await w.contracted({
      region: { population: 100_000_000 },
      contract: {
        validFrom: '2027-10-01',
        validTo: '2027-10-31',
        fee: { fixedMonthlyCents: MAX_CENTS, perPositionHourCents: MAX_CENTS, perInhabitantMonthlyCents: 1_000_000 },
        sla: { minCoveragePct: 100, deductionPerUncoveredHourCents: MAX_CENTS },
      },
    });
    const roundTheClock = { rrule: 'FREQ=DAILY', startTime: '12:00', endTime: '12:00', requiredNurses: 50, requiredQualifications: [] };
    for (let i = 0; i < 100; i++) await w.template(contract.id, { ...roundTheClock, name: `Dienst ${i}` });

    const before = await dbState(t.db);
    const refused = await t.http
      .post(`/api/contracts/${contract.id}/templates`)
      .set(bearer(ADMIN))
      .send({ ...roundTheClock, name: 'Een te veel' });
    expect(refused.status).toBe(422);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['too-many-templates']);
    expect(await dbState(t.db)).toEqual(before);

    const [statement] = await w.post('/api/fee-statements', { month: '2027-10', contractId: contract.id }, ADMIN, 200);
    // Per template: 30 days of 24 h and the fall-back day (30 → 31 October) of 25 h, × 50 nurses.
    const positionMinutes = 100 * 50 * (30 * 1440 + 1500);
    expect(positionMinutes).toBe(223_500_000);
    expect(statement).toMatchObject({
      regionCode: region.code,
      positionMinutes,
      coveredMinutes: 0,
      coveragePct: 0,
      lines: {
        fixedCents: 1_000_000_000,
        capitationCents: 100_000_000_000_000, // 1000000 × 100000000
        positionHoursCents: 3_725_000_000_000_000, // 1000000000 × 223500000 / 60
        deductionCents: 3_725_000_000_000_000, // every position-hour uncovered, at the same rate
      },
      totalCents: 100_001_000_000_000,
    });
    const listed = await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(ADMIN));
    expect(listed.body).toEqual([statement]);
  });

  it('fee parts one cent above their bound are a 400 that writes nothing', async () => {
    const { region, provider } = await w.contracted();
    const before = await dbState(t.db);
    for (const fee of [{ fixedMonthlyCents: MAX_CENTS + 1 }, { perPositionHourCents: MAX_CENTS + 1 }, { perInhabitantMonthlyCents: 1_000_001 }]) {
      const res = await t.http
        .post('/api/contracts')
        .set(bearer(ADMIN))
        .send({
          regionCode: region.code,
          insurerUzovi: region.preferredInsurerUzovi,
          function: 'acute-screening',
          responsibleParty: { type: 'provider', agb: provider.agb },
          validFrom: '2027-01-01',
          fee,
        });
      expect(res.status).toBe(400);
    }
    expect(await dbState(t.db)).toEqual(before);
  });

  it('position- and covered-minutes beyond 32 bits are stored and read back exactly', async () => {
    const { region, contract } = await w.contracted();
    await write(
      `INSERT INTO fee_statements (id, contract_id, month, status, region_code, function, insurer_uzovi, responsible_party,
        position_minutes, covered_minutes, coverage_pct_hundredths, fixed_cents, capitation_cents, position_hours_cents,
        deduction_cents, total_cents, computed_at, finalized_at)
       VALUES (?, ?, '2027-02', 'draft', ?, 'unplanned-night-care', ?, '{"type":"provider","agb":"75000000"}',
        ?, ?, 5000, 0, 0, 0, 0, 0, ?, NULL)`,
      ['wide-minutes', contract.id, region.code, region.preferredInsurerUzovi, 6_000_000_000, 3_000_000_000, Date.parse('2027-03-01T00:00:00Z')],
    );
    const res = await t.http.get('/api/fee-statements').query({ contractId: contract.id, month: '2027-02' }).set(bearer(ADMIN));
    expect(res.body).toEqual([expect.objectContaining({ id: 'wide-minutes', positionMinutes: 6_000_000_000, coveredMinutes: 3_000_000_000 })]);
  });

  it('the monthly job drafts every other contract when one contract cannot be computed, and counts the failure', async () => {
    const broken = await w.contracted({ contract: { validFrom: '2027-03-01', validTo: '2027-03-31' } });
    const healthy = await w.contracted({ contract: { validFrom: '2027-03-01', validTo: '2027-03-31' } });
    await w.template(broken.contract.id);
    await w.template(healthy.contract.id);
    // Corrupt data the API can never write: a negative duration makes the position-minutes negative.
    await write('UPDATE slots SET duration_minutes = ? WHERE contract_id = ? AND local_date = ?', [-1_000_000, broken.contract.id, '2027-03-05']);
    t.setNow('2027-04-01T01:00:00Z'); // 03:00 in Amsterdam on the 1st
    const run = await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'draft-fee-statements' });
    expect(run.status).toBe(200);
    // The other tests' contracts in this database run through March too: every one of them is drafted.
    const { contracts, drafted, final, failed } = run.body.counts;
    expect(run.body.outcome).toBe('ok');
    expect({ drafted, final, failed }).toEqual({ drafted: contracts - 1, final: 0, failed: 1 });
    const march = await t.http.get('/api/fee-statements').query({ month: '2027-03' }).set(bearer(ADMIN));
    const ids = march.body.map((s: { contractId: string }) => s.contractId);
    expect(ids).toHaveLength(contracts - 1);
    expect(ids).not.toContain(broken.contract.id);
    expect(march.body.find((s: { contractId: string }) => s.contractId === healthy.contract.id)).toMatchObject({
      status: 'draft',
      positionMinutes: (30 * 8 + 7) * 60,
    });
  });
});
