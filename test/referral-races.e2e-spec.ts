import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { ReferralTimeouts } from '../src/referrals/referral-timeouts.js';
import { ReferralsService } from '../src/referrals/referrals.service.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';
import { desk, type Desk, refer, referralBody } from './factories/referrals.js';
import { registerDocument, type OpenApiDocument } from './support/openapi-answers.js';

/**
 * The races of the coordination point, each with exactly one outcome: an accept against its own
 * timeout, two accepts, an accept against a cancel. With TEST_DATABASE_URL two instances on one
 * PostgreSQL take part, each with its own clock (an accept on one instance whose clock is still
 * before the answer time, the timeout on the other whose clock is past it); on SQLite, where one
 * instance owns the file, the same two moves run at once in the one instance. Then both instances'
 * tickers run together across many timeouts: every offer is made once and every timeout handled once.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const ROUNDS = 8;
const NOW = Date.parse('2026-11-23T09:00:00Z');
const MIN = 60_000;

let t: TestApp;
let w: World;
let second: INestApplication | null = null;
/** The other instance: its HTTP, its clock and services (the first instance again on SQLite). */
let other: { http: ReturnType<typeof request>; clock: Clock; referrals: ReferralsService; timeouts: ReferralTimeouts; outbox: OutboxService };

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
  t.clock.set(NOW);
  if (onPostgres) {
    const url = (t.db.options as { url: string }).url;
    const made = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000' }, false);
    second = made.app;
    await second.init();
    registerDocument(second.getHttpServer(), made.document as unknown as OpenApiDocument);
    second.get(Clock).set(NOW);
    other = {
      http: request(second.getHttpServer()),
      clock: second.get(Clock),
      referrals: second.get(ReferralsService),
      timeouts: second.get(ReferralTimeouts),
      outbox: second.get(OutboxService),
    };
  } else {
    other = { http: t.http, clock: t.clock, referrals: t.app.get(ReferralsService), timeouts: t.app.get(ReferralTimeouts), outbox: t.app.get(OutboxService) };
  }
}, 60_000);

afterAll(async () => {
  await second?.close();
  await t?.close();
});

beforeEach(() => {
  t.clock.set(NOW);
  other.clock.set(NOW);
});

async function stateOf(id: string) {
  const [r] = await t.sql('SELECT status, placed_agb FROM referrals WHERE id = ?', [id]);
  const offers = await t.sql('SELECT agb, answer FROM referral_offers WHERE referral_id = ? ORDER BY offered_at, id', [id]);
  return { status: r.status as string, placedAgb: r.placed_agb as string | null, offers: offers.map((o) => [o.agb, o.answer]) };
}

async function placesOf(d: Desk, index: number): Promise<number> {
  const p = d.providers[index];
  return (await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body.lines[0].places;
}

it(`an accept racing its own timeout${onPostgres ? ' (on two instances with their own clocks)' : ''}: exactly one of them wins, every round`, async () => {
  const outcomes = { accepted: 0, timedOut: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    t.clock.set(NOW);
    other.clock.set(NOW);
    const d = await desk(w, [[{ places: 5, primary: true }], [{ places: 5 }]]);
    const [first, next] = d.providers;
    const r = await refer(w, d);
    const respondBy = Date.parse(r.offers[0].respondBy);
    // The accepting instance is a second before the answer time; the ticking one is at it (its
    // run is given that instant; on SQLite the one instance's clock stays with the accept).
    t.clock.set(respondBy - 1_000);
    if (onPostgres) other.clock.set(respondBy);
    // Every other round the timer starts a moment later, so that both orders of arrival are tried.
    const late = round % 2 === 1 ? 15 : 0;
    const [accept, timedOut] = await Promise.all([
      t.http.post(`/api/referrals/${r.id}/accept`).set(bearer(first.token)),
      new Promise((ok) => setTimeout(ok, late)).then(() => other.referrals.timeOut(r.id, respondBy)),
    ]);
    const s = await stateOf(r.id);
    if (accept.status === 200) {
      outcomes.accepted++;
      expect(timedOut).toBe(false);
      expect(s).toEqual({ status: 'placed', placedAgb: first.agb, offers: [[first.agb, 'accepted']] });
      expect(await placesOf(d, 0)).toBe(4);
    } else {
      outcomes.timedOut++;
      expect({ status: accept.status, code: accept.body.code }).toEqual({ status: 409, code: 'offer-closed' });
      expect(timedOut).toBe(true);
      expect(s).toEqual({
        status: 'offered',
        placedAgb: null,
        offers: [
          [first.agb, 'timed-out'],
          [next.agb, null],
        ],
      });
      expect(await placesOf(d, 0)).toBe(5);
    }
  }
  expect(outcomes.accepted + outcomes.timedOut).toBe(ROUNDS);
}, 120_000);

it(`two accepts at once${onPostgres ? ' on two instances' : ''}: one is placed, the other answers 409 offer-closed, one place is taken`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const d = await desk(w, [[{ places: 5 }]]);
    const p = d.providers[0];
    const colleague = await w.user('provider', { providerAgb: p.agb });
    const r = await refer(w, d);
    const answers = await Promise.all([
      t.http.post(`/api/referrals/${r.id}/accept`).set(bearer(p.token)),
      other.http.post(`/api/referrals/${r.id}/accept`).set(bearer(colleague.token)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('offer-closed');
    expect(await stateOf(r.id)).toEqual({ status: 'placed', placedAgb: p.agb, offers: [[p.agb, 'accepted']] });
    expect(await placesOf(d, 0)).toBe(4);
    const audit = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'referral' AND entity_id = ? AND action = 'accept'`, [r.id]);
    expect(audit).toEqual([{ n: 1 }]);
  }
}, 120_000);

it(`an accept racing a cancel${onPostgres ? ' on two instances' : ''}: exactly one of them wins`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const d = await desk(w, [[{ places: 5 }]]);
    const p = d.providers[0];
    const r = await refer(w, d);
    const [accept, cancel] = await Promise.all([
      t.http.post(`/api/referrals/${r.id}/accept`).set(bearer(p.token)),
      other.http.post(`/api/referrals/${r.id}/cancel`).set(bearer(d.partner.token)),
    ]);
    const s = await stateOf(r.id);
    if (accept.status === 200) {
      expect({ status: cancel.status, code: cancel.body.code }).toEqual({ status: 409, code: 'referral-closed' });
      expect(s).toEqual({ status: 'placed', placedAgb: p.agb, offers: [[p.agb, 'accepted']] });
      expect(await placesOf(d, 0)).toBe(4);
    } else {
      expect({ status: accept.status, code: accept.body.code }).toEqual({ status: 409, code: 'offer-closed' });
      expect(cancel.status).toBe(200);
      expect(s).toEqual({ status: 'cancelled', placedAgb: null, offers: [[p.agb, 'withdrawn']] });
      expect(await placesOf(d, 0)).toBe(5);
    }
  }
}, 120_000);

it(`${onPostgres ? 'two instances ticking on one PostgreSQL' : 'two ticker runs at once'}: every offer is made once and every timeout handled once, each webhook delivered once`, async () => {
  let receiver: Server | null = null;
  try {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((ok) => receiver!.listen(0, '127.0.0.1', ok));
    const port = (receiver.address() as AddressInfo).port;
    // Three providers that never answer; each referral goes the round of all three, then to the desk.
    const d = await desk(w, [[{ places: 9, primary: true }], [{ places: 5 }], [{ places: 1 }]]);
    await t.http
      .patch(`/api/regions/${d.region}`)
      .set(bearer(ADMIN))
      .send({ referralResponseMinutes: { today: 1 } });
    for (const p of d.providers)
      await t.http
        .patch(`/api/providers/${p.agb}`)
        .set(bearer(ADMIN))
        .send({ pagingWebhookUrl: `http://127.0.0.1:${port}/offers` });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await refer(w, d, { referrerReference: `MULTI-${i}` })).id);
    const tickers = [
      { timeouts: t.app.get(ReferralTimeouts), outbox: t.app.get(OutboxService), clock: t.clock },
      { timeouts: other.timeouts, outbox: other.outbox, clock: other.clock },
    ];
    for (const offset of [1, 1, 2, 2, 3, 3, 4]) {
      for (const x of tickers) x.clock.set(NOW + offset * MIN);
      await Promise.all(tickers.flatMap((x) => [x.timeouts.tick(), x.timeouts.tick(), x.outbox.deliverDue()]));
    }
    await Promise.all(tickers.map((x) => x.outbox.deliverDue()));
    const marks = ids.map(() => '?').join(', ');
    const offers = await t.sql(`SELECT referral_id, agb, answer FROM referral_offers WHERE referral_id IN (${marks}) ORDER BY referral_id, offered_at`, ids);
    // Each referral: the three providers in rank order, each once, each timed out.
    expect(offers).toHaveLength(12 * 3);
    for (const id of ids) {
      expect(offers.filter((o) => o.referral_id === id).map((o) => [o.agb, o.answer])).toEqual(d.providers.map((p) => [p.agb, 'timed-out']));
    }
    const timeouts = await t.sql(
      `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'time-out' AND entity_id IN (SELECT id FROM referral_offers WHERE referral_id IN (${marks}))`,
      ids,
    );
    expect(timeouts).toEqual([{ n: 12 * 3 }]);
    const statuses = await t.sql(`SELECT status, COUNT(*) AS n FROM referrals WHERE id IN (${marks}) GROUP BY status`, ids);
    expect(statuses).toEqual([{ status: 'escalated', n: 12 }]);
    const escalations = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'escalate' AND entity_id IN (${marks})`, ids);
    expect(escalations).toEqual([{ n: 12 }]);
    // The desk (one coordinator) is paged once per referral.
    expect(await t.sql(`SELECT COUNT(*) AS n FROM request_pages WHERE referral_id IN (${marks})`, ids)).toEqual([{ n: 12 }]);
    const deliveries = await t.sql(`SELECT idempotency_key, attempts, status FROM outbox WHERE kind = 'referral-offer' AND url LIKE ?`, [
      `http://127.0.0.1:${port}/%`,
    ]);
    expect(deliveries).toHaveLength(12 * 3);
    expect(new Set(deliveries.map((x) => x.idempotency_key)).size).toBe(12 * 3);
    expect(deliveries.every((x) => Number(x.attempts) === 1 && x.status === 'delivered')).toBe(true);
  } finally {
    receiver?.close();
  }
}, 180_000);

it(`a line changed ${onPostgres ? 'on one instance is ranked at once on the other' : 'is ranked at once'}: the kept lines of a region follow its intake version`, async () => {
  const d = await desk(w, [[{ places: 5, primary: true }], [{ places: 2 }]]);
  const [first, second] = d.providers;
  // The other instance ranks the region once, so it keeps the region's lines.
  const r1 = (await other.http.post('/api/referrals').set(bearer(d.partner.token)).send(referralBody(d.region))).body;
  expect(r1.offers[0].agb).toBe(first.agb);
  // The first provider runs out of places on this instance.
  const line = (await t.http.get(`/api/providers/${first.agb}/intake`).set(bearer(first.token))).body.lines[0].id;
  expect((await t.http.patch(`/api/providers/${first.agb}/intake/lines/${line}`).set(bearer(first.token)).send({ places: 0 })).status).toBe(200);
  const r2 = (
    await other.http
      .post('/api/referrals')
      .set(bearer(d.partner.token))
      .send(referralBody(d.region, { referrerReference: 'R-2' }))
  ).body;
  expect(r2.offers.map((o: { agb: string }) => o.agb)).toEqual([second.agb]);
  expect(r2.skipped).toEqual([{ agb: first.agb, name: first.name, reason: 'no-places' }]);
});
