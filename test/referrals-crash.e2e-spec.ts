import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import sqlite3 from 'sqlite3';
import { ProductionService } from '../bench/service.js';

/**
 * Kill -9 between two offers: the production build offers a referral to the first provider and
 * is killed; while it is down the offer's answer time passes (the test moves the stored times into
 * the past instead of waiting the minute of the shortest referralResponseMinutes); after the
 * restart its own timer times the offer out and offers the next provider within seconds, once,
 * and nothing is lost or repeated.
 */
const TOKEN = 'crash-test-admin-token-0123456789';
let dir: string;
let service: ProductionService;

function sql(text: string, params: unknown[] = [], write = false): Promise<Array<Record<string, any>>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dir, 'crash.sqlite'), write ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.all(text, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as Array<Record<string, any>>))));
    });
  });
}

beforeAll(async () => {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-referrals-crash-'));
  // Jobs on: the referral timer runs in the process, as in production.
  service = new ProductionService({ DATABASE_PATH: join(dir, 'crash.sqlite'), RUN_JOBS: 'true' }, TOKEN);
}, 120_000);

afterAll(async () => {
  await service?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function must(method: string, path: string, body?: unknown, token?: string) {
  const res = await service.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('after a kill -9 between two offers the next provider is offered once, within seconds of the restart', async () => {
  await service.start();
  const today = DateTime.now().setZone('Europe/Amsterdam').toISODate()!;
  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Z' });
  await must('POST', '/api/regions', { code: 'CRA', name: 'Crash', population: 1000, preferredInsurerUzovi: '3311' });
  const users: Record<string, string> = {};
  for (const [agb, places] of [
    ['75000001', 5],
    ['75000002', 3],
  ] as const) {
    await must('POST', '/api/providers', { agb, name: `Aanbieder ${agb}` });
    users[agb] = (await must('POST', '/api/users', { name: `Intake ${agb}`, role: 'provider', providerAgb: agb })).token;
    await must(
      'PUT',
      `/api/providers/${agb}/intake`,
      { intakePhone: '020 555 0123', lines: [{ regionCode: 'CRA', careKind: 'basic', postcodes: ['1000-1099'], places }] },
      users[agb],
    );
  }
  const partner = await must('POST', '/api/users', { name: 'Transferbureau', role: 'partner', regionCodes: ['CRA'] });
  const referral = await must(
    'POST',
    '/api/referrals',
    { regionCode: 'CRA', postcode: '1053', careKinds: ['basic'], urgency: 'today', startOn: today, referrerReference: 'CRASH-1' },
    partner.token,
  );
  expect(referral.offers.map((o: any) => [o.agb, o.answer])).toEqual([['75000001', null]]);

  await service.stop('SIGKILL');
  // While the service is down the offer's answer time passes.
  const down = Date.now();
  await sql('UPDATE referral_offers SET offered_at = ?, respond_by = ? WHERE referral_id = ?', [down - 31 * 60_000, down - 1_000, referral.id], true);
  await sql('UPDATE referrals SET offer_due_at = ? WHERE id = ?', [down - 1_000, referral.id], true);
  const restarted = Date.now();
  await service.start();
  let after: any = null;
  while (Date.now() - restarted < 15_000) {
    after = await must('GET', `/api/referrals/${referral.id}`);
    if (after.offers.length === 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(after.offers.map((o: any) => [o.agb, o.answer])).toEqual([
    ['75000001', 'timed-out'],
    ['75000002', null],
  ]);
  expect(Date.parse(after.offers[1].offeredAt) - restarted).toBeLessThan(10_000);
  // A few more timer runs later nothing was repeated.
  await new Promise((r) => setTimeout(r, 4_500));
  expect(await sql('SELECT agb, answer FROM referral_offers WHERE referral_id = ? ORDER BY offered_at', [referral.id])).toEqual([
    { agb: '75000001', answer: 'timed-out' },
    { agb: '75000002', answer: null },
  ]);
  const actions = await sql(
    `SELECT action FROM audit_events WHERE entity_type IN ('referral', 'referral-offer') AND (entity_id = ? OR entity_id IN (SELECT id FROM referral_offers WHERE referral_id = ?)) ORDER BY at, id`,
    [referral.id, referral.id],
  );
  expect(actions.map((a) => a.action)).toEqual(['create', 'offer', 'time-out', 'offer']);
  // The second provider takes it after the restart.
  expect((await service.call('POST', `/api/referrals/${referral.id}/accept`, undefined, users['75000002'])).status).toBe(200);
}, 120_000);
