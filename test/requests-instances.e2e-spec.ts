import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { PagesStream } from '../src/requests/pages-stream.js';
import { RequestsService } from '../src/requests/requests.service.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * Escalation is driven from the database: with two instances on one PostgreSQL
 * (TEST_DATABASE_URL), both tickers running at the same moments, every step of every request is
 * paged once. On SQLite, where one instance owns the file, two ticker runs at once in the one
 * instance show the same.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const MIN = 60_000;

/** A region whose provider holds the acute-screening contract from 1 November 2026, with a day template (08:00–20:00). */
async function acuteRegion(w: World, contract: Record<string, unknown>, requiredNurses: number) {
  const region = await w.region();
  const provider = (await w.provider()).agb;
  const acute = await w.post('/api/contracts', {
    regionCode: region.code,
    insurerUzovi: region.preferredInsurerUzovi,
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: provider },
    validFrom: '2026-11-01',
    ...contract,
  });
  await w.template(acute.id, { name: 'Dag', startTime: '08:00', endTime: '20:00', requiredNurses });
  return { region, provider };
}

it(`every step is paged once with ${onPostgres ? 'two instances ticking on one PostgreSQL' : 'two ticker runs at once'}`, async () => {
  const first: TestApp = await startTestApp();
  let second: INestApplication | null = null;
  let receiver: Server | null = null;
  try {
    const w = new World(first);
    first.setNow('2026-11-23T09:00:00Z');
    const { region, provider } = await acuteRegion(w, { sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 3 } }, 1);
    const night = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: provider },
      validFrom: '2026-11-01',
    });
    await w.template(night.id, { name: 'Dag', startTime: '08:00', endTime: '20:00' });
    const slots = await w.slots(region.code, '2026-11-23', '2026-11-23');
    const anna = await w.nurse(provider);
    const bram = await w.nurse(provider);
    await w.post(`/api/slots/${slots.find((s) => s.function === 'acute-screening')!.id}/assignments`, { nurseId: anna.id });
    await w.post(`/api/slots/${slots.find((s) => s.function === 'unplanned-night-care')!.id}/assignments`, { nurseId: bram.id });
    await w.user('coordinator', { regionCodes: [region.code] });
    await w.user('coordinator', { regionCodes: [region.code] });
    const partner = await w.user('partner', { regionCodes: [region.code] });
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    await first.http
      .patch(`/api/providers/${provider}`)
      .set(bearer(ADMIN))
      .send({ pagingWebhookUrl: `http://127.0.0.1:${port}/pages` });

    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await first.http
        .post('/api/requests')
        .set(bearer(partner.token))
        .send({ regionCode: region.code, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: `MULTI-${i}` });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    const tickers: Array<{ service: RequestsService; clock: Clock; outbox: OutboxService }> = [
      { service: first.app.get(RequestsService), clock: first.clock, outbox: first.app.get(OutboxService) },
    ];
    if (onPostgres) {
      const url = (first.db.options as { url: string }).url;
      ({ app: second } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false));
      await second.init();
      tickers.push({ service: second.get(RequestsService), clock: second.get(Clock), outbox: second.get(OutboxService) });
    } else {
      // One instance owns the SQLite file: the second "ticker" is a second run of the same one at the same moment.
      tickers.push(tickers[0]);
    }
    const at = (ms: number) => tickers.forEach((x) => x.clock.set(ms));
    const start = Date.parse('2026-11-23T09:00:00Z');
    // Both tickers run together at each moment, again and again, across both escalations.
    for (const offset of [3 * MIN, 3 * MIN, 6 * MIN, 6 * MIN, 9 * MIN]) {
      at(start + offset);
      await Promise.all(tickers.flatMap((x) => [x.service.tick(), x.service.tick(), x.outbox.deliverDue()]));
    }
    const pages = await first.sql(
      `SELECT request_id, step, COUNT(*) AS n FROM request_pages WHERE request_id IN (${ids.map(() => '?').join(', ')}) GROUP BY request_id, step ORDER BY request_id, step`,
      ids,
    );
    // Per request: Anna at step 1, Bram at step 2, both coordinators at step 3, each once.
    expect(pages.map((p) => [p.step, p.n])).toEqual(
      ids
        .flatMap(() => [
          [1, 1],
          [2, 1],
          [3, 2],
        ])
        .sort(() => 0),
    );
    const steps = await first.sql(
      `SELECT action, COUNT(*) AS n FROM audit_events WHERE entity_type = 'request' AND action IN ('page-step', 'escalate') GROUP BY action ORDER BY action`,
    );
    expect(steps).toEqual([
      { action: 'escalate', n: 12 },
      { action: 'page-step', n: 24 },
    ]);
    const requests = await first.sql(`SELECT status, step FROM requests WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    expect(requests.every((r) => r.status === 'escalated' && Number(r.step) === 3)).toBe(true);
    // Each page has one delivery, and each delivery was attempted once (the instances never both took it).
    const deliveries = await first.sql(`SELECT idempotency_key, attempts, status FROM outbox WHERE kind = 'page'`);
    expect(deliveries).toHaveLength(12 * 4);
    expect(new Set(deliveries.map((d) => d.idempotency_key)).size).toBe(12 * 4);
    expect(deliveries.every((d) => Number(d.attempts) === 1 && d.status === 'delivered')).toBe(true);
  } finally {
    await second?.close();
    await first.close();
    receiver?.close();
  }
}, 120_000);

/**
 * A page written by one instance reaches an event stream open on another at once (NOTIFY at
 * commit, LISTEN on the stream's instance). The safety-net poll is switched off here, so only the
 * notification can carry the page across. PostgreSQL only: on SQLite one instance owns the file.
 */
(onPostgres ? it : it.skip)(
  'a page written by one instance reaches a stream open on the other through NOTIFY',
  async () => {
    const first: TestApp = await startTestApp();
    let second: INestApplication | null = null;
    const controller = new AbortController();
    const { pollMs, listeningPollMs } = PagesStream;
    PagesStream.pollMs = PagesStream.listeningPollMs = 3_600_000;
    try {
      const w = new World(first);
      first.setNow('2026-11-23T09:00:00Z');
      const { region, provider } = await acuteRegion(w, {}, 2);
      const [slot] = await w.slots(region.code, '2026-11-23', '2026-11-23');
      const anna = await w.nurse(provider);
      const bram = await w.nurse(provider);
      for (const n of [anna, bram]) await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: n.id });
      const annaUser = await w.user('nurse', { nurseId: anna.id });
      const partner = await w.user('partner', { regionCodes: [region.code] });

      const url = (first.db.options as { url: string }).url;
      ({ app: second } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false));
      second.get(Clock).set(first.clock.now());
      await second.listen(0, '127.0.0.1');
      const port = (second.getHttpServer().address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/me/pages/stream`, { headers: bearer(annaUser.token), signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (test: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!test() && Date.now() < deadline) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
        return test();
      };
      expect(await readUntil(() => text.includes(': connected'))).toBe(true);

      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await first.http
          .post('/api/requests')
          .set(bearer(partner.token))
          .send({ regionCode: region.code, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: `CROSS-${i}` });
        expect(r.status).toBe(201);
        ids.push(r.body.id);
      }
      const events = () => [...text.matchAll(/event: page\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]));
      expect(await readUntil(() => events().length >= 3)).toBe(true);
      // Anna's pages only (Bram was paged too), each once, in order.
      expect(events().map((e) => [e.nurseId, e.request.id])).toEqual(ids.map((id) => [anna.id, id]));
    } finally {
      controller.abort();
      PagesStream.pollMs = pollMs;
      PagesStream.listeningPollMs = listeningPollMs;
      await second?.close();
      await first.close();
    }
  },
  60_000,
);
