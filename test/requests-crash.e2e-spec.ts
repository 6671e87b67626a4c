import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import sqlite3 from 'sqlite3';
import { ProductionService } from '../bench/service.js';

/**
 * Kill -9 between two escalation steps: the production build pages step 1 and is killed; while
 * it is down the next step falls due (the test moves the stored due time into the past instead
 * of waiting the minute of the shortest ackMinutes); after the restart its own ticker pages that
 * step within seconds, once, and nothing is lost.
 */
const TOKEN = 'crash-test-admin-token-0123456789';
let dir: string;
let service: ProductionService;

const api = (method: string, path: string, body?: unknown, token?: string) => service.call(method, path, body, token);

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
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-requests-crash-'));
  // Jobs on: the escalation ticker runs in the process, as in production.
  service = new ProductionService({ DATABASE_PATH: join(dir, 'crash.sqlite'), RUN_JOBS: 'true' }, TOKEN);
}, 120_000);

afterAll(async () => {
  await service?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function must(method: string, path: string, body?: unknown, token?: string) {
  const res = await api(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('after a kill -9 between two steps the next step is paged once, within seconds of the restart', async () => {
  await service.start();
  const now = DateTime.now().setZone('Europe/Amsterdam');
  const today = now.toISODate()!;
  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Z' });
  await must('POST', '/api/regions', { code: 'CRA', name: 'Crash', population: 1000, preferredInsurerUzovi: '3311' });
  await must('POST', '/api/providers', { agb: '75000001', name: 'P' });
  const contract = await must('POST', '/api/contracts', {
    regionCode: 'CRA',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75000001' },
    validFrom: now.minus({ days: 1 }).toISODate(),
    validTo: now.plus({ days: 3 }).toISODate(),
    sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 1 },
  });
  // A two-hour slot from the start of the current hour: the nurse is on duty now.
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  await must('POST', `/api/contracts/${contract.id}/templates`, { name: 'Nu', rrule: 'FREQ=DAILY', startTime: hh(now.hour), endTime: hh(now.hour + 2) });
  const [slot] = await must('GET', `/api/slots?regionCode=CRA&from=${today}&to=${today}`);
  const nurse = await must('POST', '/api/nurses', { name: 'Anna', employerAgb: '75000001', qualifications: ['district-nurse'] });
  await must('POST', `/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  const coordinator = await must('POST', '/api/users', { name: 'Coördinator', role: 'coordinator', regionCodes: ['CRA'] });
  const partner = await must('POST', '/api/users', { name: 'Huisartsenpost', role: 'partner', regionCodes: ['CRA'] });
  const request = await must(
    'POST',
    '/api/requests',
    { regionCode: 'CRA', function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: 'CRASH-1' },
    partner.token,
  );
  expect(request).toMatchObject({ step: 1, status: 'paging', pages: [{ nurseId: nurse.id }] });

  await service.stop('SIGKILL');
  // While the service is down, step 2 falls due: step 1 was paged a minute (its ackMinutes) ago.
  const down = Date.now();
  await sql('UPDATE requests SET step_started_at = ?, next_step_at = ? WHERE id = ?', [down - 61_000, down - 1_000, request.id], true);
  const restarted = Date.now();
  await service.start();
  let after: any = null;
  while (Date.now() - restarted < 15_000) {
    after = await must('GET', `/api/requests/${request.id}`);
    if (after.step === 3) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // Nobody else of the party is on duty: step 2 passes straight to the coordinator.
  expect(after).toMatchObject({ status: 'escalated', step: 3 });
  const pagedWithinMs = Date.parse(after.pages[1].pagedAt) - restarted;
  expect(pagedWithinMs).toBeLessThan(10_000);
  // A few more ticker runs later nothing was paged twice.
  await new Promise((r) => setTimeout(r, 4_500));
  const pages = await sql('SELECT step, recipient FROM request_pages WHERE request_id = ? ORDER BY step', [request.id]);
  expect(pages).toEqual([
    { step: 1, recipient: `nurse:${nurse.id}` },
    { step: 3, recipient: `user:${coordinator.id}` },
  ]);
  const steps = await sql(`SELECT action FROM audit_events WHERE entity_type = 'request' AND entity_id = ? ORDER BY at`, [request.id]);
  expect(steps.map((s) => s.action)).toEqual(['create', 'page-step', 'escalate']);
}, 120_000);
