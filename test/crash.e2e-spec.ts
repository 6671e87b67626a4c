import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { ProductionService } from '../bench/service.js';

/**
 * Kills the service process (SIGKILL) while it writes a large template, restarts it on the same
 * database file, and checks that the template is there with all its slots or not at all, and that
 * everything committed before is intact.
 */
const TOKEN = 'crash-test-admin-token-0123456789';
let dir: string;
let service: ProductionService;

const api = (method: string, path: string, body?: unknown) => service.call(method, path, body);

function query(sql: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(join(dir, 'crash.sqlite'), sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.all(sql, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as Array<Record<string, unknown>>))));
    });
  });
}

beforeAll(async () => {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-crash-'));
  service = new ProductionService({ DATABASE_PATH: join(dir, 'crash.sqlite') }, TOKEN);
}, 120_000);

afterAll(async () => {
  await service?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('a template written while the process is killed is all there or not there at all', async () => {
  await service.start();
  expect((await api('POST', '/api/insurers', { uzovi: '3311', name: 'Z' })).status).toBe(201);
  expect((await api('POST', '/api/regions', { code: 'CRA', name: 'Crash', population: 1000, preferredInsurerUzovi: '3311' })).status).toBe(201);
  expect((await api('POST', '/api/providers', { agb: '75000001', name: 'P' })).status).toBe(201);
  const contract = await api('POST', '/api/contracts', {
    regionCode: 'CRA',
    insurerUzovi: '3311',
    function: 'unplanned-night-care',
    responsibleParty: { type: 'provider', agb: '75000001' },
    validFrom: '2027-01-01',
    validTo: '2070-12-31',
  });
  expect(contract.status).toBe(201);
  const small = await api('POST', `/api/contracts/${contract.body.id}/templates`, {
    name: 'Yearly',
    rrule: 'FREQ=YEARLY',
    startTime: '10:00',
    endTime: '11:00',
  });
  expect(small.body.slotCount).toBe(44);

  const outcomes: string[] = [];
  for (const delay of [50, 300, 1200, 5000]) {
    const write = api('POST', `/api/contracts/${contract.body.id}/templates`, {
      name: `Night ${delay}`,
      rrule: 'FREQ=DAILY',
      startTime: '23:00',
      endTime: '07:00',
    }).catch(() => null);
    await new Promise((r) => setTimeout(r, delay));
    await service.stop('SIGKILL');
    await write;
    await service.start();
    const templates = await query(`SELECT id, name FROM templates WHERE name = 'Night ${delay}'`);
    if (templates.length === 1) {
      const [{ n }] = await query(`SELECT COUNT(*) AS n FROM slots WHERE template_id = '${String(templates[0].id)}'`);
      // Every night from 2027-01-01 to 2070-12-31: 44 × 365 + 11 leap days.
      expect(n).toBe(16_071);
      outcomes.push('committed');
    } else {
      expect(templates).toHaveLength(0);
      const [{ n }] = await query(`SELECT COUNT(*) AS n FROM slots s LEFT JOIN templates t ON t.id = s.template_id WHERE t.id IS NULL`);
      expect(n).toBe(0);
      outcomes.push('absent');
    }
    // Everything committed before is intact.
    const [{ n: yearly }] = await query(`SELECT COUNT(*) AS n FROM slots WHERE template_id = '${small.body.id}'`);
    expect(yearly).toBe(44);
    expect((await api('GET', '/api/regions/CRA')).status).toBe(200);
  }
  // The health endpoint and a fresh write work after the crashes.
  expect((await api('GET', '/api/contracts/' + contract.body.id)).status).toBe(200);
  expect(outcomes).toHaveLength(4);
  process.stdout.write(`crash outcomes: ${outcomes.join(', ')}\n`);
}, 180_000);
