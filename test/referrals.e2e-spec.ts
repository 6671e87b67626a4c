import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { verifySignature } from '../src/delivery/signature.js';
import { ReferralTimeouts } from '../src/referrals/referral-timeouts.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';
import { desk, type Desk, publish, refer, referral, referralBody } from './factories/referrals.js';

/**
 * The regional coordination point end to end: the provider role, intake capacity and its lights,
 * the region's capacity, referrals with every documented answer and refusal (each refusal writes
 * nothing), offers one at a time with decline, accept, timeout, escalation to the desk and its
 * pages, the desk's hand-made offers and closing, cancelling, the signed webhook, who reads what,
 * and the audit trail.
 */
let t: TestApp;
let w: World;
const NOW = '2026-11-23T09:00:00Z'; // 10:00 in Amsterdam
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  ({ t, w } = await startWorld());
}, 60_000);
beforeEach(() => t.setNow(NOW));
afterAll(async () => {
  await t.close();
});

const tick = () => t.app.get(ReferralTimeouts).tick();
const post = (path: string, token: string, payload: object = {}) => t.http.post(path).set(bearer(token)).send(payload);
/** The request is refused with the status and code, and nothing at all was written. */
async function refusedWritingNothing(send: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await dbState(t.db);
  const res = await send();
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(await dbState(t.db)).toEqual(before);
  return res.body;
}

describe('the provider role', () => {
  it('a provider user is made with its providerAgb, and /api/me names it', async () => {
    const provider = await w.provider();
    const user = await w.user('provider', { providerAgb: provider.agb });
    const me = await t.http.get('/api/me').set(bearer(user.token));
    expect(me.body).toMatchObject({ role: 'provider', providerAgb: provider.agb, regionCodes: [], nurseId: null, insurerUzovi: null });
    const listed = (await t.http.get('/api/users').set(bearer(ADMIN))).body.find((u: any) => u.id === user.id);
    expect(listed).toMatchObject({ role: 'provider', providerAgb: provider.agb });
  });

  it('refuses a provider user without providerAgb, providerAgb on another role (400) and an unknown provider (422), writing nothing', async () => {
    await refusedWritingNothing(() => post('/api/users', ADMIN, { name: 'x', role: 'provider' }), 400, 'invalid-input');
    await refusedWritingNothing(() => post('/api/users', ADMIN, { name: 'x', role: 'admin', providerAgb: '75000001' }), 400, 'invalid-input');
    await refusedWritingNothing(() => post('/api/users', ADMIN, { name: 'x', role: 'provider', providerAgb: '7500' }), 400, 'invalid-input');
    await refusedWritingNothing(() => post('/api/users', ADMIN, { name: 'x', role: 'provider', providerAgb: '79999999' }), 422, 'unknown-reference');
  });

  it("a provider user is one of its provider's own users: it reads that provider's webhook URL, not another's", async () => {
    const own = await w.provider();
    const other = await w.provider();
    for (const p of [own, other]) {
      await t.http.patch(`/api/providers/${p.agb}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: 'https://planning.example.nl/wijkwacht' });
    }
    const user = await w.user('provider', { providerAgb: own.agb });
    expect((await t.http.get(`/api/providers/${own.agb}`).set(bearer(user.token))).body.pagingWebhookUrl).toBe('https://planning.example.nl/wijkwacht');
    expect((await t.http.get(`/api/providers/${other.agb}`).set(bearer(user.token))).body).not.toHaveProperty('pagingWebhookUrl');
  });
});

describe('region settings', () => {
  it('a region has the documented defaults; its coordinator changes one urgency at a time', async () => {
    const d = await desk(w, []);
    const region = (await t.http.get(`/api/regions/${d.region}`).set(bearer(ADMIN))).body;
    expect(region).toMatchObject({
      referralResponseMinutes: { today: 30, 'within-24h': 120, planned: 480 },
      placementNormMinutes: { today: 120, 'within-24h': 480, planned: 2880 },
      capacityStaleHours: 24,
    });
    const res = await t.http
      .patch(`/api/regions/${d.region}`)
      .set(bearer(d.coordinator.token))
      .send({ referralResponseMinutes: { today: 20 }, placementNormMinutes: { planned: 1440 }, capacityStaleHours: 12 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      referralResponseMinutes: { today: 20, 'within-24h': 120, planned: 480 },
      placementNormMinutes: { today: 120, 'within-24h': 480, planned: 1440 },
      capacityStaleHours: 12,
    });
  });

  it('refuses values out of range and unknown urgencies (400), other roles (403) and other coordinators (404), writing nothing', async () => {
    const d = await desk(w, []);
    const patch =
      (payload: object, token = d.coordinator.token) =>
      () =>
        t.http.patch(`/api/regions/${d.region}`).set(bearer(token)).send(payload);
    await refusedWritingNothing(patch({ referralResponseMinutes: { today: 0 } }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ referralResponseMinutes: { today: 1441 } }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ referralResponseMinutes: { urgent: 5 } }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ placementNormMinutes: { today: 20161 } }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ capacityStaleHours: 169 }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ capacityStaleHours: 0 }), 400, 'invalid-input');
    await refusedWritingNothing(patch({ capacityStaleHours: 12 }, d.partner.token), 403, 'forbidden');
    const elsewhere = await desk(w, []);
    await refusedWritingNothing(patch({ capacityStaleHours: 12 }, elsewhere.coordinator.token), 404, 'not-found');
  });
});

describe('intake capacity', () => {
  it('a provider publishes its lines: each answers with its light, the phone in E.164, and a PUT replaces every line', async () => {
    const d = await desk(w, [null]);
    const p = d.providers[0];
    const body = await publish(w, p, [
      { regionCode: d.region, careKind: 'basic', postcodes: ['1011', '1012-1019'], places: 2, primary: true },
      { regionCode: d.region, careKind: 'palliative', postcodes: ['1011'], places: 1 },
      { regionCode: d.region, careKind: 'wound-care', postcodes: ['1011'], places: 0 },
    ]);
    expect(body).toMatchObject({ agb: p.agb, intakePhone: '+31205550123', publishedAt: '2026-11-23T10:00:00+01:00' });
    expect(body.lines.map((l: any) => [l.careKind, l.postcodes, l.places, l.primary, l.light])).toEqual([
      ['basic', ['1011', '1012-1019'], 2, true, 'green'],
      ['palliative', ['1011'], 1, false, 'orange'],
      ['wound-care', ['1011'], 0, false, 'red'],
    ]);
    const replaced = await publish(w, p, [{ regionCode: d.region, careKind: 'basic', postcodes: ['1020'], places: 5 }]);
    expect(replaced.lines).toHaveLength(1);
    expect((await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body).toEqual(replaced);
  });

  it('lines read grey once the provider has not published for longer than the region’s capacityStaleHours; one tap on a line publishes again', async () => {
    const d = await desk(w, [[{ places: 2 }, { careKind: 'palliative', places: 1 }]]);
    const p = d.providers[0];
    t.setNow('2026-11-24T09:00:00Z'); // exactly 24 h later: still fresh
    expect((await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body.lines.map((l: any) => l.light)).toEqual(['green', 'orange']);
    t.setNow('2026-11-24T09:00:01Z');
    const stale = (await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body;
    expect(stale.lines.map((l: any) => l.light)).toEqual(['grey', 'grey']);
    const res = await t.http.patch(`/api/providers/${p.agb}/intake/lines/${stale.lines[1].id}`).set(bearer(p.token)).send({ places: 0 });
    expect(res.status).toBe(200);
    expect(res.body.publishedAt).toBe('2026-11-24T10:00:01+01:00');
    expect(res.body.lines.map((l: any) => [l.places, l.light])).toEqual([
      [2, 'green'],
      [0, 'red'],
    ]);
    const audit = await t.sql(`SELECT action, summary FROM audit_events WHERE entity_type = 'intake-line' AND entity_id = ?`, [stale.lines[1].id]);
    expect(audit).toEqual([{ action: 'update', summary: `${d.region} palliative: places 1 → 0` }]);
  });

  it('refuses another provider’s user (403), an unknown provider (404), an unknown region and overlapping lines (422, every pair), bad lines (400), writing nothing', async () => {
    const d = await desk(w, [null, null]);
    const [p, q] = d.providers;
    const put = (agb: string, token: string, payload: object) => () => t.http.put(`/api/providers/${agb}/intake`).set(bearer(token)).send(payload);
    const line = (over: object = {}) => ({ regionCode: d.region, careKind: 'basic', postcodes: ['1050-1059'], places: 2, ...over });
    const ok = { intakePhone: '020 555 0123', lines: [line()] };
    await refusedWritingNothing(put(p.agb, q.token, ok), 403, 'forbidden');
    await refusedWritingNothing(put(p.agb, d.coordinator.token, ok), 403, 'forbidden');
    await refusedWritingNothing(put('79999999', ADMIN, ok), 404, 'not-found');
    const unknown = await refusedWritingNothing(put(p.agb, p.token, { ...ok, lines: [line({ regionCode: 'NOWHERE' })] }), 422, 'unknown-reference');
    expect(unknown.violations).toHaveLength(1);
    const overlap = await refusedWritingNothing(
      put(p.agb, p.token, {
        ...ok,
        lines: [line({ postcodes: ['1050-1055'] }), line({ postcodes: ['1055-1060'] }), line({ postcodes: ['1060'] }), line({ careKind: 'palliative' })],
      }),
      422,
      'intake-overlap',
    );
    expect(overlap.violations.map((v: any) => v.message)).toEqual([
      `lines 1 and 2 (${d.region}, basic) both cover 1055: one line per region, care kind and PC4`,
      `lines 2 and 3 (${d.region}, basic) both cover 1060: one line per region, care kind and PC4`,
    ]);
    for (const bad of [
      { ...ok, intakePhone: '12' },
      { ...ok, lines: [line({ postcodes: ['0999'] })] },
      { ...ok, lines: [line({ postcodes: ['1059-1050'] })] },
      { ...ok, lines: [line({ postcodes: [] })] },
      { ...ok, lines: [line({ places: 100 })] },
      { ...ok, lines: [line({ places: -1 })] },
      { ...ok, lines: [line({ careKind: 'cleaning' })] },
      { ...ok, lines: [line({ team: 'Noord' })] },
      { ...ok, extra: true },
      { lines: [line()] },
    ]) {
      await refusedWritingNothing(put(p.agb, p.token, bad), 400, 'invalid-input');
    }
  });

  it('a PATCH answers 404 for another provider’s line and 400 for bad places, writing nothing', async () => {
    const d = await desk(w, [[{}], [{}]]);
    const [p, q] = d.providers;
    const qLine = (await t.http.get(`/api/providers/${q.agb}/intake`).set(bearer(q.token))).body.lines[0].id;
    const pLine = (await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body.lines[0].id;
    await refusedWritingNothing(() => t.http.patch(`/api/providers/${p.agb}/intake/lines/${qLine}`).set(bearer(p.token)).send({ places: 1 }), 404, 'not-found');
    await refusedWritingNothing(() => t.http.patch(`/api/providers/${q.agb}/intake/lines/${qLine}`).set(bearer(p.token)).send({ places: 1 }), 403, 'forbidden');
    await refusedWritingNothing(
      () => t.http.patch(`/api/providers/${p.agb}/intake/lines/${pLine}`).set(bearer(p.token)).send({ places: 1.5 }),
      400,
      'invalid-input',
    );
    await refusedWritingNothing(() => t.http.patch(`/api/providers/${p.agb}/intake/lines/${pLine}`).set(bearer(p.token)).send({}), 400, 'invalid-input');
  });

  it('the region’s capacity per PC4 and care kind: the desk sees the providers, a partner only the counts per light', async () => {
    const d = await desk(w, [
      [{ postcodes: ['1050-1051'], places: 2 }],
      [
        { postcodes: ['1051'], places: 0 },
        { careKind: 'palliative', postcodes: ['1051'], places: 1 },
      ],
    ]);
    const [p, q] = d.providers;
    const desks = (await t.http.get('/api/capacity').query({ regionCode: d.region }).set(bearer(d.coordinator.token))).body;
    expect(desks.map((c: any) => [c.postcode, c.careKind, c.light, c.counts])).toEqual([
      ['1050', 'basic', 'green', { green: 1, orange: 0, red: 0, grey: 0 }],
      ['1051', 'basic', 'green', { green: 1, orange: 0, red: 1, grey: 0 }],
      ['1051', 'palliative', 'orange', { green: 0, orange: 1, red: 0, grey: 0 }],
    ]);
    expect(desks[1].lines.map((l: any) => [l.agb, l.name, l.places, l.light])).toEqual([
      [p.agb, p.name, 2, 'green'],
      [q.agb, q.name, 0, 'red'],
    ]);
    const partners = (await t.http.get('/api/capacity').query({ regionCode: d.region, postcode: '1051', careKind: 'basic' }).set(bearer(d.partner.token))).body;
    expect(partners).toEqual([{ postcode: '1051', careKind: 'basic', light: 'green', counts: { green: 1, orange: 0, red: 1, grey: 0 } }]);
    const provider = (await t.http.get('/api/capacity').query({ regionCode: d.region, postcode: '1051' }).set(bearer(q.token))).body;
    expect(provider.map((c: any) => c.lines.length)).toEqual([2, 1]);
    const other = await desk(w, []);
    expect((await t.http.get('/api/capacity').query({ regionCode: d.region }).set(bearer(other.coordinator.token))).status).toBe(403);
    expect((await t.http.get('/api/capacity').query({ regionCode: d.region }).set(bearer(other.partner.token))).status).toBe(403);
    expect((await t.http.get('/api/capacity').query({ regionCode: 'NOWHERE' }).set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.get('/api/capacity').query({ regionCode: d.region, postcode: '105' }).set(bearer(ADMIN))).status).toBe(400);
    const insurer = await w.user('insurer', { insurerUzovi: d.insurer });
    expect((await t.http.get('/api/capacity').query({ regionCode: d.region }).set(bearer(insurer.token))).status).toBe(403);
  });
});

describe('creating a referral', () => {
  it('answers 201 with the documented shape; the first-ranked provider is offered at once and the others are skipped with their first reason', async () => {
    const d = await desk(w, [[{ places: 5 }], [{ places: 1, primary: true }], [{ postcodes: ['1060-1069'] }], [{ careKind: 'palliative' }], [{ places: 0 }]]);
    const [a, b, outside, kind, full] = d.providers;
    const res = await t.http.post('/api/referrals').set(bearer(d.partner.token)).send(referralBody(d.region));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      regionCode: d.region,
      postcode: '1053',
      careKinds: ['basic'],
      urgency: 'today',
      startOn: '2026-11-23',
      referrerReference: 'OLVG-TRF-88412',
      callbackPhone: '+31205991111',
      status: 'offered',
      createdAt: '2026-11-23T10:00:00+01:00',
      offers: [
        {
          id: expect.any(String),
          agb: b.agb,
          name: b.name,
          offeredAt: '2026-11-23T10:00:00+01:00',
          respondBy: '2026-11-23T10:30:00+01:00',
          answer: null,
          answeredAt: null,
          reason: null,
          manual: false,
        },
      ],
      placedWith: null,
      placedAt: null,
      closedAt: null,
      outcome: null,
      escalatedAt: null,
      cancelledAt: null,
      skipped: [
        { agb: outside.agb, name: outside.name, reason: 'outside-area' },
        { agb: kind.agb, name: kind.name, reason: 'care-kind' },
        { agb: full.agb, name: full.name, reason: 'no-places' },
      ],
    });
    void a;
    expect((await t.sql('SELECT offer_due_at FROM referrals WHERE id = ?', [res.body.id]))[0].offer_due_at).toEqual(
      expect.anything(), // the durable timer is stored
    );
  });

  it('the answer time follows the urgency and the region’s settings', async () => {
    const d = await desk(w, [[{}]], { region: {} });
    await t.http
      .patch(`/api/regions/${d.region}`)
      .set(bearer(ADMIN))
      .send({ referralResponseMinutes: { 'within-24h': 45 } });
    const r = await refer(w, d, { urgency: 'within-24h' });
    expect(r.offers[0].respondBy).toBe('2026-11-23T10:45:00+01:00');
    const planned = await refer(w, d, { urgency: 'planned', startOn: '2026-12-01', referrerReference: 'P-2' });
    expect(planned.offers[0].respondBy).toBe('2026-11-23T18:00:00+01:00');
  });

  it('a coordinator of the region and an admin may refer too', async () => {
    const d = await desk(w, [[{}]]);
    expect((await post('/api/referrals', d.coordinator.token, referralBody(d.region))).status).toBe(201);
    expect((await post('/api/referrals', ADMIN, referralBody(d.region))).status).toBe(201);
  });

  it('refuses malformed bodies and unknown fields (400): there is no field for client details; nothing is written', async () => {
    const d = await desk(w, [[{}]]);
    for (const over of [
      { clientName: 'J. Jansen' },
      { dateOfBirth: '1940-01-01' },
      { postcode: '105' },
      { postcode: '1053AB' },
      { careKinds: [] },
      { careKinds: ['basic', 'basic'] },
      { careKinds: ['basic', 'palliative', 'wound-care', 'infusion-therapy'] },
      { careKinds: ['cleaning'] },
      { urgency: 'immediate' },
      { startOn: '2026-02-30' },
      { referrerReference: 'has space' },
      { referrerReference: 'x'.repeat(65) },
      { callbackPhone: '0205991111' },
      { regionCode: 'lower' },
    ]) {
      await refusedWritingNothing(() => post('/api/referrals', d.partner.token, referralBody(d.region, over)), 400, 'invalid-input');
    }
  });

  it('refuses a region outside the caller’s (403), other roles (403), an unknown region (422) and a start before today (422), writing nothing', async () => {
    const d = await desk(w, [[{}]]);
    const other = await desk(w, []);
    await refusedWritingNothing(() => post('/api/referrals', other.partner.token, referralBody(d.region)), 403, 'forbidden');
    await refusedWritingNothing(() => post('/api/referrals', other.coordinator.token, referralBody(d.region)), 403, 'forbidden');
    await refusedWritingNothing(() => post('/api/referrals', d.providers[0].token, referralBody(d.region)), 403, 'forbidden');
    const insurer = await w.user('insurer', { insurerUzovi: d.insurer });
    await refusedWritingNothing(() => post('/api/referrals', insurer.token, referralBody(d.region)), 403, 'forbidden');
    // A request a role may not make is 403 even when its body is also malformed.
    await refusedWritingNothing(() => post('/api/referrals', insurer.token, { clientName: 'x' }), 403, 'forbidden');
    await refusedWritingNothing(() => post('/api/referrals', ADMIN, referralBody('NOWHERE')), 422, 'unknown-reference');
    const past = await refusedWritingNothing(
      () => post('/api/referrals', d.partner.token, referralBody(d.region, { startOn: '2026-11-22' })),
      422,
      'start-in-past',
    );
    expect(past.violations).toEqual([{ rule: 'start-in-past', message: `startOn 2026-11-22 is before today (2026-11-23) in ${d.region}` }]);
  });
});

describe('offers one at a time', () => {
  it('a decline offers the next provider at once; an accept places it with the provider, whose intake phone the referrer now calls', async () => {
    const d = await desk(w, [null, null]);
    const [first, second] = d.providers;
    await publish(w, first, [
      { regionCode: d.region, places: 3, primary: true },
      { regionCode: d.region, careKind: 'wound-care', places: 2 },
    ]);
    await publish(
      w,
      second,
      [
        { regionCode: d.region, places: 2 },
        { regionCode: d.region, careKind: 'wound-care', places: 1 },
      ],
      '+31 20 555 0199',
    );
    const r = await refer(w, d, { careKinds: ['basic', 'wound-care'] });
    expect(r.offers.map((o: any) => o.agb)).toEqual([first.agb]);
    t.setNow('2026-11-23T09:05:00Z');
    const declined = await post(`/api/referrals/${r.id}/decline`, first.token, { reason: 'no-expertise' });
    expect(declined.status).toBe(200);
    // The decliner reads only its own offer.
    expect(declined.body.offers).toEqual([
      expect.objectContaining({ agb: first.agb, answer: 'declined', reason: 'no-expertise', answeredAt: '2026-11-23T10:05:00+01:00' }),
    ]);
    const after = await referral(w, r.id);
    expect(after.offers.map((o: any) => [o.agb, o.answer])).toEqual([
      [first.agb, 'declined'],
      [second.agb, null],
    ]);
    expect(after.offers[1]).toMatchObject({ offeredAt: '2026-11-23T10:05:00+01:00', respondBy: '2026-11-23T10:35:00+01:00' });
    expect(after.skipped).toEqual([{ agb: first.agb, name: first.name, reason: 'declined' }]);

    t.setNow('2026-11-23T09:07:00Z');
    const accepted = await post(`/api/referrals/${r.id}/accept`, second.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'placed',
      placedWith: { agb: second.agb, name: second.name, intakePhone: '+31205550199' },
      placedAt: '2026-11-23T10:07:00+01:00',
      callbackPhone: '+31205991111',
      skipped: [],
    });
    expect(accepted.body.offers.map((o: any) => o.agb)).toEqual([second.agb]);
    // One place from each line it matched on.
    const lines = (await t.http.get(`/api/providers/${second.agb}/intake`).set(bearer(second.token))).body.lines;
    expect(lines.map((l: any) => [l.careKind, l.places, l.light])).toEqual([
      ['basic', 1, 'orange'],
      ['wound-care', 0, 'red'],
    ]);
    const partners = await referral(w, r.id, d.partner.token);
    expect(partners.placedWith).toEqual({ agb: second.agb, name: second.name, intakePhone: '+31205550199' });
    expect(await t.sql(`SELECT COUNT(*) AS n FROM intake_snapshots WHERE agb = ?`, [second.agb])).toEqual([{ n: 2 }]);
  });

  it('a place is never taken below 0, and later publishing sets the places again', async () => {
    const d = await desk(w, [[{ places: 1 }]]);
    const p = d.providers[0];
    const r = await refer(w, d);
    const lineId = (await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body.lines[0].id;
    await t.http.patch(`/api/providers/${p.agb}/intake/lines/${lineId}`).set(bearer(p.token)).send({ places: 0 });
    expect((await post(`/api/referrals/${r.id}/accept`, p.token)).status).toBe(200);
    expect((await t.http.get(`/api/providers/${p.agb}/intake`).set(bearer(p.token))).body.lines[0].places).toBe(0);
  });

  it('a second answer after the first is 409 offer-closed; a provider never offered it gets 404; nothing is written', async () => {
    const d = await desk(w, [[{}], [{}], [{ postcodes: ['1090'] }]]);
    const [first, second, never] = d.providers;
    const r = await refer(w, d);
    expect((await post(`/api/referrals/${r.id}/decline`, first.token, { reason: 'no-places' })).status).toBe(200);
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, first.token), 409, 'offer-closed');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/decline`, first.token, { reason: 'other' }), 409, 'offer-closed');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, never.token), 404, 'not-found');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/decline`, second.token, { reason: 'because' }), 400, 'invalid-input');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, d.partner.token), 403, 'forbidden');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, d.coordinator.token), 403, 'forbidden');
    expect((await post(`/api/referrals/${r.id}/accept`, second.token)).status).toBe(200);
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, second.token), 409, 'offer-closed');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/decline`, second.token, { reason: 'other' }), 409, 'offer-closed');
  });

  it('no answer within referralResponseMinutes: timed out by the ticker, and the next provider is offered; a late answer is 409', async () => {
    const d = await desk(w, [[{ places: 3 }], [{ places: 2 }]]);
    const [first, second] = d.providers;
    const r = await refer(w, d);
    // (Other tests' referrals in this database time out too: the assertions are about this one.)
    t.setNow('2026-11-23T09:29:59Z');
    await tick();
    expect((await referral(w, r.id)).offers.map((o: any) => o.answer)).toEqual([null]);
    t.setNow('2026-11-23T09:30:00Z');
    // At respondBy the answer is late: the timer records the timeout.
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, first.token), 409, 'offer-closed');
    expect(await tick()).toBeGreaterThanOrEqual(1);
    expect(await tick()).toBe(0);
    const after = await referral(w, r.id);
    expect(after.offers.map((o: any) => [o.agb, o.answer, o.answeredAt])).toEqual([
      [first.agb, 'timed-out', '2026-11-23T10:30:00+01:00'],
      [second.agb, null, null],
    ]);
    expect(after.skipped).toEqual([{ agb: first.agb, name: first.name, reason: 'timed-out' }]);
    const audit = await t.sql(`SELECT action, user_id FROM audit_events WHERE entity_type = 'referral-offer' AND entity_id = ?`, [after.offers[0].id]);
    expect(audit).toEqual([{ action: 'time-out', user_id: 'system' }]);
  });
});

describe('escalation to the desk', () => {
  /** A region with a care-coordination contract whose nurse is on duty now, and that contract's party's webhook. */
  async function withCareCoordination(d: Desk) {
    const party = await w.provider();
    const region = (await t.http.get(`/api/regions/${d.region}`).set(bearer(ADMIN))).body;
    const contract = await w.post('/api/contracts', {
      regionCode: d.region,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'care-coordination',
      responsibleParty: { type: 'provider', agb: party.agb },
      validFrom: '2026-11-01',
    });
    await w.template(contract.id, { name: 'Kantoor', startTime: '08:00', endTime: '17:00' });
    const [slot] = await w.slots(d.region, '2026-11-23', '2026-11-23');
    const nurse = await w.nurse(party.agb, { name: 'Carla Coördinatie' });
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
    const nurseUser = await w.user('nurse', { nurseId: nurse.id });
    await t.http.patch(`/api/providers/${party.agb}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: 'https://zorg.example.nl/hook' });
    return { nurse, nurseUser, party };
  }

  it('nobody left: escalated at once, the region’s coordinators and the nurse on duty for care coordination are paged (list, webhook), the nurse may read it', async () => {
    const d = await desk(w, [[{ places: 0 }]]);
    const { nurse, nurseUser, party } = await withCareCoordination(d);
    const second = await w.user('coordinator', { regionCodes: [d.region] });
    const r = await refer(w, d);
    expect(r).toMatchObject({
      status: 'escalated',
      offers: [],
      escalatedAt: '2026-11-23T10:00:00+01:00',
      skipped: [{ agb: d.providers[0].agb, reason: 'no-places' }],
    });
    const pages = await t.sql(`SELECT step, recipient FROM request_pages WHERE referral_id = ? ORDER BY recipient`, [r.id]);
    expect(pages).toEqual(
      [
        { step: 3, recipient: `nurse:${nurse.id}` },
        { step: 3, recipient: `user:${d.coordinator.id}` },
        { step: 3, recipient: `user:${second.id}` },
      ].sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
    const mine = (await t.http.get('/api/me/pages').set(bearer(nurseUser.token))).body;
    expect(mine[0]).toMatchObject({
      step: 3,
      nurseId: nurse.id,
      request: null,
      referral: { id: r.id, regionCode: d.region, postcode: '1053', careKinds: ['basic'], urgency: 'today', startOn: '2026-11-23', status: 'escalated' },
    });
    expect((await t.http.get('/api/me/pages').query({ status: 'escalated' }).set(bearer(d.coordinator.token))).body.map((p: any) => p.referral?.id)).toContain(
      r.id,
    );
    expect((await t.http.get('/api/me/pages').query({ status: 'paging' }).set(bearer(d.coordinator.token))).body.map((p: any) => p.referral?.id)).not.toContain(
      r.id,
    );
    expect((await t.http.get(`/api/referrals/${r.id}`).set(bearer(nurseUser.token))).status).toBe(200);
    const hooks = await t.sql(`SELECT body FROM outbox WHERE kind = 'page' AND url = 'https://zorg.example.nl/hook'`);
    expect(hooks).toHaveLength(3);
    expect(JSON.parse(hooks[0].body)).toMatchObject({ event: 'referral.escalated', referral: { id: r.id }, page: { step: 3 } });
    expect(JSON.stringify(hooks)).not.toContain('OLVG-TRF-88412');
    void party;
    const audit = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'referral' AND entity_id = ? ORDER BY at, id`, [r.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'escalate']);
  });

  it('the last decline escalates; a hand-made offer that comes to nothing puts it back at the desk without paging again', async () => {
    const d = await desk(w, [[{}], [{ places: 0 }]]);
    const [only, red] = d.providers;
    const r = await refer(w, d);
    expect((await post(`/api/referrals/${r.id}/decline`, only.token, { reason: 'no-places' })).body.status).toBe('escalated');
    const paged = (await t.sql(`SELECT COUNT(*) AS n FROM request_pages WHERE referral_id = ?`, [r.id]))[0].n;
    expect(paged).toBe(1);
    // The desk offers the red provider by hand, whatever its light.
    const offered = await post(`/api/referrals/${r.id}/offer`, d.coordinator.token, { agb: red.agb });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ status: 'offered' });
    expect(offered.body.offers[1]).toMatchObject({ agb: red.agb, manual: true, answer: null });
    expect((await post(`/api/referrals/${r.id}/decline`, red.token, { reason: 'no-places' })).body.status).toBe('escalated');
    expect((await t.sql(`SELECT COUNT(*) AS n FROM request_pages WHERE referral_id = ?`, [r.id]))[0].n).toBe(1);
    const audit = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'referral' AND entity_id = ? ORDER BY at, id`, [r.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'offer', 'escalate', 'offer', 'return-to-desk']);
  });
});

describe('the desk', () => {
  it('a hand-made offer withdraws the open one; the withdrawn provider’s late accept is 409', async () => {
    const d = await desk(w, [[{}], [{ places: 0 }]]);
    const [first, red] = d.providers;
    const r = await refer(w, d);
    const res = await post(`/api/referrals/${r.id}/offer`, d.coordinator.token, { agb: red.agb });
    expect(res.body.offers.map((o: any) => [o.agb, o.answer, o.manual])).toEqual([
      [first.agb, 'withdrawn', false],
      [red.agb, null, true],
    ]);
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, first.token), 409, 'offer-closed');
    expect((await post(`/api/referrals/${r.id}/accept`, red.token)).status).toBe(200);
  });

  it('refuses a hand-made offer out of turn: other roles 403, another region’s desk 404, closed 409, offered before 409, unknown provider and one outside the region 422 — writing nothing', async () => {
    const d = await desk(w, [[{}], [{}]]);
    const [first, second] = d.providers;
    const stranger = await w.provider();
    const elsewhere = await desk(w, [[{}]]);
    const r = await refer(w, d);
    const offer =
      (agb: string, token = d.coordinator.token) =>
      () =>
        post(`/api/referrals/${r.id}/offer`, token, { agb });
    await refusedWritingNothing(offer(second.agb, d.partner.token), 403, 'forbidden');
    await refusedWritingNothing(offer(second.agb, second.token), 403, 'forbidden');
    await refusedWritingNothing(offer(second.agb, elsewhere.coordinator.token), 404, 'not-found');
    await refusedWritingNothing(offer(first.agb), 409, 'already-offered');
    await refusedWritingNothing(offer('79999999'), 422, 'unknown-reference');
    await refusedWritingNothing(offer(stranger.agb), 422, 'provider-not-in-region');
    await refusedWritingNothing(offer(elsewhere.providers[0].agb), 422, 'provider-not-in-region');
    await refusedWritingNothing(offer('123'), 400, 'invalid-input');
    expect((await post(`/api/referrals/${r.id}/accept`, first.token)).status).toBe(200);
    await refusedWritingNothing(offer(second.agb), 409, 'referral-closed');
  });

  it('closing withdraws the open offer; a closed referral cannot be closed, cancelled or answered again', async () => {
    const d = await desk(w, [[{}]]);
    const r = await refer(w, d);
    const closed = await post(`/api/referrals/${r.id}/close`, d.coordinator.token, { outcome: 'placed-outside' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'placed-outside',
      closedAt: '2026-11-23T10:00:00+01:00',
      offers: [{ answer: 'withdrawn' }],
    });
    expect((await t.sql('SELECT offer_due_at FROM referrals WHERE id = ?', [r.id]))[0].offer_due_at).toBeNull();
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/close`, d.coordinator.token, { outcome: 'no-longer-needed' }), 409, 'referral-closed');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/cancel`, d.partner.token), 409, 'referral-closed');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/accept`, d.providers[0].token), 409, 'offer-closed');
    const other = await refer(w, d, { referrerReference: 'R-2' });
    await refusedWritingNothing(() => post(`/api/referrals/${other.id}/close`, d.coordinator.token, { outcome: 'gone' }), 400, 'invalid-input');
    await refusedWritingNothing(() => post(`/api/referrals/${other.id}/close`, d.partner.token, { outcome: 'no-longer-needed' }), 403, 'forbidden');
  });

  it('the referrer cancels its own referral; another partner gets 404, a coordinator who did not make it 403, a placed one 409', async () => {
    const d = await desk(w, [[{}]]);
    const stranger = await w.user('partner', { regionCodes: [d.region] });
    const r = await refer(w, d);
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/cancel`, stranger.token), 404, 'not-found');
    await refusedWritingNothing(() => post(`/api/referrals/${r.id}/cancel`, d.coordinator.token), 403, 'forbidden');
    const cancelled = await post(`/api/referrals/${r.id}/cancel`, d.partner.token);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: '2026-11-23T10:00:00+01:00', offers: [{ answer: 'withdrawn' }] });
    const placed = await refer(w, d, { referrerReference: 'R-3' });
    await post(`/api/referrals/${placed.id}/accept`, d.providers[0].token);
    await refusedWritingNothing(() => post(`/api/referrals/${placed.id}/cancel`, d.partner.token), 409, 'referral-closed');
    await refusedWritingNothing(() => post('/api/referrals/does-not-exist/cancel', d.partner.token), 404, 'not-found');
  });
});

describe('who reads what', () => {
  it('a provider lists the referrals offered to it and reads only its own offer; the referrer’s phone once placed with it', async () => {
    const d = await desk(w, [[{ primary: true }], [{}]]);
    const [first, second] = d.providers;
    const r = await refer(w, d);
    const mine = (await t.http.get('/api/referrals').set(bearer(first.token))).body;
    expect(mine.map((x: any) => x.id)).toEqual([r.id]);
    expect(mine[0]).toMatchObject({ callbackPhone: null, skipped: [], placedWith: null });
    expect((await t.http.get('/api/referrals').set(bearer(second.token))).body).toEqual([]);
    expect((await t.http.get(`/api/referrals/${r.id}`).set(bearer(second.token))).status).toBe(404);
    await post(`/api/referrals/${r.id}/decline`, first.token, { reason: 'no-places' });
    await post(`/api/referrals/${r.id}/accept`, second.token);
    const firstView = await referral(w, r.id, first.token);
    expect(firstView).toMatchObject({ status: 'placed', placedWith: null, placedAt: null, callbackPhone: null, escalatedAt: null });
    expect(firstView.offers.map((o: any) => o.agb)).toEqual([first.agb]);
    expect(await referral(w, r.id, second.token)).toMatchObject({ callbackPhone: '+31205991111', placedWith: { agb: second.agb } });
  });

  it('a partner lists its own referrals, a coordinator its regions; filters by status and creation instant', async () => {
    const d = await desk(w, [[{}]]);
    const other = await w.user('partner', { regionCodes: [d.region] });
    const own = await refer(w, d);
    t.setNow('2026-11-23T10:00:00Z');
    const theirs = await refer(w, d, {}, other.token);
    expect((await t.http.get('/api/referrals').set(bearer(d.partner.token))).body.map((x: any) => x.id)).toEqual([own.id]);
    expect((await t.http.get(`/api/referrals/${theirs.id}`).set(bearer(d.partner.token))).status).toBe(404);
    const desks = (await t.http.get('/api/referrals').query({ regionCode: d.region }).set(bearer(d.coordinator.token))).body.map((x: any) => x.id);
    expect(desks).toEqual([theirs.id, own.id]);
    const after = (await t.http.get('/api/referrals').query({ regionCode: d.region, from: '2026-11-23T10:30:00+01:00' }).set(bearer(d.coordinator.token))).body;
    expect(after.map((x: any) => x.id)).toEqual([theirs.id]);
    expect((await t.http.get('/api/referrals').query({ regionCode: d.region, status: 'placed' }).set(bearer(d.coordinator.token))).body).toEqual([]);
    const elsewhere = await desk(w, []);
    expect((await t.http.get('/api/referrals').query({ regionCode: d.region }).set(bearer(elsewhere.coordinator.token))).status).toBe(403);
    expect((await t.http.get(`/api/referrals/${own.id}`).set(bearer(elsewhere.coordinator.token))).status).toBe(404);
    const insurer = await w.user('insurer', { insurerUzovi: d.insurer });
    expect((await t.http.get('/api/referrals').set(bearer(insurer.token))).status).toBe(403);
    expect((await t.http.get('/api/referrals').query({ from: '2026-11-23T10:30:00' }).set(bearer(d.coordinator.token))).status).toBe(400);
    expect((await t.http.get('/api/referrals').query({ status: 'waiting' }).set(bearer(d.coordinator.token))).status).toBe(400);
  });
});

describe('the offer webhook', () => {
  let receiver: Server;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  afterAll(() => receiver.close());

  it('an offer is POSTed to the provider’s pagingWebhookUrl through the outbox, signed as pages are: event referral.offered, the offer’s id as Idempotency-Key, no referrer’s phone', async () => {
    const d = await desk(w, [[{}]]);
    const p = d.providers[0];
    const port = (receiver.address() as AddressInfo).port;
    const set = await t.http
      .patch(`/api/providers/${p.agb}`)
      .set(bearer(ADMIN))
      .send({ pagingWebhookUrl: `http://127.0.0.1:${port}/referrals` });
    const secret = set.body.pagingWebhookSecret as string;
    const r = await refer(w, d);
    expect(await t.app.get(OutboxService).deliverDue()).toBeGreaterThanOrEqual(1);
    const delivery = received.find((x) => JSON.parse(x.body).referral?.id === r.id)!;
    expect(delivery.headers['idempotency-key']).toBe(r.offers[0].id);
    expect(verifySignature(delivery.body, secret, String(delivery.headers['x-wijkwacht-signature']))).toBe(true);
    expect(JSON.parse(delivery.body)).toEqual({
      event: 'referral.offered',
      referral: {
        id: r.id,
        regionCode: d.region,
        postcode: '1053',
        careKinds: ['basic'],
        urgency: 'today',
        startOn: '2026-11-23',
        referrerReference: 'OLVG-TRF-88412',
        status: 'offered',
        createdAt: '2026-11-23T10:00:00+01:00',
        closedAt: null,
        outcome: null,
        escalatedAt: null,
        cancelledAt: null,
      },
      offer: { ...r.offers[0] },
    });
    expect(delivery.body).not.toContain('+31205991111');
  });

  it('the offer webhook keeps to the address policy at delivery, as pages do: an address stored around the API is refused without a connection', async () => {
    const d = await desk(w, [[{}]]);
    const p = d.providers[0];
    const port = (receiver.address() as AddressInfo).port;
    expect(
      (
        await t.http
          .patch(`/api/providers/${p.agb}`)
          .set(bearer(ADMIN))
          .send({ pagingWebhookUrl: `http://127.0.0.1:${port}/referrals` })
      ).status,
    ).toBe(200);
    const pg = t.db.options.type === 'postgres';
    await t.db.query(`UPDATE providers SET paging_webhook_url = ${pg ? '$1' : '?'} WHERE agb = ${pg ? '$2' : '?'}`, [
      'https://169.254.169.254/latest/meta-data/',
      p.agb,
    ]);
    const before = received.length;
    const r = await refer(w, d);
    await t.app.get(OutboxService).deliverDue();
    const rows = await t.sql(`SELECT status, attempts, last_error FROM outbox WHERE kind = 'referral-offer' AND idempotency_key = ?`, [r.offers[0].id]);
    expect(rows).toEqual([{ status: 'pending', attempts: 1, last_error: 'address refused: 169.254.169.254 is a cloud metadata address' }]);
    expect(received.length).toBe(before);
  });
});

describe('the audit trail', () => {
  it('every transition is audited with who and for whom', async () => {
    const d = await desk(w, [[{ primary: true }], [{}]]);
    const [first, second] = d.providers;
    const r = await refer(w, d);
    await post(`/api/referrals/${r.id}/decline`, first.token, { reason: 'no-places' });
    await post(`/api/referrals/${r.id}/accept`, second.token);
    const events = await t.sql(
      `SELECT action, entity_type, acting_for FROM audit_events WHERE entity_id = ? OR entity_id IN (SELECT id FROM referral_offers WHERE referral_id = ?) ORDER BY at, id`,
      [r.id, r.id],
    );
    expect(events).toEqual([
      { action: 'create', entity_type: 'referral', acting_for: `partner ${d.region}` },
      { action: 'offer', entity_type: 'referral', acting_for: `partner ${d.region}` },
      { action: 'decline', entity_type: 'referral-offer', acting_for: `provider ${first.agb}` },
      { action: 'offer', entity_type: 'referral', acting_for: `provider ${first.agb}` },
      { action: 'accept', entity_type: 'referral-offer', acting_for: `provider ${second.agb}` },
      { action: 'accept', entity_type: 'referral', acting_for: `provider ${second.agb}` },
    ]);
    const taken = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'intake-line' AND summary LIKE ?`, [`referral ${r.id}%`]);
    expect(taken).toEqual([{ action: 'take-place' }]);
    void HOUR;
  });
});
