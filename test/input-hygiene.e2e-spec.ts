import { ADMIN, bearer, dbState, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * Input and HTTP hygiene: whatever arrives (nesting, NUL bytes, exponent notation, prototype
 * names, other content types) is a 4xx in the documented precedence and writes nothing; every API
 * answer is uncacheable; the web app's policy is strict.
 */
let t: TestApp;
let w: World;
const ids: Record<string, string> = {};
let nurseToken: string;

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
  const { region, provider, contract } = await w.contracted({ region: { code: 'HYG' } });
  await w.template(contract.id);
  const nurse = await w.nurse(provider.agb);
  const colleague = await w.nurse(provider.agb);
  const slot = await w.slotOn('HYG', '2027-05-01');
  const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  nurseToken = (await w.user('nurse', { nurseId: nurse.id })).token;
  Object.assign(ids, {
    region: region.code,
    uzovi: region.preferredInsurerUzovi,
    agb: provider.agb,
    contract: contract.id,
    nurse: nurse.id,
    colleague: colleague.id,
    slot: slot.id,
    assignment: assignment.id,
  });
});
afterAll(() => t.close());

/** Sends a raw JSON text, so that the test controls every byte. */
function sendJson(method: 'post' | 'patch' | 'get' | 'delete', path: string, text: string, token: string | null = ADMIN) {
  let req = t.http[method](path).set('Content-Type', 'application/json');
  if (token) req = req.set(bearer(token));
  return req.send(text);
}

/** Runs a request that must be refused with `status` and proves that it wrote nothing. */
async function refused(status: number, run: () => PromiseLike<{ status: number; body: any }>) {
  const before = await dbState(t.db);
  const res = await run();
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
  expect(typeof res.body.error).toBe('string');
  expect(await dbState(t.db)).toEqual(before);
  return res;
}

const contract = (over: object = {}) => ({
  regionCode: ids.region,
  insurerUzovi: ids.uzovi,
  function: 'acute-screening',
  responsibleParty: { type: 'provider', agb: ids.agb },
  validFrom: '2029-01-01',
  validTo: '2029-12-31',
  ...over,
});

describe('deeply nested JSON', () => {
  const deepArray = '['.repeat(1500) + ']'.repeat(1500);
  const deepObject = '{"a":'.repeat(1500) + '1' + '}'.repeat(1500);

  it.each([
    ['post', '/api/insurers', deepArray],
    ['post', '/api/insurers', deepObject],
    ['post', '/api/contracts', deepObject],
    ['patch', '/api/nurses/:nurse', deepObject],
    ['post', '/api/slots/:slot/assignments', `{"nurseId":${deepArray}}`],
    ['get', '/api/contracts', deepArray],
  ] as const)('%s %s with 1,500 levels → 400 for an admin', async (method, path, text) => {
    const res = await refused(400, () =>
      sendJson(
        method,
        path.replace(/:(\w+)/, (_, k) => ids[k]),
        text,
      ),
    );
    expect(String(res.body.message)).toMatch(/nested/);
  });

  it('is a 400 for a nurse on a route it may use, too', async () => {
    await refused(400, () => sendJson('post', `/api/assignments/${ids.assignment}/offers`, `{"toNurseId":${deepArray}}`, nurseToken));
  });

  it('32 levels are within the bound (the body is judged on its fields instead)', async () => {
    const res = await refused(400, () => sendJson('post', '/api/insurers', '{"a":'.repeat(31) + '[]' + '}'.repeat(31)));
    expect(String(res.body.message)).toMatch(/property a should not exist/);
  });
});

describe('a NUL byte anywhere', () => {
  it.each([
    ['get', '/api/nurses/%00'],
    ['get', '/api/slots/a%00b'],
    ['get', '/api/contracts/%00'],
    ['delete', '/api/assignments/a%00'],
    ['post', '/api/contracts/%00/terminate'],
    ['get', '/api/audit-events?entityType=a%00b'],
    ['get', '/api/audit-events?entityId=%00'],
    ['get', '/api/fee-statements?contractId=%00'],
    ['get', '/api/contracts?x%00=1'],
  ] as const)('in the path or query: %s %s → 400', async (method, path) => {
    await refused(400, () => t.http[method](path).set(bearer(ADMIN)));
  });

  it('in a PATCH path with a valid body → 400', async () => {
    await refused(400, () => t.http.patch('/api/nurses/x%00').set(bearer(ADMIN)).send({ phone: '+31 20 555 0199' }));
  });

  it.each([
    ['/api/slots/:slot/assignments', () => ({ nurseId: `${ids.nurse}\u0000` })],
    ['/api/users', () => ({ name: 'n', role: 'nurse', nurseId: '\u0000' })],
    ['/api/contracts', () => contract({ responsibleParty: { type: 'consortium', consortiumId: 'c\u0000' } })],
    ['/api/contracts', () => contract({ responsibleParty: { type: 'provider', agb: '7500\u00000001' } })],
    ['/api/fee-statements', () => ({ month: '2027-03', contractId: '\u0000' })],
    ['/api/insurers', () => ({ uzovi: '3399', name: 'x', ['a\u0000']: 1 })],
  ] as const)('in a body field of POST %s → 400', async (path, body) => {
    await refused(400, () =>
      t.http
        .post(path.replace(/:(\w+)/, (_, k) => ids[k]))
        .set(bearer(ADMIN))
        .send(body()),
    );
  });

  it('in the id a nurse offers a shift to → 400', async () => {
    await refused(400, () => t.http.post(`/api/assignments/${ids.assignment}/offers`).set(bearer(nurseToken)).send({ toNurseId: '\u0000' }));
  });
});

describe('minCoveragePct', () => {
  const withSla = (pct: string) => JSON.stringify(contract()).replace(/}$/, `,"sla":{"minCoveragePct":${pct},"deductionPerUncoveredHourCents":100}}`);

  it.each(['1e-7', '1E-3', '98.125', '-1e-9', '1e3'])('%s → 400', async (pct) => {
    await refused(400, () => sendJson('post', '/api/contracts', withSla(pct)));
  });

  it('exponent notation of a two-decimal number is accepted (9.775e1 is 97.75)', async () => {
    const res = await sendJson('post', '/api/contracts', withSla('9.775e1'));
    expect(res.status).toBe(201);
    expect(res.body.sla.minCoveragePct).toBe(97.75);
  });
});

describe('field names of Object.prototype', () => {
  it.each(['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'an unknown field named %s is refused (400), also nested',
    async (name) => {
      const top = await refused(400, () => sendJson('post', '/api/insurers', `{"uzovi":"3398","name":"x","${name}":{"admin":true}}`));
      expect(String(top.body.message)).toContain(`property ${name} should not exist`);
      await refused(400, () => sendJson('post', '/api/contracts', JSON.stringify(contract()).replace(/}$/, `,"fee":{"${name}":1}}`)));
      await refused(400, () => t.http.get('/api/contracts').query(`${name}=1`).set(bearer(ADMIN)));
    },
  );
});

describe('content types', () => {
  it('text/plain with a JSON-looking body to an offer → 415, no offer made', async () => {
    const res = await refused(415, () =>
      t.http
        .post(`/api/assignments/${ids.assignment}/offers`)
        .set(bearer(nurseToken))
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ toNurseId: ids.colleague })),
    );
    expect(res.body.error).toBe('Unsupported Media Type');
  });

  it.each([
    ['application/x-www-form-urlencoded', 'uzovi=3397&name=x'],
    ['text/json', '{"uzovi":"3397","name":"x"}'],
    ['application/json; charset=latin1', '{"uzovi":"3397","name":"x"}'],
  ])('%s → 415', async (type, text) => {
    await refused(415, () => t.http.post('/api/insurers').set(bearer(ADMIN)).set('Content-Type', type).send(text));
  });

  it('a body without a content type → 415', async () => {
    const before = await dbState(t.db);
    const res = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = t.http.post('/api/insurers').set(bearer(ADMIN)).unset('Content-Type');
      req.send(Buffer.from('{"uzovi":"3397","name":"x"}')).then((r) => resolve(r), reject);
    });
    expect(res.status).toBe(415);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('application/*+json and an explicit utf-8 charset are JSON', async () => {
    const a = await t.http.post('/api/insurers').set(bearer(ADMIN)).set('Content-Type', 'application/merge-patch+json').send('{"uzovi":"3396","name":"Plus"}');
    expect(a.status).toBe(201);
    const b = await t.http
      .post('/api/insurers')
      .set(bearer(ADMIN))
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send('{"uzovi":"3395","name":"Utf"}');
    expect(b.status).toBe(201);
  });

  it('a POST without a body is still judged as before (an offer to anyone needs no body)', async () => {
    const first = await t.http.post(`/api/slots/${ids.slot}/assignments`).set(bearer(ADMIN));
    expect(first.status).toBe(400);
    const offer = await t.http.post(`/api/assignments/${ids.assignment}/offers`).set(bearer(nurseToken));
    expect(offer.status).toBe(201);
    expect(offer.body.toNurseId ?? null).toBeNull();
    expect((await t.http.post(`/api/offers/${offer.body.id}/withdraw`).set(bearer(nurseToken))).status).toBeLessThan(300);
  });
});

describe('precedence: 401, 403, then 400 or 415', () => {
  const malformed = '{"uzovi": "3311", ';
  const problems: Array<[string, string, string]> = [
    ['malformed JSON', 'application/json', malformed],
    ['nested too deep', 'application/json', '['.repeat(100) + ']'.repeat(100)],
    ['a NUL byte', 'application/json', '{"uzovi":"3311","name":"a\\u0000"}'],
  ];

  it.each(problems)('%s: without a token 401, as a nurse on an admin route 403, as admin 400', async (_name, type, text) => {
    const send = (token?: string) => {
      const req = t.http.post('/api/insurers').set('Content-Type', type);
      return (token ? req.set(bearer(token)) : req).send(text);
    };
    await refused(401, () => send());
    await refused(401, () => send('not-a-known-token'));
    await refused(403, () => send(nurseToken));
    await refused(400, () => send(ADMIN));
  });

  it('another content type: 401, 403, then 415', async () => {
    const send = (token?: string) => {
      const req = t.http.post('/api/insurers').set('Content-Type', 'text/plain');
      return (token ? req.set(bearer(token)) : req).send('{"uzovi":"3311","name":"x"}');
    };
    await refused(401, () => send());
    await refused(403, () => send(nurseToken));
    await refused(415, () => send(ADMIN));
  });

  it('a NUL in the path: 401 before 400', async () => {
    await refused(401, () => t.http.get('/api/nurses/%00'));
  });

  it('a body over 1 MB is refused at once with 413, even without a token', async () => {
    const big = JSON.stringify({ uzovi: '3311', name: 'x'.repeat(1_100_000) });
    await refused(413, () => t.http.post('/api/insurers').set('Content-Type', 'application/json').send(big));
  });
});

describe('caching', () => {
  it('API answers are never stored: the one-time token, errors, lists, health and the docs', async () => {
    const user = await t.http.post('/api/users').set(bearer(ADMIN)).send({ name: 'Cache', role: 'admin' });
    expect(user.status).toBe(201);
    expect(user.headers['cache-control']).toBe('no-store');
    for (const res of [
      await t.http.get('/api/contracts').set(bearer(ADMIN)),
      await t.http.get('/api/contracts'),
      await t.http.get('/api/nope').set(bearer(ADMIN)),
      await t.http.get('/health'),
      await t.http.get('/docs-json'),
      await sendJson('post', '/api/insurers', '{'),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('security headers', () => {
  it('the content security policy allows only this origin for styles, fonts and images (and data: images for the QR code)', async () => {
    const res = await t.http.get('/health');
    const policy = Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['font-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    expect(policy['style-src']).toContain("'self'");
    expect(policy['style-src']).not.toContain("'unsafe-inline'");
    expect(policy['style-src']).not.toContain('https:');
  });

  it('no HSTS over plain HTTP', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const forwarded = await t.http.get('/health').set('X-Forwarded-Proto', 'https');
    expect(forwarded.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('holidays year', () => {
  it.each(['0x7e3', '1e3', '2.019e3', ' 2019', '2019 ', '+2019', '2019.0', '02019', '0b11111100011', '', '1899', '3000'])('year=%j → 400', async (year) => {
    const res = await t.http.get('/api/holidays').query({ year }).set(bearer(ADMIN));
    expect(res.status).toBe(400);
  });

  it('year=2019 → the holidays of 2019', async () => {
    const res = await t.http.get('/api/holidays').query({ year: '2019' }).set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body[0].date).toBe('2019-01-01');
  });
});

describe('names', () => {
  const blank = ' \t ';
  it.each([
    ['post', '/api/insurers', () => ({ uzovi: '3394', name: blank })],
    ['post', '/api/regions', () => ({ code: 'BLANK', name: '   ', population: 1, preferredInsurerUzovi: ids.uzovi })],
    ['post', '/api/providers', () => ({ agb: '75999999', name: '\u00a0 ' })],
    ['post', '/api/consortia', () => ({ name: '  ', leadAgb: ids.agb, memberAgbs: [] })],
    ['post', '/api/nurses', () => ({ name: '   ', employerAgb: ids.agb, qualifications: [] })],
    ['post', '/api/contracts/:contract/templates', () => ({ name: '   ', rrule: 'FREQ=DAILY', startTime: '08:00', endTime: '16:00' })],
    ['post', '/api/users', () => ({ name: '   ', role: 'admin' })],
    ['patch', '/api/insurers/:uzovi', () => ({ name: '   ' })],
    ['patch', '/api/regions/:region', () => ({ name: '   ' })],
    ['patch', '/api/providers/:agb', () => ({ name: '   ' })],
    ['patch', '/api/nurses/:nurse', () => ({ name: '   ' })],
  ] as const)('a blank name: %s %s → 400', async (method, path, body) => {
    const res = await refused(400, () =>
      t.http[method](path.replace(/:(\w+)/, (_, k) => ids[k]))
        .set(bearer(ADMIN))
        .send(body()),
    );
    expect(String(res.body.message)).toMatch(/name must not be blank/);
  });

  it('a name with spaces around words is fine', async () => {
    const res = await t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: '3393', name: ' Zilveren  Kruis ' });
    expect(res.status).toBe(201);
  });
});
