import type { INestApplication } from '@nestjs/common';
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
