import type { AddressInfo } from 'node:net';
import { seedDemo } from '../src/demo/seed.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

/** The demo's acute requests: one acknowledged, one open, one escalated to the coordinator of Friesland. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set(null); // the demo runs on the real clock
  await new Promise<void>((r) => t.app.getHttpServer().listen(0, '127.0.0.1', r));
});
afterAll(() => t.close());

it('the demo seeds a partner with an acknowledged, an open and an escalated request', async () => {
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const seed = await seedDemo(`http://127.0.0.1:${port}`, ADMIN);
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
