import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchedulerRegistry } from '@nestjs/schedule';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

let t: TestApp;
let w: World;
let hook: Server;
const received: unknown[] = [];
let failFirst = true;

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      // The first delivery fails, so the retry path is exercised.
      if (failFirst) {
        failFirst = false;
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const port = (hook.address() as AddressInfo).port;
  t = await startTestApp({ ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/alerts` });
  w = new World(t);
});
afterAll(async () => {
  await t.close();
  hook.close();
});

const run = async (job: string) => {
  const res = await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job });
  expect(res.status).toBe(200);
  return res.body;
};

describe('scheduled jobs', () => {
  it('registers the three crons', () => {
    const jobs = t.app.get(SchedulerRegistry).getCronJobs();
    expect([...jobs.keys()].sort()).toEqual(['draft-fee-statements', 'extend-slots', 'scan-gaps']);
  });

  it('extend-slots keeps open-ended contracts 400 days ahead and is idempotent', async () => {
    t.setNow('2026-11-23T09:00:00Z');
    const { region, contract } = await w.contracted({ contract: { validFrom: '2026-12-01', validTo: undefined } });
    await w.template(contract.id, { startTime: '09:00', endTime: '17:00' });
    expect(await w.slots(region.code, '2028-01-01', '2028-01-31')).toEqual([]);
    t.setNow('2027-03-01T00:30:00Z');
    try {
      const first = await run('extend-slots');
      expect(first).toMatchObject({
        id: expect.any(String),
        job: 'extend-slots',
        outcome: 'ok',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      expect(first.counts.slots).toBeGreaterThanOrEqual(90);
      const late = await w.slots(region.code, '2028-04-01', '2028-04-30');
      // 2027-03-01 + 400 days (2028 is a leap year) = 2028-04-04, plus the two-day margin.
      expect(late.map((s) => s.localDate)).toEqual(['2028-04-01', '2028-04-02', '2028-04-03', '2028-04-04', '2028-04-05', '2028-04-06']);
      const again = await run('extend-slots');
      expect(again.counts.slots).toBe(0);
      const runs = await t.http.get('/api/job-runs').query({ job: 'extend-slots' }).set(bearer(ADMIN));
      expect(runs.body.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([first.id, again.id]));
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });

  it('scan-gaps records one alert per open slot in the next 72 h, resolves covered ones, and posts new ones to the webhook', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    t.setNow('2027-05-10T10:00:00Z');
    try {
      const first = await run('scan-gaps');
      const alerts = await t.http.get('/api/alerts').query({ regionCode: region.code, status: 'open' }).set(bearer(ADMIN));
      expect(alerts.body.map((a: { start: string }) => a.start)).toEqual([
        '2027-05-10T23:00:00+02:00',
        '2027-05-11T23:00:00+02:00',
        '2027-05-12T23:00:00+02:00',
      ]);
      expect(alerts.body[0]).toMatchObject({ regionCode: region.code, function: 'unplanned-night-care', missing: 1, status: 'open', resolvedAt: null });
      expect(first.counts.created).toBeGreaterThanOrEqual(3);
      expect((await run('scan-gaps')).counts.created).toBe(0);

      const nurse = await w.nurse(provider.agb);
      await w.post(`/api/slots/${alerts.body[0].slotId}/assignments`, { nurseId: nurse.id });
      const third = await run('scan-gaps');
      expect(third.counts.resolved).toBe(1);
      const resolved = await t.http.get('/api/alerts').query({ regionCode: region.code, status: 'resolved' }).set(bearer(ADMIN));
      expect(resolved.body).toEqual([expect.objectContaining({ slotId: alerts.body[0].slotId, status: 'resolved', resolvedAt: expect.any(String) })]);

      // The outbox delivers; its first attempt meets the 503 and the retry, 30 s later, arrives.
      const outbox = t.app.get(OutboxService);
      await outbox.deliverDue();
      t.clock.set(t.clock.now() + 31_000);
      await outbox.deliverDue();
      expect(received).toEqual(expect.arrayContaining([expect.objectContaining({ slotId: alerts.body[1].slotId, status: 'open' })]));
      const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
      expect((await t.http.get('/api/alerts').set(bearer(coordinator.token))).body.every((a: { regionCode: string }) => a.regionCode === region.code)).toBe(
        true,
      );
      const stranger = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
      expect((await t.http.get('/api/alerts').query({ regionCode: region.code }).set(bearer(stranger.token))).status).toBe(403);
      expect((await t.http.get('/api/alerts').query({ from: '2027-05-10' }).set(bearer(ADMIN))).status).toBe(400);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  }, 30_000);

  it('draft-fee-statements drafts the previous month and leaves final statements alone', async () => {
    const a = await w.contracted();
    const b = await w.contracted();
    await w.template(a.contract.id);
    const [final] = await w.post('/api/fee-statements', { month: '2027-03', contractId: b.contract.id }, ADMIN, 200);
    t.setNow('2027-04-01T01:00:00Z'); // March has ended in Amsterdam, so it can be finalized
    try {
      const finalized = await w.post(`/api/fee-statements/${final.id}/finalize`, {}, ADMIN, 200);
      t.setNow('2027-04-01T02:00:00Z'); // the job runs on the 1st, after the finalize
      const result = await run('draft-fee-statements');
      expect(result.outcome).toBe('ok');
      const list = await t.http.get('/api/fee-statements').query({ month: '2027-03' }).set(bearer(ADMIN));
      const mine = list.body.filter((s: { contractId: string }) => [a.contract.id, b.contract.id].includes(s.contractId));
      expect(mine.map((s: { status: string }) => s.status).sort()).toEqual(['draft', 'final']);
      expect(mine.find((s: { contractId: string }) => s.contractId === a.contract.id).positionMinutes).toBe((30 * 8 + 7) * 60);
      expect(mine.find((s: { id: string }) => s.id === final.id)).toEqual(finalized);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });

  it('only admins run jobs; an unknown job is a 400', async () => {
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    expect((await t.http.post('/api/job-runs').set(bearer(coordinator.token)).send({ job: 'scan-gaps' })).status).toBe(403);
    expect((await t.http.post('/api/job-runs').set(bearer(ADMIN)).send({ job: 'backup' })).status).toBe(400);
    expect((await t.http.get('/api/job-runs').query({ job: 'backup' }).set(bearer(ADMIN))).status).toBe(400);
  });
});
