import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { verifySignature } from '../src/delivery/signature.js';
import { RequestsService } from '../src/requests/requests.service.js';
import { MyPagesController } from '../src/requests/requests.controller.js';
import { ADMIN, bearer, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * Acute requests end to end: every documented answer, each escalation path driven by the clock
 * and an explicit ticker run, the nurse's pages (list and live stream), the signed webhook with a
 * retry, and the response figures.
 */
let t: TestApp;
let w: World;
const NOW = '2026-11-23T09:00:00Z'; // 10:00 in Amsterdam
const MIN = 60_000;

interface Setup {
  region: string;
  emptyRegion: string;
  provider: string;
  otherProvider: string;
  insurer: string;
  contracts: Record<string, string>;
  anna: { id: string; token: string };
  bram: { id: string; token: string };
  coordinator: { id: string; token: string };
  partner: { id: string; token: string };
  otherPartner: { id: string; token: string };
  insurerUser: { token: string };
}
let s: Setup;

async function contract(region: Record<string, any>, fn: string, agb: string, over: Record<string, unknown> = {}) {
  return w.post('/api/contracts', {
    regionCode: region.code,
    insurerUzovi: region.preferredInsurerUzovi,
    function: fn,
    responsibleParty: { type: 'provider', agb },
    validFrom: '2026-11-01',
    validTo: '2027-12-31',
    ...over,
  });
}

/** A day template 08:00–20:00 whose slot of today gets the nurse. */
async function staffToday(contractId: string, regionCode: string, fn: string, nurseId: string) {
  await w.template(contractId, { name: `Dag ${fn}`, startTime: '08:00', endTime: '20:00' });
  const slots = await w.slots(regionCode, '2026-11-23', '2026-11-23');
  const slot = slots.find((x) => x.function === fn);
  await w.post(`/api/slots/${slot!.id}/assignments`, { nurseId });
}

beforeAll(async () => {
  ({ t, w } = await startWorld());
  t.setNow(NOW);
  const region = await w.region();
  const emptyRegion = await w.region({ preferredInsurerUzovi: region.preferredInsurerUzovi });
  const provider = (await w.provider()).agb;
  const otherProvider = (await w.provider()).agb;
  const contracts: Record<string, string> = {};
  contracts.screening = (
    await contract(region, 'acute-screening', provider, { sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 5 } })
  ).id;
  contracts.night = (await contract(region, 'unplanned-night-care', provider)).id;
  contracts.specialist = (await contract(region, 'specialist-nursing', provider)).id;
  contracts.coordination = (await contract(region, 'care-coordination', otherProvider)).id;
  const annaNurse = await w.nurse(provider, { name: 'Anna de Vries' });
  const bramNurse = await w.nurse(provider, { name: 'Bram Jansen' });
  await staffToday(contracts.screening, region.code, 'acute-screening', annaNurse.id);
  await staffToday(contracts.night, region.code, 'unplanned-night-care', bramNurse.id);
  const anna = await w.user('nurse', { nurseId: annaNurse.id });
  const bram = await w.user('nurse', { nurseId: bramNurse.id });
  const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
  const partner = await w.user('partner', { regionCodes: [region.code, emptyRegion.code] });
  const otherPartner = await w.user('partner', { regionCodes: [region.code] });
  const insurerUser = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
  s = {
    region: region.code,
    emptyRegion: emptyRegion.code,
    provider,
    otherProvider,
    insurer: region.preferredInsurerUzovi,
    contracts,
    anna: { id: annaNurse.id, token: anna.token },
    bram: { id: bramNurse.id, token: bram.token },
    coordinator,
    partner,
    otherPartner,
    insurerUser,
  };
}, 60_000);

afterAll(async () => {
  await t.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  regionCode: s.region,
  function: 'acute-screening',
  urgency: 'immediate',
  postcode: '1012',
  partnerReference: 'HAP-AMS-2027-00042',
  callbackPhone: '+31201234567',
  ...over,
});
const raise = async (over: Record<string, unknown> = {}, token = s.partner.token) => {
  const res = await t.http.post('/api/requests').set(bearer(token)).send(body(over));
  expect(res.status).toBe(201);
  return res.body;
};
const tick = () => t.app.get(RequestsService).tick();
const advance = (ms: number) => t.clock.set(t.clock.now() + ms);
const get = async (id: string, token = ADMIN) => (await t.http.get(`/api/requests/${id}`).set(bearer(token))).body;
const post = (path: string, token: string, payload: object = {}) => t.http.post(path).set(bearer(token)).send(payload);
const counts = async () => ({
  requests: (await t.sql('SELECT COUNT(*) AS n FROM requests'))[0].n,
  pages: (await t.sql('SELECT COUNT(*) AS n FROM request_pages'))[0].n,
  audit: (await t.sql('SELECT COUNT(*) AS n FROM audit_events'))[0].n,
  outbox: (await t.sql('SELECT COUNT(*) AS n FROM outbox'))[0].n,
  states: await t.sql('SELECT id, status, step, next_step_at FROM requests ORDER BY id'),
});

beforeEach(() => t.setNow(NOW));

describe('creating a request', () => {
  it('a partner raises a request: the nurse on duty is paged at once, with the documented body', async () => {
    const r = await raise();
    expect(r).toEqual({
      id: expect.any(String),
      regionCode: s.region,
      function: 'acute-screening',
      contractId: s.contracts.screening,
      urgency: 'immediate',
      postcode: '1012',
      partnerReference: 'HAP-AMS-2027-00042',
      callbackPhone: '+31201234567',
      status: 'paging',
      createdAt: '2026-11-23T10:00:00+01:00',
      step: 1,
      nextStepAt: '2026-11-23T10:05:00+01:00',
      pages: [{ id: expect.any(String), step: 1, nurseId: s.anna.id, userId: expect.any(String), name: 'Anna de Vries', pagedAt: '2026-11-23T10:00:00+01:00' }],
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      outcome: null,
      cancelledAt: null,
    });
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'request', entityId: r.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'page-step']);
    expect(audit.body.find((e: { action: string }) => e.action === 'create').actingFor).toBe(`partner ${s.region},${s.emptyRegion}`);
  });

  it('a coordinator of the region and an admin may raise one too', async () => {
    expect((await raise({}, s.coordinator.token)).status).toBe('paging');
    expect((await raise({}, ADMIN)).status).toBe('paging');
  });

  it.each([
    ['a field for client details', { name: 'Jan Jansen' }],
    ['a date of birth', { dateOfBirth: '1940-01-01' }],
    ['a six-character postcode', { postcode: '1012AB' }],
    ['a three-digit postcode', { postcode: '101' }],
    ['a reference with a space', { partnerReference: 'HAP 42' }],
    ['a reference of 65 characters', { partnerReference: 'x'.repeat(65) }],
    ['a phone number that is not E.164', { callbackPhone: '020-1234567' }],
    ['an unknown urgency', { urgency: 'asap' }],
    ['an unknown function', { function: 'gp-post' }],
    ['no postcode', { postcode: undefined }],
  ])('%s is a 400 and changes nothing', async (_what, over) => {
    const before = await counts();
    const res = await t.http.post('/api/requests').set(bearer(s.partner.token)).send(body(over));
    expect(res.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('a partner outside the region, a nurse and an insurer get 403; no token 401; nothing changes', async () => {
    const stranger = await w.user('partner', { regionCodes: [s.emptyRegion] });
    const before = await counts();
    expect((await post('/api/requests', stranger.token, body())).status).toBe(403);
    expect((await post('/api/requests', s.anna.token, body())).status).toBe(403);
    expect((await post('/api/requests', s.insurerUser.token, body())).status).toBe(403);
    expect((await t.http.post('/api/requests').send(body())).status).toBe(401);
    // 403 comes before 400: a role that may not ask gets 403 even with a malformed body.
    expect((await post('/api/requests', s.anna.token, body({ name: 'x' }))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('no contract active now for the region and function is a 422 no-contract; an unknown region a 422 unknown-reference', async () => {
    const before = await counts();
    const res = await post('/api/requests', s.partner.token, body({ regionCode: s.emptyRegion }));
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([{ rule: 'no-contract', message: expect.any(String) }]);
    const unknown = await post('/api/requests', ADMIN, body({ regionCode: 'NOWHERE' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.violations[0].rule).toBe('unknown-reference');
    expect(await counts()).toEqual(before);
  });

  it('a partner user needs regionCodes, and the SLA ackMinutes is 1–120', async () => {
    expect((await t.http.post('/api/users').set(bearer(ADMIN)).send({ name: 'HAP', role: 'partner' })).status).toBe(400);
    const region = await w.region();
    const agb = (await w.provider()).agb;
    const bad = await t.http
      .post('/api/contracts')
      .set(bearer(ADMIN))
      .send({
        regionCode: region.code,
        insurerUzovi: region.preferredInsurerUzovi,
        function: 'acute-screening',
        responsibleParty: { type: 'provider', agb },
        validFrom: '2027-01-01',
        sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 121 },
      });
    expect(bad.status).toBe(400);
    const ok = await contract(region, 'acute-screening', agb, { sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0 } });
    expect(ok.sla).toEqual({ minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 10 });
  });
});

describe('escalation', () => {
  it('acknowledged at step 1: paging stops, a second acknowledgement is a 409, the ticker pages nobody more', async () => {
    const r = await raise();
    const ack = await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-23T10:00:00+01:00',
      acknowledgedBy: { nurseId: s.anna.id, name: 'Anna de Vries' },
      nextStepAt: null,
    });
    const before = await counts();
    const again = await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    expect(again.status).toBe(409);
    expect(again.body.violations).toEqual([{ rule: 'already-acknowledged', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
    advance(30 * MIN);
    await tick();
    expect((await get(r.id)).pages).toHaveLength(1);
  });

  it('unanswered: after ackMinutes (5 from the SLA) step 2 pages the party’s other nurse on duty, then step 3 the coordinators', async () => {
    const r = await raise();
    advance(5 * MIN - 1000);
    await tick();
    expect((await get(r.id)).step).toBe(1);
    advance(1000);
    await tick();
    const second = await get(r.id);
    expect(second).toMatchObject({ status: 'paging', step: 2, nextStepAt: '2026-11-23T10:10:00+01:00' });
    expect(second.pages.map((p: { step: number; name: string }) => [p.step, p.name])).toEqual([
      [1, 'Anna de Vries'],
      [2, 'Bram Jansen'],
    ]);
    advance(5 * MIN);
    await tick();
    const third = await get(r.id);
    expect(third).toMatchObject({ status: 'escalated', step: 3, nextStepAt: null });
    expect(third.pages.filter((p: { step: number }) => p.step === 3).map((p: { userId: string }) => p.userId)).toEqual([s.coordinator.id]);
    // Nothing after step 3, however long it takes.
    advance(60 * MIN);
    await tick();
    expect((await get(r.id)).pages).toHaveLength(3);
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'request', entityId: r.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'escalate', 'page-step', 'page-step']);

    // Acknowledged after escalation, by the nurse of step 1.
    const ack = await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', step: 3, acknowledgedBy: { nurseId: s.anna.id } });
  });

  it('nobody on duty for the function: straight to step 2, the party’s nurses on any slot in the region', async () => {
    const r = await raise({ function: 'specialist-nursing' });
    expect(r).toMatchObject({ status: 'paging', step: 2, contractId: s.contracts.specialist });
    expect(r.pages.map((p: { step: number; name: string }) => [p.step, p.name])).toEqual([
      [2, 'Anna de Vries'],
      [2, 'Bram Jansen'],
    ]);
  });

  it('nobody of the party on duty anywhere: straight to step 3, the coordinators, and escalated', async () => {
    const r = await raise({ function: 'care-coordination' });
    expect(r).toMatchObject({ status: 'escalated', step: 3, nextStepAt: null });
    expect(r.pages).toEqual([expect.objectContaining({ step: 3, userId: s.coordinator.id, nurseId: null })]);
    // A coordinator paged at step 3 may acknowledge and sees the page in its own list.
    const mine = await t.http.get('/api/me/pages').set(bearer(s.coordinator.token));
    expect(mine.body.some((p: { request: { id: string } }) => p.request.id === r.id)).toBe(true);
    expect((await post(`/api/requests/${r.id}/acknowledge`, s.coordinator.token)).status).toBe(200);
  });

  it('cancelled: paging stops; cancelling again and acknowledging are 409 request-closed', async () => {
    const r = await raise();
    const cancel = await post(`/api/requests/${r.id}/cancel`, s.partner.token);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelledAt: '2026-11-23T10:00:00+01:00', nextStepAt: null });
    advance(30 * MIN);
    await tick();
    expect((await get(r.id)).pages).toHaveLength(1);
    const before = await counts();
    const again = await post(`/api/requests/${r.id}/cancel`, s.partner.token);
    expect(again.status).toBe(409);
    expect(again.body.violations[0].rule).toBe('request-closed');
    const ack = await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    expect(ack.status).toBe(409);
    expect(ack.body.violations[0].rule).toBe('request-closed');
    expect(await counts()).toEqual(before);
  });

  it('a step that is due is paged once even when the ticker runs twice at once', async () => {
    const r = await raise();
    advance(5 * MIN);
    const [a, b] = await Promise.all([tick(), t.app.get(RequestsService).tick()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await get(r.id)).pages.filter((p: { step: number }) => p.step === 2)).toHaveLength(1);
  });
});

describe('answering and reading', () => {
  it('the acknowledging nurse resolves with an outcome; another paged nurse may not; a second resolve is a 409', async () => {
    const r = await raise();
    advance(5 * MIN);
    await tick(); // Bram is paged too
    await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    const before = await counts();
    expect((await post(`/api/requests/${r.id}/resolve`, s.bram.token, { outcome: 'visited' })).status).toBe(403);
    expect((await post(`/api/requests/${r.id}/resolve`, s.anna.token, { outcome: 'cured' })).status).toBe(400);
    expect((await post(`/api/requests/${r.id}/resolve`, s.anna.token, { outcome: 'visited', note: 'x' })).status).toBe(400);
    expect(await counts()).toEqual(before);
    const done = await post(`/api/requests/${r.id}/resolve`, s.anna.token, { outcome: 'visited' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'resolved', outcome: 'visited', resolvedAt: '2026-11-23T10:05:00+01:00' });
    expect((await post(`/api/requests/${r.id}/resolve`, s.coordinator.token, { outcome: 'visited' })).status).toBe(409);
    expect((await post(`/api/requests/${r.id}/cancel`, s.partner.token)).status).toBe(409);
  });

  it('a coordinator of the region may resolve and cancel; a partner may not resolve; a nurse may not cancel', async () => {
    const r = await raise();
    expect((await post(`/api/requests/${r.id}/resolve`, s.partner.token, { outcome: 'no-action' })).status).toBe(403);
    expect((await post(`/api/requests/${r.id}/cancel`, s.anna.token)).status).toBe(403);
    expect((await post(`/api/requests/${r.id}/resolve`, s.coordinator.token, { outcome: 'advice-by-phone' })).status).toBe(200);
    const other = await raise();
    expect((await post(`/api/requests/${other.id}/cancel`, s.coordinator.token)).status).toBe(200);
  });

  it('scope: another partner, a nurse not paged and a coordinator elsewhere get 404; unknown ids 404', async () => {
    const r = await raise();
    const elsewhere = await w.user('coordinator', { regionCodes: [s.emptyRegion] });
    for (const token of [s.otherPartner.token, s.bram.token, elsewhere.token]) {
      expect((await t.http.get(`/api/requests/${r.id}`).set(bearer(token))).status).toBe(404);
    }
    expect((await post(`/api/requests/${r.id}/cancel`, s.otherPartner.token)).status).toBe(404);
    expect((await post(`/api/requests/${r.id}/acknowledge`, s.bram.token)).status).toBe(404);
    expect((await post('/api/requests/nope/acknowledge', s.anna.token)).status).toBe(404);
    expect((await t.http.get('/api/requests/nope').set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.get(`/api/requests/${r.id}`).set(bearer(s.anna.token))).status).toBe(200);
    expect((await t.http.get(`/api/requests/${r.id}`).set(bearer(s.insurerUser.token))).status).toBe(403);
  });

  it('lists: a partner its own, a coordinator its regions (403 for another), filters by status and period; a nurse 403', async () => {
    const mine = await raise({ partnerReference: 'LIST-1' });
    await raise({ partnerReference: 'LIST-2' }, s.otherPartner.token);
    const own = await t.http.get('/api/requests').set(bearer(s.partner.token));
    expect(own.status).toBe(200);
    expect(own.body.some((r: { id: string }) => r.id === mine.id)).toBe(true);
    expect(own.body.some((r: { partnerReference: string }) => r.partnerReference === 'LIST-2')).toBe(false);
    const coord = await t.http.get('/api/requests').query({ regionCode: s.region, status: 'paging' }).set(bearer(s.coordinator.token));
    expect(coord.body.map((r: { partnerReference: string }) => r.partnerReference)).toEqual(expect.arrayContaining(['LIST-1', 'LIST-2']));
    expect(coord.body.every((r: { status: string }) => r.status === 'paging')).toBe(true);
    expect((await t.http.get('/api/requests').query({ regionCode: s.emptyRegion }).set(bearer(s.coordinator.token))).status).toBe(403);
    expect((await t.http.get('/api/requests').set(bearer(s.anna.token))).status).toBe(403);
    expect((await t.http.get('/api/requests').query({ from: '2026-11-23T10:00:01+01:00' }).set(bearer(ADMIN))).body).toEqual([]);
    expect((await t.http.get('/api/requests').query({ from: '2026-11-23T10:00:00' }).set(bearer(ADMIN))).status).toBe(400);
    expect((await t.http.get('/api/requests').query({ status: 'open' }).set(bearer(ADMIN))).status).toBe(400);
  });

  it('a nurse lists its pages with their requests, filtered by status; an insurer 403', async () => {
    const r = await raise({ partnerReference: 'PAGES-1' });
    const pages = await t.http.get('/api/me/pages').query({ status: 'paging' }).set(bearer(s.anna.token));
    expect(pages.status).toBe(200);
    const page = pages.body.find((p: { request: { id: string } }) => p.request.id === r.id);
    expect(page).toMatchObject({ step: 1, nurseId: s.anna.id, request: { partnerReference: 'PAGES-1', callbackPhone: '+31201234567', status: 'paging' } });
    expect(pages.body.every((p: { request: { status: string } }) => p.request.status === 'paging')).toBe(true);
    await post(`/api/requests/${r.id}/acknowledge`, s.anna.token);
    const acknowledged = await t.http.get('/api/me/pages').query({ status: 'acknowledged' }).set(bearer(s.anna.token));
    expect(acknowledged.body.find((p: { request: { id: string } }) => p.request.id === r.id).request).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { nurseId: s.anna.id, name: 'Anna de Vries' },
    });
    expect((await t.http.get('/api/me/pages').set(bearer(s.bram.token))).body.some((p: { request: { id: string } }) => p.request.id === r.id)).toBe(false);
    expect((await t.http.get('/api/me/pages').set(bearer(s.insurerUser.token))).status).toBe(403);
    expect((await t.http.get('/api/me/pages').query({ status: 'x' }).set(bearer(s.anna.token))).status).toBe(400);
  });

  it('the event stream carries each new page to the nurse at once, with comment lines to keep it open', async () => {
    MyPagesController.keepAliveMs = 300; // 15 s in production
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/me/pages/stream`, { headers: bearer(s.anna.token), signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5_000;
      while (!text.includes(needle) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text.includes(needle);
    };
    expect(await readUntil(': connected')).toBe(true);
    expect(await readUntil(': keep-alive')).toBe(true);
    const r = await raise({ partnerReference: 'STREAM-1' });
    expect(await readUntil('event: page')).toBe(true);
    expect(await readUntil('\n\n')).toBe(true);
    const data = JSON.parse(/event: page\ndata: (.*)\n/.exec(text)![1]);
    expect(data).toMatchObject({ step: 1, nurseId: s.anna.id, request: { id: r.id, partnerReference: 'STREAM-1' } });
    controller.abort();
    MyPagesController.keepAliveMs = 15_000;
    expect((await t.http.get('/api/me/pages/stream').set(bearer(s.partner.token))).status).toBe(403);
    expect((await t.http.get('/api/me/pages/stream')).status).toBe(401);
  });
});

describe('response figures', () => {
  it('per contract for the local month: counts, ack times and the share within ackMinutes', async () => {
    const stats = async (token: string, query: Record<string, string> = {}) =>
      t.http
        .get('/api/requests/stats')
        .query({ regionCode: s.region, month: '2026-11', ...query })
        .set(bearer(token));
    const res = await stats(s.coordinator.token, { function: 'acute-screening' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [figures] = res.body;
    expect(figures).toMatchObject({ contractId: s.contracts.screening, function: 'acute-screening' });
    const all = await t.sql('SELECT created_at, acknowledged_at, cancelled_at FROM requests WHERE contract_id = ?', [s.contracts.screening]);
    expect(figures.requests).toBe(all.length);
    expect(figures.acknowledged).toBe(all.filter((r) => r.acknowledged_at !== null).length);
    expect(typeof figures.withinAckPct).toBe('number');
    expect((await stats(s.insurerUser.token)).body).toHaveLength(4);
    expect((await stats(ADMIN, { month: '2026-10' })).body).toEqual([]);
    const elsewhere = await w.user('coordinator', { regionCodes: [s.emptyRegion] });
    expect((await stats(elsewhere.token)).status).toBe(403);
    expect((await stats(s.partner.token)).status).toBe(403);
    expect((await stats(ADMIN, { month: '2026-13' })).status).toBe(400);
    expect((await stats(ADMIN, { regionCode: 'NOWHERE' })).status).toBe(404);
  });

  it('seconds are rounded half up, and an acknowledgement that reads as exactly ackMinutes counts as within', async () => {
    // A region of its own, so that only these requests are measured: ackMinutes 10.
    const region = await w.region();
    const provider = (await w.provider()).agb;
    const screening = await contract(region, 'acute-screening', provider, { sla: { minCoveragePct: 90, deductionPerUncoveredHourCents: 0, ackMinutes: 10 } });
    const nurse = await w.nurse(provider, { name: 'Chris Smit' });
    await staffToday(screening.id, region.code, 'acute-screening', nurse.id);
    const chris = await w.user('nurse', { nurseId: nurse.id });
    const partner = await w.user('partner', { regionCodes: [region.code] });
    // Acknowledged 600.499 s (600 s: within), 600.5 s (601 s: late) and 0.5 s (1 s) after creation.
    for (const [at, ackAfterMs] of [
      ['2026-11-23T09:00:00Z', 600_499],
      ['2026-11-23T09:30:00Z', 600_500],
      ['2026-11-23T10:00:00Z', 500],
    ] as const) {
      t.setNow(at);
      const r = await raise({ regionCode: region.code }, partner.token);
      advance(ackAfterMs);
      expect((await post(`/api/requests/${r.id}/acknowledge`, chris.token)).status).toBe(200);
    }
    const res = await t.http.get('/api/requests/stats').query({ regionCode: region.code, month: '2026-11' }).set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        contractId: screening.id,
        function: 'acute-screening',
        requests: 3,
        acknowledged: 3,
        escalated: 0,
        medianAckSeconds: 600,
        p90AckSeconds: 601,
        withinAckPct: 66.67,
      },
    ]);
  });
});

describe('the paging webhook', () => {
  let hook: Server;
  const received: Array<{ key: string; body: any; signed: boolean }> = [];
  /** The first POST for this request is answered 500. */
  let failFor: string | null = null;
  let secret = '';

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (failFor && raw.includes(failFor)) {
          failFor = null;
          res.writeHead(500).end();
          return;
        }
        received.push({
          key: String(req.headers['idempotency-key']),
          body: JSON.parse(raw),
          signed: verifySignature(raw, secret, req.headers['x-wijkwacht-signature'] as string),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });
  afterAll(() => hook.close());

  it('only https, or http to a loopback address; the secret is shown once', async () => {
    for (const url of ['http://example.nl/hook', 'ftp://127.0.0.1/x', 'not a url', 'https://user:pw@example.nl/']) {
      expect((await t.http.patch(`/api/providers/${s.provider}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: url })).status).toBe(400);
    }
    expect((await t.http.patch(`/api/providers/${s.provider}`).set(bearer(s.coordinator.token)).send({ pagingWebhookUrl: 'https://x.nl/' })).status).toBe(403);
    const port = (hook.address() as AddressInfo).port;
    const set = await t.http
      .patch(`/api/providers/${s.provider}`)
      .set(bearer(ADMIN))
      .send({ pagingWebhookUrl: `http://127.0.0.1:${port}/pages` });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      agb: s.provider,
      name: expect.any(String),
      pagingWebhookUrl: `http://127.0.0.1:${port}/pages`,
      pagingWebhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    secret = set.body.pagingWebhookSecret;
    const read = await t.http.get(`/api/providers/${s.provider}`).set(bearer(ADMIN));
    expect(read.body.pagingWebhookSecret).toBeUndefined();
    expect((await t.http.get('/api/providers').set(bearer(ADMIN))).body.some((p: Record<string, unknown>) => 'pagingWebhookSecret' in p)).toBe(false);
  });

  it('each page is POSTed signed with its page id as Idempotency-Key, retried after a 500, and seen once', async () => {
    const r = await raise({ partnerReference: 'HOOK-1' });
    failFor = r.id;
    // Requests of earlier tests are escalated by the same ticker run; only this one is looked at.
    const mine = () => received.filter((x) => x.body.id === r.id);
    advance(5 * MIN);
    await tick(); // step 2: Bram
    const outbox = t.app.get(OutboxService);
    await outbox.deliverDue(); // one of the two meets the 500
    expect(mine()).toHaveLength(1);
    await outbox.deliverDue(); // nothing is due yet: the failed one waits 30 s
    expect(mine()).toHaveLength(1);
    advance(31_000);
    await outbox.deliverDue();
    await outbox.deliverDue();
    const pages = (await get(r.id)).pages;
    expect(pages).toHaveLength(2);
    expect(
      mine()
        .map((x) => x.key)
        .sort(),
    ).toEqual(pages.map((p: { id: string }) => p.id).sort());
    expect(received.every((x) => x.signed)).toBe(true);
    expect(mine()[0].body).toMatchObject({ id: r.id, partnerReference: 'HOOK-1', postcode: '1012', page: { id: mine()[0].key } });
    expect(received.some((x) => 'callbackPhone' in x.body)).toBe(false);
    const rows = await t.sql(`SELECT status, attempts FROM outbox WHERE kind = 'page' AND body LIKE ? ORDER BY attempts`, [`%${r.id}%`]);
    expect(rows.map((x) => [x.status, Number(x.attempts)])).toEqual([
      ['delivered', 1],
      ['delivered', 2],
    ]);
  });

  it('a receiver that keeps failing is retried with backoff and given up after 24 hours', async () => {
    await t.http.patch(`/api/providers/${s.provider}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: 'http://127.0.0.1:9/closed' });
    await raise({ partnerReference: 'HOOK-2' });
    const outbox = t.app.get(OutboxService);
    for (let i = 0; i < 40; i++) {
      await outbox.deliverDue();
      advance(3_600_000);
    }
    await outbox.deliverDue();
    const [row] = await t.sql(`SELECT status, attempts, last_error FROM outbox WHERE body LIKE '%HOOK-2%'`);
    expect(row.status).toBe('failed');
    expect(Number(row.attempts)).toBeGreaterThan(5);
    expect(Number(row.attempts)).toBeLessThan(40);
    await t.http.patch(`/api/providers/${s.provider}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: null });
  });
});
