import webpush from 'web-push';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { LinkRequestsService } from '../src/auth/link-requests.service.js';
import { RequestsService } from '../src/requests/requests.service.js';
import { startWorld, type World } from './factories/world.js';
import { BrowserKeys, StandIn, verifiedVapid } from './support/push-service.js';
import { setCookies } from './support/sign-in-flow.js';
import { ADMIN, bearer, dbState, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Reaching the nurse's phone (api.md): Web Push decrypted as a browser would (RFC 8291) with the
 * VAPID token checked (RFC 8292) against a local push-service stand-in; 404/410 removes a
 * subscription; signing out and revoking remove them; the SMS after the region's smsAfterSeconds
 * through a local stand-in of CM.com's JSON API, its "Ik ga" link (GET changes nothing, POST
 * acknowledges once, 410 after) and delivery reports; deliveries per page and ackBy; a coordinator
 * acknowledging and paging by hand; a new sign-in link by SMS.
 */
const NOW = '2026-11-23T09:00:00Z'; // 10:00 in Amsterdam
const PUBLIC_URL = 'http://localhost:3999';
const vapid = webpush.generateVAPIDKeys();
let pushService: StandIn;
let gateway: StandIn;
let t: TestApp;
let w: World;

interface Setup {
  region: string;
  provider: string;
  contract: string;
  anna: { nurseId: string; userId: string; token: string };
  bram: { nurseId: string; userId: string; token: string };
  stranger: { nurseId: string };
  coordinator: { id: string; token: string };
  partner: { token: string };
}
let s: Setup;

const cmAccepted = (reference: string) =>
  JSON.stringify({
    details: 'Created 1 message(s)',
    errorCode: 0,
    messages: [{ to: '0031612345678', status: 'Accepted', reference, parts: 1, messageDetails: null, messageErrorCode: 0 }],
  });

beforeAll(async () => {
  pushService = await new StandIn().start();
  gateway = await new StandIn().start();
  gateway.answer = (r) => ({ status: 200, body: cmAccepted(JSON.parse(r.body.toString()).messages.msg[0].reference) });
  ({ t, w } = await startWorld({
    PUBLIC_URL,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:beheer@wijkwacht.example.nl',
    SMS_GATEWAY_URL: gateway.url('/v1.0/message'),
    SMS_GATEWAY_TOKEN: '00000000-0000-0000-0000-000000000000',
    SMS_SENDER: 'Wijkwacht',
    SMS_STATUS_SECRET: 'status-secret-0123456789',
  }));
  t.setNow(NOW);
  const region = await w.region();
  const provider = (await w.provider()).agb;
  const otherProvider = (await w.provider()).agb;
  const contract = await w.post('/api/contracts', {
    regionCode: region.code,
    insurerUzovi: region.preferredInsurerUzovi,
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: provider },
    validFrom: '2026-11-01',
    validTo: '2027-12-31',
    sla: { ackMinutes: 5 },
  });
  await w.template(contract.id, { name: 'Dag', startTime: '08:00', endTime: '20:00' });
  const annaNurse = await w.nurse(provider, { name: 'Anna de Vries', phone: '06 12345678' });
  const bramNurse = await w.nurse(provider, { name: 'Bram Jansen', phone: '+31 6 87654321' });
  const stranger = await w.nurse(otherProvider, { name: 'Vreemde Verpleegkundige' });
  const [slot] = (await w.slots(region.code, '2026-11-23', '2026-11-23')) as Array<{ id: string }>;
  await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: annaNurse.id });
  const anna = await w.user('nurse', { nurseId: annaNurse.id });
  const bram = await w.user('nurse', { nurseId: bramNurse.id });
  const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
  const partner = await w.user('partner', { regionCodes: [region.code] });
  s = {
    region: region.code,
    provider,
    contract: contract.id,
    anna: { nurseId: annaNurse.id, userId: anna.id, token: anna.token },
    bram: { nurseId: bramNurse.id, userId: bram.id, token: bram.token },
    stranger: { nurseId: stranger.id },
    coordinator,
    partner,
  };
}, 60_000);

afterAll(async () => {
  await t.close();
  await pushService.close();
  await gateway.close();
});

const raise = async (over: Record<string, unknown> = {}) => {
  const res = await t.http
    .post('/api/requests')
    .set(bearer(s.partner.token))
    .send({
      regionCode: s.region,
      function: 'acute-screening',
      urgency: 'immediate',
      postcode: '1012',
      partnerReference: 'HAP-1',
      callbackPhone: '+31201234567',
      ...over,
    });
  expect(res.status).toBe(201);
  return res.body;
};
const deliver = () => t.app.get(OutboxService).deliverDue();
const smsTick = () => t.app.get(RequestsService).smsTick();
const advance = (ms: number) => t.clock.set(t.clock.now() + ms);
const subscribe = (token: string, endpoint: string, keys: BrowserKeys) =>
  t.http.post('/api/me/push-subscriptions').set(bearer(token)).send({ endpoint, keys: keys.keys });
const count = async (table: string) => (await t.sql(`SELECT COUNT(*) AS n FROM ${table}`))[0].n as number;
/** Closes every open request, so that each test starts without pages waiting. */
const closeAll = async () => {
  for (const r of (await t.http.get('/api/requests').set(bearer(ADMIN))).body as Array<{ id: string; status: string }>) {
    if (r.status !== 'resolved' && r.status !== 'cancelled') await t.http.post(`/api/requests/${r.id}/cancel`).set(bearer(ADMIN));
  }
  await deliver();
  pushService.received.length = 0;
  gateway.received.length = 0;
};

describe('Web Push', () => {
  const browser = new BrowserKeys();
  let subscriptionId: string;

  it('GET /api/push/key answers the VAPID public key to anyone signed in', async () => {
    const res = await t.http.get('/api/push/key').set(bearer(s.partner.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: vapid.publicKey });
  });

  it('a nurse stores a subscription; a coordinator may not, nor an endpoint the address policy refuses; a refusal writes nothing', async () => {
    const before = await dbState(t.db);
    expect((await subscribe(s.coordinator.token, pushService.url('/push/c'), browser)).status).toBe(403);
    expect((await subscribe(s.anna.token, 'http://push.example.nl/x', browser)).body.code).toBe('webhook-address');
    expect((await subscribe(s.anna.token, 'https://169.254.169.254/x', browser)).body.code).toBe('webhook-address');
    const bad = await t.http
      .post('/api/me/push-subscriptions')
      .set(bearer(s.anna.token))
      .send({ endpoint: pushService.url('/p'), keys: { p256dh: 'x', auth: 'y' } });
    expect(bad.status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
    const res = await subscribe(s.anna.token, pushService.url('/push/anna-phone'), browser);
    expect(res.status).toBe(201);
    subscriptionId = res.body.id;
    const list = await t.http.get('/api/me/push-subscriptions').set(bearer(s.anna.token));
    expect(list.body).toEqual([
      { id: subscriptionId, pushService: expect.stringMatching(/^127\.0\.0\.1:\d+$/), current: false, createdAt: '2026-11-23T10:00:00+01:00' },
    ]);
  });

  it('a page is pushed encrypted (RFC 8291) with a VAPID token (RFC 8292), TTL ackMinutes × 60 and Urgency high, without the callback phone or reference', async () => {
    const request = await raise();
    expect(await deliver()).toBe(1);
    expect(pushService.received).toHaveLength(1);
    const [push] = pushService.received;
    expect(push.path).toBe('/push/anna-phone');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.ttl).toBe('300');
    expect(push.headers.urgency).toBe('high');
    const token = verifiedVapid(push.headers.authorization);
    expect(token.key).toBe(vapid.publicKey);
    expect(token.claims.aud).toBe(new URL(pushService.url('/')).origin);
    expect(token.claims.sub).toBe('mailto:beheer@wijkwacht.example.nl');
    expect(token.claims.exp * 1000).toBeGreaterThan(Date.now());
    const payload = JSON.parse(browser.decrypt(push.body));
    expect(payload).toEqual({
      type: 'page',
      requestId: request.id,
      pageId: request.pages[0].id,
      function: 'acute-screening',
      urgency: 'immediate',
      postcode: '1012',
      step: 1,
    });
    const view = (await t.http.get(`/api/requests/${request.id}`).set(bearer(ADMIN))).body;
    expect(view.pages[0].deliveries).toEqual([{ channel: 'push', sentAt: '2026-11-23T10:00:00+01:00', deliveredAt: null, error: null }]);
    // Once per subscription: nothing more goes on later runs.
    advance(120_000);
    await deliver();
    expect(pushService.received).toHaveLength(1);
    await closeAll();
  });

  it('a second subscription gets its own push; a push service answering 410 removes its subscription', async () => {
    const tablet = new BrowserKeys();
    const second = await subscribe(s.anna.token, pushService.url('/push/anna-tablet'), tablet);
    expect(second.status).toBe(201);
    pushService.answer = (r) => ({ status: r.path === '/push/anna-tablet' ? 410 : 201 });
    const request = await raise();
    expect(await deliver()).toBe(2);
    expect(pushService.received.map((r) => r.path).sort()).toEqual(['/push/anna-phone', '/push/anna-tablet']);
    expect(JSON.parse(tablet.decrypt(pushService.received.find((r) => r.path === '/push/anna-tablet')!.body)).requestId).toBe(request.id);
    expect((await t.sql('SELECT id FROM push_subscriptions WHERE id = ?', [second.body.id])).length).toBe(0);
    const view = (await t.http.get(`/api/requests/${request.id}`).set(bearer(ADMIN))).body;
    expect(view.pages[0].deliveries).toEqual(
      expect.arrayContaining([
        { channel: 'push', sentAt: null, deliveredAt: null, error: 'HTTP 410: subscription expired, removed' },
        { channel: 'push', sentAt: expect.any(String), deliveredAt: null, error: null },
      ]),
    );
    pushService.answer = () => ({ status: 201 });
    await closeAll();
  });

  it('signing out of the device session removes the subscriptions made in it, and the pushes queued for them do not go', async () => {
    const link = await t.http.post(`/api/users/${s.bram.userId}/sign-in-links`).set(bearer(ADMIN));
    const open = await t.http.get(`/auth/link/${new URL(link.body.url).pathname.split('/').pop()}`);
    const cookie = `wijkwacht_session=${setCookies(open.headers).wijkwacht_session.value}`;
    const me = await t.http.get('/api/me').set('Cookie', cookie);
    const keys = new BrowserKeys();
    const made = await t.http
      .post('/api/me/push-subscriptions')
      .set('Cookie', cookie)
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', me.body.csrfToken)
      .send({ endpoint: pushService.url('/push/bram'), keys: keys.keys });
    expect(made.status).toBe(201);
    const listed = await t.http.get('/api/me/push-subscriptions').set('Cookie', cookie);
    expect(listed.body[0]).toMatchObject({ id: made.body.id, current: true });
    // A page by hand to Bram queues a push for that subscription; signing out before it goes drops it.
    const request = await raise();
    expect((await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: s.bram.nurseId })).status).toBe(200);
    expect((await t.sql(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'push' AND target_id = ? AND status = 'pending'`, [made.body.id]))[0].n).toBe(1);
    const out = await t.http.post('/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', me.body.csrfToken);
    expect(out.status).toBe(200);
    expect((await t.sql('SELECT id FROM push_subscriptions WHERE id = ?', [made.body.id])).length).toBe(0);
    await deliver();
    expect(pushService.received.map((r) => r.path)).not.toContain('/push/bram');
    await closeAll();
  });

  it('revoking a nurse user removes its subscriptions', async () => {
    const nurse = await w.nurse(s.provider, { name: 'Cor Tijdelijk' });
    const user = await w.user('nurse', { nurseId: nurse.id });
    expect((await subscribe(user.token, pushService.url('/push/cor'), new BrowserKeys())).status).toBe(201);
    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBeLessThan(300);
    expect((await t.sql('SELECT id FROM push_subscriptions WHERE user_id = ?', [user.id])).length).toBe(0);
  });

  it('a user keeps at most 5 subscriptions: the sixth removes the oldest; DELETE removes one, another user’s is 404', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      advance(1000);
      ids.push((await subscribe(s.bram.token, pushService.url(`/push/bram-${i}`), new BrowserKeys())).body.id);
    }
    const listed = (await t.http.get('/api/me/push-subscriptions').set(bearer(s.bram.token))).body as Array<{ id: string }>;
    expect(listed.map((x) => x.id).sort()).toEqual(ids.slice(1).sort());
    expect((await t.http.delete(`/api/me/push-subscriptions/${ids[2]}`).set(bearer(s.anna.token))).status).toBe(404);
    expect((await t.http.delete(`/api/me/push-subscriptions/${ids[2]}`).set(bearer(s.bram.token))).status).toBe(204);
    for (const id of ids.slice(1)) await t.http.delete(`/api/me/push-subscriptions/${id}`).set(bearer(s.bram.token));
  });
});

describe('SMS after the region’s smsAfterSeconds', () => {
  beforeAll(async () => {
    await closeAll();
    t.setNow('2026-11-23T10:00:00Z'); // 11:00 in Amsterdam
    // Anna's phone would get pushes too; only the SMS matters here.
    for (const x of (await t.http.get('/api/me/push-subscriptions').set(bearer(s.anna.token))).body) {
      await t.http.delete(`/api/me/push-subscriptions/${x.id}`).set(bearer(s.anna.token));
    }
  });

  it('smsAfterSeconds is 0 or 15–3600, set by a coordinator of the region; anything else is 400 and writes nothing', async () => {
    const before = await dbState(t.db);
    for (const bad of [14, 3601, -1, 1.5, '120']) {
      expect((await t.http.patch(`/api/regions/${s.region}`).set(bearer(s.coordinator.token)).send({ smsAfterSeconds: bad })).status).toBe(400);
    }
    expect(await dbState(t.db)).toEqual(before);
    const res = await t.http.patch(`/api/regions/${s.region}`).set(bearer(s.coordinator.token)).send({ smsAfterSeconds: 30 });
    expect(res.status).toBe(200);
    expect(res.body.smsAfterSeconds).toBe(30);
  });

  let code = '';
  let requestId = '';

  it('an unacknowledged page goes by SMS once its seconds have passed: the text, the link, no callback phone or reference', async () => {
    const request = await raise();
    requestId = request.id;
    expect(request.pages[0].smsDueAt).toBe('2026-11-23T11:00:30+01:00');
    advance(29_000);
    expect(await smsTick()).toBe(0);
    advance(1_000);
    expect(await smsTick()).toBe(1);
    expect(await smsTick()).toBe(0);
    await deliver();
    expect(gateway.received).toHaveLength(1);
    const sent = JSON.parse(gateway.received[0].body.toString());
    expect(sent.messages.authentication).toEqual({ producttoken: '00000000-0000-0000-0000-000000000000' });
    const [msg] = sent.messages.msg;
    expect(msg.from).toBe('Wijkwacht');
    expect(msg.to).toEqual([{ number: '0031612345678' }]);
    expect(msg.body.content).toMatch(/^Wijkwacht: acute oproep Acute beoordeling thuis PC 1012\. Ik ga: http:\/\/localhost:3999\/p\/[A-Za-z0-9_-]{43}$/);
    expect(msg.body.content).not.toContain('HAP-1');
    expect(msg.body.content).not.toContain('20 123');
    code = msg.body.content.split('/p/')[1];
    const view = (await t.http.get(`/api/requests/${requestId}`).set(bearer(ADMIN))).body;
    expect(view.pages[0].smsDueAt).toBeNull();
    expect(view.pages[0].deliveries).toEqual([{ channel: 'sms', sentAt: '2026-11-23T11:00:30+01:00', deliveredAt: null, error: null }]);
    // The text is not kept once the gateway has it: the link in it is a key.
    expect((await t.sql(`SELECT body FROM outbox WHERE kind = 'sms'`))[0].body).toBe('{}');
  });

  it('the gateway’s delivery report marks it on the handset; a wrong secret is 403 and writes nothing', async () => {
    const reference = JSON.parse(gateway.received[0].body.toString()).messages.msg[0].reference;
    const report = {
      messages: { msg: { received: '2026-11-23T10:00:33', to: '0031612345678', reference, status: { code: '2', errorCode: '', errorDescription: '' } } },
    };
    const before = await dbState(t.db);
    expect((await t.http.post('/api/sms/status?secret=wrong-secret-0123456789').send(report)).status).toBe(403);
    expect((await t.http.post('/api/sms/status?secret=status-secret-0123456789').send({ hello: 1 })).status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
    advance(3_000);
    const res = await t.http.post('/api/sms/status?secret=status-secret-0123456789').send(report);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recorded: 1 });
    const view = (await t.http.get(`/api/requests/${requestId}`).set(bearer(ADMIN))).body;
    expect(view.pages[0].deliveries).toEqual([{ channel: 'sms', sentAt: '2026-11-23T11:00:30+01:00', deliveredAt: '2026-11-23T11:00:33+01:00', error: null }]);
  });

  it('GET of the link shows one button and changes nothing', async () => {
    const before = await dbState(t.db);
    const res = await t.http.get(`/p/${code}`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain(`<form method="post" action="/p/${code}"><button type="submit">Ik ga</button></form>`);
    expect(res.text).toContain('Acute beoordeling thuis, postcode 1012');
    expect(res.text).not.toContain('HAP-1');
    expect(await dbState(t.db)).toEqual(before);
    expect((await t.http.get('/p/unknown-code-that-is-not-one')).status).toBe(404);
  });

  it('POST acknowledges once, for that nurse, via sms; after that the link answers 410', async () => {
    const res = await t.http.post(`/p/${code}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('U gaat');
    const view = (await t.http.get(`/api/requests/${requestId}`).set(bearer(ADMIN))).body;
    expect(view).toMatchObject({ status: 'acknowledged', acknowledgedVia: 'sms', acknowledgedBy: { nurseId: s.anna.nurseId, name: 'Anna de Vries' } });
    const before = await dbState(t.db);
    expect((await t.http.post(`/p/${code}`)).status).toBe(410);
    expect((await t.http.get(`/p/${code}`)).status).toBe(410);
    expect(await dbState(t.db)).toEqual(before);
    const stats = await t.http.get('/api/requests/stats').query({ regionCode: s.region, month: '2026-11' }).set(bearer(ADMIN));
    expect(stats.body[0].ackBy.sms).toBe(1);
  });

  it('a page acknowledged in time, or a nurse without a phone, gets no SMS', async () => {
    await closeAll();
    const request = await raise();
    const ack = await t.http.post(`/api/requests/${request.id}/acknowledge`).set(bearer(s.anna.token)).send({ via: 'notification' });
    expect(ack.body).toMatchObject({ acknowledgedVia: 'notification', pages: [{ smsDueAt: null }] });
    advance(60_000);
    expect(await smsTick()).toBe(0);
    await deliver();
    expect(gateway.received).toHaveLength(0);
    const stats = await t.http.get('/api/requests/stats').query({ regionCode: s.region, month: '2026-11' }).set(bearer(ADMIN));
    expect(stats.body[0].ackBy.notification).toBe(1);
  });
});

describe('the coordinator acts on a request', () => {
  beforeAll(closeAll);

  it('pages a chosen nurse of the region by hand, as a page of the current step; again → 409 already-paged', async () => {
    const request = await raise();
    const res = await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: s.bram.nurseId });
    expect(res.status).toBe(200);
    expect(res.body.pages).toEqual([
      expect.objectContaining({ nurseId: s.anna.nurseId, manual: false }),
      expect.objectContaining({ nurseId: s.bram.nurseId, userId: s.bram.userId, step: 1, manual: true, smsDueAt: expect.stringMatching(/^2026-11-23T/) }),
    ]);
    const mine = await t.http.get('/api/me/pages').set(bearer(s.bram.token));
    expect(mine.body.map((p: { request: { id: string } }) => p.request.id)).toContain(request.id);
    const before = await dbState(t.db);
    const again = await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: s.bram.nurseId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already-paged');
    const foreign = await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: s.stranger.nurseId });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('unknown-reference');
    expect((await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: 'nobody' })).body.code).toBe(
      'unknown-reference',
    );
    expect((await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({})).status).toBe(400);
    expect((await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.partner.token)).send({ nurseId: s.bram.nurseId })).status).toBe(403);
    expect((await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.anna.token)).send({ nurseId: s.bram.nurseId })).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('acknowledges as the one who arranges it without being paged; after that paging by hand is 409 already-acknowledged', async () => {
    await closeAll();
    const request = await raise();
    const res = await t.http.post(`/api/requests/${request.id}/acknowledge`).set(bearer(s.coordinator.token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'acknowledged', acknowledgedVia: 'app', acknowledgedBy: { nurseId: null, userId: s.coordinator.id } });
    const before = await dbState(t.db);
    const late = await t.http.post(`/api/requests/${request.id}/page`).set(bearer(s.coordinator.token)).send({ nurseId: s.bram.nurseId });
    expect(late.body.code).toBe('already-acknowledged');
    expect((await t.http.post(`/api/requests/${request.id}/acknowledge`).set(bearer(s.anna.token))).body.code).toBe('already-acknowledged');
    expect(await dbState(t.db)).toEqual(before);
    // The coordinator who took it may resolve it.
    expect((await t.http.post(`/api/requests/${request.id}/resolve`).set(bearer(s.coordinator.token)).send({ outcome: 'advice-by-phone' })).status).toBe(200);
  });
});

describe('a new sign-in link by SMS', () => {
  const ask = (phone: unknown, from = '203.0.113.7') => t.http.post('/auth/link-request').set('X-Forwarded-For', from).send({ phone });
  const settled = () => t.app.get(LinkRequestsService).settled();
  const linkTexts = () =>
    gateway.received
      .map((r) => JSON.parse(r.body.toString()).messages.msg[0])
      .filter((m: { body: { content: string } }) => m.body.content.includes('/auth/link/'));

  beforeEach(async () => {
    await deliver();
    gateway.received.length = 0;
  });

  it('always answers 202 with the same words; a known nurse’s phone gets a one-time link, an unknown number nothing', async () => {
    const known = await ask('06 12345678');
    const unknown = await ask('06 11112222');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    await settled();
    await deliver();
    const texts = linkTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0].to).toEqual([{ number: '0031612345678' }]);
    const url = texts[0].body.content.match(/http:\/\/localhost:3999\/auth\/link\/[A-Za-z0-9_-]{43}/)[0];
    const open = await t.http.get(new URL(url).pathname);
    expect(open.status).toBe(302);
    const cookie = `wijkwacht_session=${setCookies(open.headers).wijkwacht_session.value}`;
    expect((await t.http.get('/api/me').set('Cookie', cookie)).body.id).toBe(s.anna.userId);
  });

  it('at most 3 an hour per number: the fourth still answers 202 and sends nothing', async () => {
    t.setNow('2026-11-23T12:00:00Z');
    for (let i = 0; i < 4; i++) expect((await ask('+31687654321', `198.51.100.${i}`)).status).toBe(202);
    await settled();
    await deliver();
    expect(linkTexts()).toHaveLength(3);
    advance(3_600_001);
    await ask('+31687654321', '198.51.100.9');
    await settled();
    await deliver();
    expect(linkTexts()).toHaveLength(4);
  });

  it('at most 20 an hour per client address', async () => {
    t.setNow('2026-11-23T15:00:00Z');
    for (let i = 0; i < 20; i++) await ask(`06 1111${String(i).padStart(4, '0')}`, '192.0.2.50');
    const last = await ask('06 12345678', '192.0.2.50');
    expect(last.status).toBe(202);
    await settled();
    await deliver();
    expect(linkTexts()).toHaveLength(0);
  });

  it('a body that is not {"phone"} is 400 and writes nothing', async () => {
    const before = await dbState(t.db);
    expect((await ask(612345678)).status).toBe(400);
    expect((await t.http.post('/auth/link-request').send({ phone: '06 12345678', name: 'x' })).status).toBe(400);
    expect((await ask('')).status).toBe(400);
    await settled();
    expect(await dbState(t.db)).toEqual(before);
    expect(await count('link_requests')).toBeGreaterThan(0);
  });
});

describe('without VAPID keys and a gateway', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await startTestApp();
  });
  afterAll(() => bare.close());

  it('push is off: GET /api/push/key answers 404', async () => {
    const res = await bare.http.get('/api/push/key').set(bearer(ADMIN));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not-found');
  });

  it('delivery reports are not taken: 404', async () => {
    expect((await bare.http.post('/api/sms/status?secret=status-secret-0123456789').send({ messages: { msg: [] } })).status).toBe(404);
  });
});
