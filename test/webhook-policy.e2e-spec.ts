import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { type ResolvedAddress, WebhookTargets } from '../src/delivery/webhook-targets.js';
import { startWorld, type World } from './factories/world.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';

/**
 * A provider's paging webhook: who may read its URL, and where it may point. The address policy
 * is checked when the URL is set and again at every delivery, against what the name resolves to
 * then. Names are resolved by a stand-in resolver here (no DNS in tests); IP addresses in a URL
 * need none.
 */
let t: TestApp;
let w: World;
const realResolve = WebhookTargets.resolve;
/** What each name resolves to, for the stand-in resolver; a name not listed does not resolve. */
const names = new Map<string, string[]>();

function resolveFromTable(host: string): Promise<ResolvedAddress[]> {
  const addresses = names.get(host);
  if (!addresses) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
  return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
}

beforeAll(async () => {
  WebhookTargets.resolve = resolveFromTable;
  ({ t, w } = await startWorld());
  t.setNow('2026-11-23T09:00:00Z');
});

afterAll(async () => {
  WebhookTargets.resolve = realResolve;
  await t.close();
});

beforeEach(() => {
  names.clear();
  names.set('localhost', ['127.0.0.1']);
});

const patch = (agb: string, body: object, token = ADMIN) => t.http.patch(`/api/providers/${agb}`).set(bearer(token)).send(body);

describe('who may read pagingWebhookUrl', () => {
  it('an admin and the provider’s own nurses; not partners, coordinators, insurers or nurses of another provider', async () => {
    const region = await w.region();
    const provider = (await w.provider()).agb;
    const other = (await w.provider()).agb;
    names.set('planning.example.test', ['93.184.216.34']);
    expect((await patch(provider, { pagingWebhookUrl: 'https://planning.example.test/pages' })).status).toBe(200);
    const own = await w.user('nurse', { nurseId: (await w.nurse(provider)).id });
    const foreign = await w.user('nurse', { nurseId: (await w.nurse(other)).id });
    const partner = await w.user('partner', { regionCodes: [region.code] });
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });

    const seen = async (token: string) => {
      const one = await t.http.get(`/api/providers/${provider}`).set(bearer(token));
      const list = await t.http.get('/api/providers').set(bearer(token));
      expect(one.status).toBe(200);
      expect(list.status).toBe(200);
      const inList = list.body.find((p: { agb: string }) => p.agb === provider);
      expect(inList).toEqual(one.body);
      return one.body;
    };
    for (const token of [ADMIN, own.token]) {
      expect(await seen(token)).toEqual({ agb: provider, name: expect.any(String), pagingWebhookUrl: 'https://planning.example.test/pages' });
    }
    for (const token of [foreign.token, partner.token, coordinator.token, insurer.token]) {
      const body = await seen(token);
      expect(body).toEqual({ agb: provider, name: expect.any(String) });
      expect(JSON.stringify(body)).not.toContain('planning.example.test');
    }
    // The provider without a webhook: its own nurse reads null, others nothing.
    expect((await t.http.get(`/api/providers/${other}`).set(bearer(foreign.token))).body).toEqual({
      agb: other,
      name: expect.any(String),
      pagingWebhookUrl: null,
    });
    expect((await t.http.get(`/api/providers/${other}`).set(bearer(own.token))).body).toEqual({ agb: other, name: expect.any(String) });
  });
});

describe('where a paging webhook may point, when it is set', () => {
  it('link-local and metadata addresses are refused (422 webhook-address) in every spelling, and nothing changes', async () => {
    const provider = (await w.provider()).agb;
    const before = await dbState(t.db);
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      'https://169.254.170.2/v2/credentials',
      'https://2852039166/', // 169.254.169.254 as one number
      'https://0xa9.0xfe.0xa9.0xfe/',
      'https://[fe80::1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://[64:ff9b::a9fe:a9fe]/',
      'https://[fd00:ec2::254]/',
      'https://100.100.100.200/',
      'https://10.1.2.3/',
      'https://172.16.0.1/',
      'https://192.168.10.1/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[fd12::1]/',
      'https://[::ffff:10.1.2.3]/',
      'https://224.0.0.1/',
    ]) {
      const res = await patch(provider, { pagingWebhookUrl: url });
      expect({ url, status: res.status }).toEqual({ url, status: 422 });
      expect(res.body).toMatchObject({ statusCode: 422, violations: [{ rule: 'webhook-address', message: expect.any(String) }] });
    }
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a name is judged by every address it resolves to now; a name that does not resolve now is accepted', async () => {
    const provider = (await w.provider()).agb;
    names.set('metadata.example.test', ['169.254.169.254']);
    names.set('intern.example.test', ['10.20.30.40']);
    names.set('mixed.example.test', ['93.184.216.34', 'fe80::1']);
    names.set('mapped.example.test', ['::ffff:169.254.169.254']);
    names.set('hooks.example.test', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    const before = await dbState(t.db);
    for (const host of ['metadata.example.test', 'intern.example.test', 'mixed.example.test', 'mapped.example.test']) {
      const res = await patch(provider, { pagingWebhookUrl: `https://${host}/pages` });
      expect({ host, status: res.status, rule: res.body.violations?.[0]?.rule }).toEqual({ host, status: 422, rule: 'webhook-address' });
      expect(res.body.violations[0].message).toContain(host);
    }
    expect(await dbState(t.db)).toEqual(before);
    expect((await patch(provider, { pagingWebhookUrl: 'https://hooks.example.test/pages' })).status).toBe(200);
    expect((await patch(provider, { pagingWebhookUrl: 'https://not-yet.example.test/pages' })).status).toBe(200);
    // Loopback stays allowed, as api.md says (http only there).
    expect((await patch(provider, { pagingWebhookUrl: 'http://localhost:8080/pages' })).status).toBe(200);
    expect((await patch(provider, { pagingWebhookUrl: 'http://[::1]:8080/pages' })).status).toBe(200);
  });

  it('the role and the provider come first: 403 for a coordinator, 404 for an unknown provider, whatever the URL', async () => {
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const provider = (await w.provider()).agb;
    expect((await patch(provider, { pagingWebhookUrl: 'https://169.254.169.254/' }, coordinator.token)).status).toBe(403);
    expect((await patch('79999999', { pagingWebhookUrl: 'https://169.254.169.254/' })).status).toBe(404);
    expect((await patch(provider, { pagingWebhookUrl: 'http://10.1.2.3/' })).status).toBe(400);
  });
});

describe('with WEBHOOK_ALLOW_PRIVATE=true', () => {
  it('private-network addresses are allowed; link-local and metadata addresses still are not', async () => {
    const other = await startWorld({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    try {
      const provider = (await other.w.provider()).agb;
      const set = (url: string) => other.t.http.patch(`/api/providers/${provider}`).set(bearer(ADMIN)).send({ pagingWebhookUrl: url });
      for (const url of ['https://10.1.2.3/', 'https://192.168.1.5/', 'https://100.64.1.1/', 'https://[fd12::1]/']) {
        expect({ url, status: (await set(url)).status }).toEqual({ url, status: 200 });
      }
      for (const url of ['https://169.254.169.254/', 'https://[fe80::1]/', 'https://[::ffff:169.254.169.254]/']) {
        expect({ url, status: (await set(url)).status }).toEqual({ url, status: 422 });
      }
    } finally {
      await other.t.close();
    }
  });
});

describe('where a paging webhook may point, at delivery', () => {
  let receiver: Server;
  let port: number;
  const received: string[] = [];
  let provider: string;
  let partner: { token: string };
  let regionCode: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(raw).partnerReference);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
    const region = await w.region();
    regionCode = region.code;
    provider = (await w.provider()).agb;
    const contract = await w.post('/api/contracts', {
      regionCode,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: provider },
      validFrom: '2026-11-01',
    });
    await w.template(contract.id, { name: 'Dag', startTime: '08:00', endTime: '20:00' });
    const [slot] = await w.slots(regionCode, '2026-11-23', '2026-11-23');
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: (await w.nurse(provider)).id });
    partner = await w.user('partner', { regionCodes: [regionCode] });
  });
  afterAll(() => receiver.close());

  const raise = async (partnerReference: string) => {
    const res = await t.http
      .post('/api/requests')
      .set(bearer(partner.token))
      .send({ regionCode, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference });
    expect(res.status).toBe(201);
  };
  const delivery = async (reference: string) =>
    (await t.sql(`SELECT status, attempts, last_error FROM outbox WHERE kind = 'page' AND body LIKE ?`, [`%"${reference}"%`]))[0];

  it('the name is resolved again at each delivery: a name that now points at a metadata, link-local or private address is not connected to', async () => {
    expect((await patch(provider, { pagingWebhookUrl: `http://localhost:${port}/pages` })).status).toBe(200);
    const outbox = t.app.get(OutboxService);
    await raise('DELIVER-OK');
    await outbox.deliverDue();
    expect(received).toEqual(['DELIVER-OK']);

    const cases: Array<[string, string[], RegExp]> = [
      ['DELIVER-METADATA', ['169.254.169.254'], /metadata/],
      ['DELIVER-MAPPED', ['::ffff:169.254.169.254'], /metadata/],
      ['DELIVER-LINKLOCAL', ['fe80::1'], /link-local/],
      ['DELIVER-PRIVATE', ['10.0.0.7'], /private-network/],
      ['DELIVER-MIXED', ['127.0.0.1', '169.254.169.254'], /metadata/],
    ];
    for (const [reference, addresses, reason] of cases) {
      names.set('localhost', addresses);
      await raise(reference);
      await outbox.deliverDue();
      const row = await delivery(reference);
      expect({ reference, status: row.status, attempts: Number(row.attempts) }).toEqual({ reference, status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/^address refused: localhost resolves to /);
      expect(row.last_error).toMatch(reason);
    }
    expect(received).toEqual(['DELIVER-OK']);

    // Once the name points at an allowed address again, the retries deliver what waited.
    names.set('localhost', ['127.0.0.1']);
    t.setNow('2026-11-23T09:05:00Z');
    try {
      await outbox.deliverDue();
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    expect(received.slice(1).sort()).toEqual(cases.map(([reference]) => reference).sort());
  });

  it('an address stored before the policy (written around the API) is refused at delivery without a connection', async () => {
    names.set('localhost', ['127.0.0.1']);
    expect((await patch(provider, { pagingWebhookUrl: `http://localhost:${port}/pages` })).status).toBe(200);
    await t.db.query(
      `UPDATE providers SET paging_webhook_url = ${t.db.options.type === 'postgres' ? '$1' : '?'} WHERE agb = ${t.db.options.type === 'postgres' ? '$2' : '?'}`,
      ['https://169.254.169.254/latest/meta-data/', provider],
    );
    await raise('DELIVER-STORED');
    await t.app.get(OutboxService).deliverDue();
    const row = await delivery('DELIVER-STORED');
    expect(row.status).toBe('pending');
    expect(row.last_error).toBe('address refused: 169.254.169.254 is a cloud metadata address');
  });
});
