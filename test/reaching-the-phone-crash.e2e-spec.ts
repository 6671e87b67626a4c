import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import sqlite3 from 'sqlite3';
import { ProductionService } from '../bench/service.js';
import { StandIn } from './support/push-service.js';

/**
 * Kill -9 between a page and its SMS: the production build pages the nurse and is killed; while
 * it is down the SMS falls due (the test moves the stored due time into the past instead of
 * waiting); after the restart its own timer sends the SMS through the gateway stand-in within
 * seconds, once.
 */
const TOKEN = 'crash-test-admin-token-0123456789';
let dir: string;
let service: ProductionService;
let gateway: StandIn;

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
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-sms-crash-'));
  gateway = await new StandIn().start();
  gateway.answer = (r) => {
    const reference = JSON.parse(r.body.toString()).messages.msg[0].reference;
    return { status: 200, body: JSON.stringify({ details: 'Created 1 message(s)', errorCode: 0, messages: [{ status: 'Accepted', reference, parts: 1 }] }) };
  };
  service = new ProductionService(
    { DATABASE_PATH: join(dir, 'crash.sqlite'), RUN_JOBS: 'true', SMS_GATEWAY_URL: gateway.url('/v1.0/message'), SMS_GATEWAY_TOKEN: 'token' },
    TOKEN,
  );
}, 120_000);

afterAll(async () => {
  await service?.stop('SIGKILL');
  await gateway?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function must(method: string, path: string, body?: unknown, token?: string) {
  const res = await service.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

it('after a kill -9 between a page and its SMS the SMS still goes, once, within seconds of the restart', async () => {
  await service.start();
  const now = DateTime.now().setZone('Europe/Amsterdam');
  const today = now.toISODate()!;
  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Z' });
  await must('POST', '/api/regions', { code: 'SMS', name: 'Sms', population: 1000, preferredInsurerUzovi: '3311' });
  await must('PATCH', '/api/regions/SMS', { smsAfterSeconds: 3600 });
  await must('POST', '/api/providers', { agb: '75000001', name: 'P' });
  const contract = await must('POST', '/api/contracts', {
    regionCode: 'SMS',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75000001' },
    validFrom: now.minus({ days: 1 }).toISODate(),
    validTo: now.plus({ days: 3 }).toISODate(),
    sla: { ackMinutes: 120 },
  });
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  await must('POST', `/api/contracts/${contract.id}/templates`, { name: 'Nu', rrule: 'FREQ=DAILY', startTime: hh(now.hour), endTime: hh(now.hour + 2) });
  const [slot] = await must('GET', `/api/slots?regionCode=SMS&from=${today}&to=${today}`);
  const nurse = await must('POST', '/api/nurses', { name: 'Anna', employerAgb: '75000001', qualifications: ['district-nurse'], phone: '06 12345678' });
  await must('POST', `/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  const partner = await must('POST', '/api/users', { name: 'Huisartsenpost', role: 'partner', regionCodes: ['SMS'] });
  const request = await must(
    'POST',
    '/api/requests',
    { regionCode: 'SMS', function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: 'CRASH-SMS' },
    partner.token,
  );
  expect(request.pages).toHaveLength(1);
  expect(request.pages[0].smsDueAt).not.toBeNull();

  await service.stop('SIGKILL');
  expect(gateway.received).toHaveLength(0);
  // While the service is down, the SMS falls due.
  await sql('UPDATE request_pages SET sms_due_at = ? WHERE id = ?', [Date.now() - 1_000, request.pages[0].id], true);
  await service.start();
  // From the moment the restarted service answers (its start itself takes longer on a busy machine).
  const up = Date.now();
  while (gateway.received.length === 0 && Date.now() - up < 15_000) await new Promise((r) => setTimeout(r, 200));
  expect(gateway.received).toHaveLength(1);
  expect(Date.now() - up).toBeLessThan(10_000);
  expect(JSON.parse(gateway.received[0].body.toString()).messages.msg[0].body.content).toMatch(/^Wijkwacht: acute oproep .* PC 1012\. Ik ga: http/);
  // A few more timer and outbox runs later nothing went twice.
  await new Promise((r) => setTimeout(r, 4_500));
  expect(gateway.received).toHaveLength(1);
  const rows = await sql(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'sms'`);
  expect(rows[0].n).toBe(1);
  const view = await must('GET', `/api/requests/${request.id}`);
  expect(view.pages[0].deliveries).toEqual([expect.objectContaining({ channel: 'sms', sentAt: expect.any(String) })]);
}, 120_000);
