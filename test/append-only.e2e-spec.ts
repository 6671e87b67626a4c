import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { ADMIN, bearer, freshDatabase, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * The audit log and final fee statements are protected in the database itself, against raw SQL
 * that goes around the service: on SQLite against REPLACE (which deletes the old row without
 * firing delete triggers), on PostgreSQL against TRUNCATE (which fires no row triggers).
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const itSqlite = onPostgres ? it.skip : it;
const itPostgres = onPostgres ? it : it.skip;

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

const STATEMENT_COLUMNS = `id, contract_id, month, status, region_code, function, insurer_uzovi, responsible_party,
  position_minutes, covered_minutes, coverage_pct_hundredths, fixed_cents, capitation_cents, position_hours_cents,
  deduction_cents, total_cents, computed_at, finalized_at`;

/** A contract with a final statement for March and a draft for April. */
async function statements() {
  const { contract } = await w.contracted();
  await w.template(contract.id);
  const [final] = await w.post('/api/fee-statements', { month: '2027-03', contractId: contract.id }, ADMIN, 200);
  // Only an ended month can be finalized.
  t.setNow('2027-04-02T09:00:00Z');
  try {
    await w.post(`/api/fee-statements/${final.id}/finalize`, {}, ADMIN, 200);
  } finally {
    t.setNow('2026-11-23T09:00:00Z');
  }
  const [draft] = await w.post('/api/fee-statements', { month: '2027-04', contractId: contract.id }, ADMIN, 200);
  return { final, draft };
}

async function auditRows() {
  return t.sql('SELECT * FROM audit_events ORDER BY id');
}

async function statementRows() {
  return t.sql('SELECT * FROM fee_statements ORDER BY id');
}

describe('append-only audit log and immutable final statements', () => {
  itSqlite('INSERT OR REPLACE cannot rewrite an audit event', async () => {
    await w.insurer();
    const before = await auditRows();
    const [event] = before;
    await expect(
      t.db.query(
        `INSERT OR REPLACE INTO audit_events (id, at, user_id, acting_for, action, entity_type, entity_id, summary)
        VALUES (?, ?, 'intruder', 'nobody', 'create', ?, ?, 'rewritten')`,
        [event.id, event.at, event.entity_type, event.entity_id],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`REPLACE INTO audit_events SELECT id, at, user_id, acting_for, action, entity_type, entity_id, 'rewritten' FROM audit_events`),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`INSERT INTO audit_events SELECT id, at, user_id, acting_for, action, entity_type, entity_id, 'rewritten' FROM audit_events WHERE true
        ON CONFLICT (id) DO UPDATE SET summary = excluded.summary`),
    ).rejects.toThrow(/append-only/);
    expect(await auditRows()).toEqual(before);
  });

  itSqlite('INSERT OR REPLACE or UPDATE OR REPLACE cannot turn a final statement back into a draft or remove it', async () => {
    const { final, draft } = await statements();
    const before = await statementRows();
    // Same id.
    await expect(
      t.db.query(
        `INSERT OR REPLACE INTO fee_statements (${STATEMENT_COLUMNS})
        SELECT id, contract_id, month, 'draft', region_code, function, insurer_uzovi, responsible_party, position_minutes,
          covered_minutes, coverage_pct_hundredths, fixed_cents, capitation_cents, position_hours_cents, deduction_cents,
          0, computed_at, NULL FROM fee_statements WHERE id = ?`,
        [final.id],
      ),
    ).rejects.toThrow(/immutable/);
    // A new id for the same contract and month.
    await expect(
      t.db.query(
        `INSERT OR REPLACE INTO fee_statements (${STATEMENT_COLUMNS})
        SELECT 'forged', contract_id, month, 'draft', region_code, function, insurer_uzovi, responsible_party, position_minutes,
          covered_minutes, coverage_pct_hundredths, fixed_cents, capitation_cents, position_hours_cents, deduction_cents,
          0, computed_at, NULL FROM fee_statements WHERE id = ?`,
        [final.id],
      ),
    ).rejects.toThrow(/immutable/);
    // A draft moved onto the final statement's month would replace it.
    await expect(t.db.query(`UPDATE OR REPLACE fee_statements SET month = '2027-03' WHERE id = ?`, [draft.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`UPDATE OR REPLACE fee_statements SET id = ? WHERE id = ?`, [final.id, draft.id])).rejects.toThrow(/immutable/);
    expect(await statementRows()).toEqual(before);
    // A draft stays a draft: it may still be replaced.
    await t.db.query(`UPDATE OR REPLACE fee_statements SET total_cents = 1 WHERE id = ?`, [draft.id]);
  });

  itPostgres('TRUNCATE cannot empty the audit log or the fee statements', async () => {
    await statements();
    const audit = await auditRows();
    const fees = await statementRows();
    await expect(t.sql('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    await expect(t.sql('TRUNCATE fee_statements')).rejects.toThrow(/immutable/);
    await expect(t.sql('TRUNCATE contracts CASCADE')).rejects.toThrow(/append-only|immutable/);
    expect(await auditRows()).toEqual(audit);
    expect(await statementRows()).toEqual(fees);
  });

  it(`a closed month cannot be reopened by ${onPostgres ? 'TRUNCATE' : 'DELETE'}, so an assignment in a finalized month stays refused`, async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const [statement] = await w.post('/api/fee-statements', { month: '2027-03', contractId: contract.id }, ADMIN, 200);
    t.setNow('2027-04-02T09:00:00Z');
    try {
      await w.post(`/api/fee-statements/${statement.id}/finalize`, {}, ADMIN, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const nurse = await w.nurse(provider.agb);
    const slot = await w.slotOn(region.code, '2027-03-10');
    const closed = await t.sql('SELECT * FROM closed_months ORDER BY contract_id, month');
    expect(closed.some((row) => row.contract_id === contract.id && row.month === '2027-03')).toBe(true);
    if (onPostgres) {
      await expect(t.sql('TRUNCATE closed_months')).rejects.toThrow(/never reopens/);
      // Reached through a cascade from the contracts it refers to, too.
      await expect(t.sql('TRUNCATE contracts CASCADE')).rejects.toThrow(/never reopens|append-only|immutable/);
    } else {
      await expect(t.sql('DELETE FROM closed_months')).rejects.toThrow(/never reopens/);
    }
    expect(await t.sql('SELECT * FROM closed_months ORDER BY contract_id, month')).toEqual(closed);
    const res = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id });
    expect(res.status).toBe(409);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['closed-month']);
  });

  itPostgres('INSERT ... ON CONFLICT DO UPDATE cannot rewrite an audit event or a final statement', async () => {
    const { final } = await statements();
    const audit = await auditRows();
    const fees = await statementRows();
    await expect(t.sql(`INSERT INTO audit_events SELECT * FROM audit_events ON CONFLICT (id) DO UPDATE SET summary = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      t.sql(`INSERT INTO fee_statements SELECT * FROM fee_statements WHERE id = ? ON CONFLICT (id) DO UPDATE SET status = 'draft'`, [final.id]),
    ).rejects.toThrow(/immutable/);
    expect(await auditRows()).toEqual(audit);
    expect(await statementRows()).toEqual(fees);
  });
});

itPostgres('the service works under the least-privilege role of the README, which cannot truncate, rewrite the audit log or drop a trigger', async () => {
  const database = await freshDatabase();
  const ownerUrl = database.env.DATABASE_URL;
  // The owner runs the migrations.
  const migrate = await createApp({ DATABASE_URL: ownerUrl, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
  await migrate.app.init();
  await migrate.app.close();
  const role = `ww_app_${randomBytes(4).toString('hex')}`;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  let app: Awaited<ReturnType<typeof createApp>>['app'] | null = null;
  try {
    for (const sql of [
      `CREATE ROLE ${role} LOGIN`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `REVOKE UPDATE, DELETE ON audit_events FROM ${role}`,
      `REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${role}`,
    ]) {
      await owner.query(sql);
    }
    const url = new URL(ownerUrl);
    url.username = role;
    ({ app } = await createApp({ DATABASE_URL: url.toString(), ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000' }, false));
    await app.init();
    // After March 2027, so that March can be finalized.
    app.get(Clock).set(Date.parse('2027-04-02T09:00:00Z'));
    const http = request(app.getHttpServer());
    const post = async (path: string, body: object, status = 201) => {
      const res = await http.post(path).set(bearer(ADMIN)).send(body);
      expect([path, res.status]).toEqual([path, status]);
      return res.body;
    };
    await post('/api/insurers', { uzovi: '3311', name: 'Z' });
    await post('/api/regions', { code: 'LP', name: 'Least privilege', population: 1000, preferredInsurerUzovi: '3311' });
    await post('/api/providers', { agb: '75000001', name: 'P' });
    const contract = await post('/api/contracts', {
      regionCode: 'LP',
      insurerUzovi: '3311',
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: '75000001' },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    await post(`/api/contracts/${contract.id}/templates`, { name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' });
    const [statement] = await post('/api/fee-statements', { month: '2027-03', contractId: contract.id }, 200);
    await post(`/api/fee-statements/${statement.id}/finalize`, {}, 200);
    const user = await post('/api/users', { name: 'Coordinator', role: 'coordinator', regionCodes: ['LP'] });
    expect((await http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await post('/api/job-runs', { job: 'extend-slots' }, 200)).outcome).toBe('ok');
    expect((await http.get('/api/audit-events').set(bearer(ADMIN))).body.length).toBeGreaterThan(0);

    const asService = app.get(DataSource);
    await expect(asService.query('TRUNCATE job_runs')).rejects.toThrow(/permission denied/);
    await expect(asService.query(`UPDATE audit_events SET summary = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asService.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
    await expect(asService.query('ALTER TABLE fee_statements DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
    await expect(asService.query('DROP TRIGGER audit_events_no_update ON audit_events')).rejects.toThrow(/must be owner/);
  } finally {
    await app?.close();
    await owner.end();
    await database.drop();
    const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${role}`);
    await server.end();
  }
});
