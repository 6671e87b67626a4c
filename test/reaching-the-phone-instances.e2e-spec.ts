import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { RequestsService } from '../src/requests/requests.service.js';
import { World } from './factories/world.js';
import { BrowserKeys, StandIn } from './support/push-service.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * One push per subscription and one SMS per page, however many instances work the outbox and the
 * SMS timers: two instances on one PostgreSQL (TEST_DATABASE_URL), every ticker, SMS timer and
 * outbox worker run at the same moments, again and again. On SQLite, where one instance owns the
 * file, two runs of each at once in the one instance show the same.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const vapid = webpush.generateVAPIDKeys();

it(`one push per subscription and one SMS per page with ${onPostgres ? 'two instances on one PostgreSQL' : 'two runs at once'}`, async () => {
  const pushService = await new StandIn().start();
  const gateway = await new StandIn().start();
  gateway.answer = (r) => {
    const reference = JSON.parse(r.body.toString()).messages.msg[0].reference;
    return { status: 200, body: JSON.stringify({ details: 'Created 1 message(s)', errorCode: 0, messages: [{ status: 'Accepted', reference, parts: 1 }] }) };
  };
  const env = {
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'https://wijkwacht.example.nl/contact',
    SMS_GATEWAY_URL: gateway.url('/v1.0/message'),
    SMS_GATEWAY_TOKEN: 'token',
  };
  const first: TestApp = await startTestApp(env);
  let second: INestApplication | null = null;
  try {
    const w = new World(first);
    first.setNow('2026-11-23T09:00:00Z');
    const region = await w.region();
    const provider = (await w.provider()).agb;
    const contract = await w.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider },
      validFrom: '2026-11-01',
      sla: { ackMinutes: 30 },
    });
    await w.template(contract.id, { name: 'Dag', startTime: '08:00', endTime: '20:00', requiredNurses: 2 });
    const [slot] = await w.slots(region.code, '2026-11-23', '2026-11-23');
    const anna = await w.nurse(provider, { phone: '06 12345678' });
    const bram = await w.nurse(provider, { phone: '06 87654321' });
    for (const n of [anna, bram]) await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: n.id });
    const annaUser = await w.user('nurse', { nurseId: anna.id });
    const partner = await w.user('partner', { regionCodes: [region.code] });
    await first.http.patch(`/api/regions/${region.code}`).set(bearer(ADMIN)).send({ smsAfterSeconds: 15 });
    // Anna's phone and tablet.
    for (const device of ['phone', 'tablet']) {
      const res = await first.http
        .post('/api/me/push-subscriptions')
        .set(bearer(annaUser.token))
        .send({ endpoint: pushService.url(`/push/${device}`), keys: new BrowserKeys().keys });
      expect(res.status).toBe(201);
    }
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await first.http
        .post('/api/requests')
        .set(bearer(partner.token))
        .send({ regionCode: region.code, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: `PHONES-${i}` });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    const workers: Array<{ requests: RequestsService; outbox: OutboxService; clock: Clock }> = [
      { requests: first.app.get(RequestsService), outbox: first.app.get(OutboxService), clock: first.clock },
    ];
    if (onPostgres) {
      const url = (first.db.options as { url: string }).url;
      ({ app: second } = await createApp({ ...env, DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false));
      await second.init();
      workers.push({ requests: second.get(RequestsService), outbox: second.get(OutboxService), clock: second.get(Clock) });
    } else {
      workers.push(workers[0]);
    }
    const start = Date.parse('2026-11-23T09:00:00Z');
    for (const offset of [0, 0, 15_000, 15_000, 16_000, 20_000]) {
      workers.forEach((x) => x.clock.set(start + offset));
      await Promise.all(workers.flatMap((x) => [x.requests.smsTick(), x.requests.smsTick(), x.outbox.deliverDue(), x.outbox.deliverDue()]));
    }
    // Two pages per request (Anna and Bram), two subscriptions of Anna: 12 pushes, each once.
    const pushes = pushService.received.map((r) => r.path);
    expect(pushes).toHaveLength(12);
    expect(pushes.filter((p) => p === '/push/phone')).toHaveLength(6);
    // Every page unacknowledged for 15 s: one SMS each, 12 in all, to the two phones.
    const texts = gateway.received.map((r) => JSON.parse(r.body.toString()).messages.msg[0]);
    expect(texts).toHaveLength(12);
    expect(new Set(texts.map((m) => m.reference)).size).toBe(12);
    expect(texts.filter((m) => m.to[0].number === '0031612345678')).toHaveLength(6);
    const rows = await first.sql(`SELECT kind, attempts, status FROM outbox WHERE kind IN ('push', 'sms')`);
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => Number(r.attempts) === 1 && r.status === 'delivered')).toBe(true);
    const links = await first.sql(`SELECT COUNT(*) AS n FROM page_links`);
    expect(links[0].n).toBe(12);
  } finally {
    await second?.close();
    await first.close();
    await pushService.close();
    await gateway.close();
  }
}, 120_000);

/**
 * A change made on one instance reaches a coordinator's stream open on the other at once (NOTIFY
 * at commit, LISTEN on the stream's instance), and the stream of a nurse paged for the request
 * hears of it too. PostgreSQL only: on SQLite one instance owns the file.
 */
(onPostgres ? it : it.skip)(
  'a request change on one instance reaches the coordinator’s and the paged nurse’s streams on the other',
  async () => {
    const first: TestApp = await startTestApp();
    let second: INestApplication | null = null;
    const controller = new AbortController();
    try {
      const w = new World(first);
      first.setNow('2026-11-23T09:00:00Z');
      const region = await w.region();
      const provider = (await w.provider()).agb;
      const contract = await w.post('/api/contracts', {
        regionCode: region.code,
        insurerUzovi: region.preferredInsurerUzovi,
        function: 'acute-screening',
        responsibleParty: { type: 'provider', agb: provider },
        validFrom: '2026-11-01',
      });
      await w.template(contract.id, { name: 'Dag', startTime: '08:00', endTime: '20:00', requiredNurses: 2 });
      const [slot] = await w.slots(region.code, '2026-11-23', '2026-11-23');
      const anna = await w.nurse(provider);
      const bram = await w.nurse(provider);
      for (const n of [anna, bram]) await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: n.id });
      const annaUser = await w.user('nurse', { nurseId: anna.id });
      const bramUser = await w.user('nurse', { nurseId: bram.id });
      const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
      const partner = await w.user('partner', { regionCodes: [region.code] });

      const url = (first.db.options as { url: string }).url;
      ({ app: second } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false));
      second.get(Clock).set(first.clock.now());
      await second.listen(0, '127.0.0.1');
      const port = (second.getHttpServer().address() as AddressInfo).port;
      const open = async (token: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/me/pages/stream`, { headers: bearer(token), signal: controller.signal });
        expect(res.status).toBe(200);
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        const stream = { text: '' };
        const until = async (test: () => boolean) => {
          const deadline = Date.now() + 10_000;
          while (!test() && Date.now() < deadline) {
            const { value, done } = await reader.read();
            if (done) break;
            stream.text += decoder.decode(value, { stream: true });
          }
          return test();
        };
        expect(await until(() => stream.text.includes(': connected'))).toBe(true);
        return { stream, until };
      };
      const desk = await open(coordinator.token);
      const nurse = await open(annaUser.token);
      const raised = await first.http
        .post('/api/requests')
        .set(bearer(partner.token))
        .send({ regionCode: region.code, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: 'CHANGE-1' });
      expect(raised.status).toBe(201);
      const changes = (text: string) =>
        [...text.matchAll(/event: request\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]) as { requestId: string; status: string });
      expect(await desk.until(() => changes(desk.stream.text).some((c) => c.requestId === raised.body.id && c.status === 'paging'))).toBe(true);
      // Bram takes it on the first instance: Anna's stream on the second hears that it is acknowledged.
      expect((await first.http.post(`/api/requests/${raised.body.id}/acknowledge`).set(bearer(bramUser.token))).status).toBe(200);
      expect(await nurse.until(() => changes(nurse.stream.text).some((c) => c.requestId === raised.body.id && c.status === 'acknowledged'))).toBe(true);
      expect(await desk.until(() => changes(desk.stream.text).some((c) => c.status === 'acknowledged'))).toBe(true);
      expect(changes(desk.stream.text)[0]).toEqual({ requestId: raised.body.id, regionCode: region.code, status: 'paging' });
    } finally {
      controller.abort();
      await second?.close();
      await first.close();
    }
  },
  60_000,
);
