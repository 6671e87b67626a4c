import type { AddressInfo } from 'node:net';
import { seedDemo } from '../src/demo/seed.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The demo's acute requests (one acknowledged, one open, one escalated to the coordinator of
 * Friesland) and its coordination point (referrals in every state, capacity in two regions).
 */
let t: TestApp;
let seed: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(null); // the demo runs on the real clock
  await new Promise<void>((r) => t.app.getHttpServer().listen(0, '127.0.0.1', r));
});
afterAll(() => t.close());

it('the demo seeds a partner with an acknowledged, an open and an escalated request', async () => {
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  seed = await seedDemo(`http://127.0.0.1:${port}`, ADMIN);
  const list = await t.http.get('/api/requests').set(bearer(seed.requests.partnerToken));
  expect(list.status).toBe(200);
  const byId = new Map(list.body.map((r: { id: string }) => [r.id, r]));
  expect(byId.get(seed.requests.acknowledgedId)).toMatchObject({ status: 'acknowledged', acknowledgedBy: expect.any(Object) });
  expect(byId.get(seed.requests.escalatedId)).toMatchObject({
    status: 'escalated',
    step: 3,
    regionCode: 'FRL',
    pages: [expect.objectContaining({ step: 3, name: 'Coördinator Friesland' })],
  });
  expect(['paging', 'escalated']).toContain((byId.get(seed.requests.openId) as { status: string }).status);
}, 180_000);

it('the demo seeds the coordination point: capacity in two regions, a transfer desk, referrals in every state', async () => {
  const mine = (await t.http.get('/api/referrals').set(bearer(seed.referrals.partnerToken))).body as Array<{ id: string; status: string; regionCode: string }>;
  expect(new Set(mine.map((r) => r.status))).toEqual(new Set(['offered', 'placed', 'escalated', 'closed', 'cancelled']));
  expect(new Set(mine.map((r) => r.regionCode))).toEqual(new Set(['AMS', 'UTR']));
  const status = (id: string) => mine.find((r) => r.id === id)?.status;
  expect(status(seed.referrals.ids.offered)).toBe('offered');
  expect(status(seed.referrals.ids.offeredAfterDecline)).toBe('offered');
  expect(status(seed.referrals.ids.placed)).toBe('placed');
  expect(status(seed.referrals.ids.escalated)).toBe('escalated');
  // The provider's page has an offer waiting and lines with every light but grey.
  const offered = (await t.http.get('/api/referrals').query({ status: 'offered' }).set(bearer(seed.referrals.providerToken))).body;
  expect(offered.map((r: { id: string }) => r.id)).toContain(seed.referrals.ids.offered);
  const intake = (await t.http.get(`/api/providers/${seed.referrals.providerAgb}/intake`).set(bearer(seed.referrals.providerToken))).body;
  expect(new Set(intake.lines.map((l: { light: string }) => l.light))).toEqual(new Set(['green', 'orange']));
  const capacity = (await t.http.get('/api/capacity').query({ regionCode: 'AMS' }).set(bearer(seed.tokens.coordinator))).body;
  expect(new Set(capacity.map((c: { light: string }) => c.light))).toEqual(new Set(['green', 'orange', 'red']));
  // The desk was paged for the escalated one, and the insurer has the month's figures.
  expect(
    (await t.http.get('/api/me/pages').set(bearer(seed.tokens.coordinator))).body.some(
      (p: { referral: { id: string } | null }) => p.referral?.id === seed.referrals.ids.escalated,
    ),
  ).toBe(true);
  const stats = (await t.http.get('/api/referrals/stats').query({ regionCode: 'AMS', month: seed.month }).set(bearer(seed.tokens.insurer))).body;
  expect(stats).toMatchObject({ referrals: 6, placed: 1, escalated: 1, cancelled: 1, closedOutside: 1 });
}, 60_000);
