import { ERROR_CODES, REFUSALS, RULE_CODES } from '../src/common/codes.js';
import { World } from './factories/world.js';
import { ADMIN, bearer, dbState, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Every refusal names itself with a machine-readable `code` from one list (api.md Conventions):
 * a refusal code of its own, or on a 422 (and a 409 with violations) the first violation's rule.
 * Beyond these cases, check-answers.ts asserts a code on every 4xx the whole e2e suite receives.
 */
let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
});
afterAll(() => t.close());

/** Sends the request, expects the status and the code, and shows that nothing was written. */
async function refused(status: number, code: string, run: () => PromiseLike<{ status: number; body: any }>) {
  const before = await dbState(t.db);
  const res = await run();
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.anything() });
  expect(await dbState(t.db)).toEqual(before);
  return res.body;
}

describe('the list of codes', () => {
  it('is the rule codes plus the refusal codes, each once, all kebab-case words', () => {
    expect(ERROR_CODES).toEqual([...RULE_CODES, ...Object.keys(REFUSALS)]);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it('is the ErrorCode enum of the error schema in the OpenAPI document, which lists what each refusal code means', async () => {
    const doc = (await t.http.get('/docs-json')).body;
    expect(doc.components.schemas.ErrorCode.enum).toEqual(ERROR_CODES);
    const error = doc.components.schemas.ApiErrorDto;
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'code', 'message']));
    expect(error.properties.code.allOf ?? [error.properties.code]).toEqual([expect.objectContaining({ $ref: '#/components/schemas/ErrorCode' })]);
    for (const code of Object.keys(REFUSALS)) expect(error.properties.code.description).toContain(`\`${code}\``);
  });
});

describe('400', () => {
  it('a field that fails validation: invalid-input', async () => {
    await refused(400, 'invalid-input', () => t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: '33', name: 'Verzekeraar' }));
  });
  it('an unknown field: invalid-input', async () => {
    await refused(400, 'invalid-input', () => t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: '3312', name: 'V', extra: 1 }));
  });
  it('a body that is not JSON: malformed-json', async () => {
    await refused(400, 'malformed-json', () => t.http.post('/api/insurers').set(bearer(ADMIN)).set('Content-Type', 'application/json').send('{"uzovi":'));
  });
  it('a body nested deeper than 32 levels: body-too-deep', async () => {
    await refused(400, 'body-too-deep', () =>
      t.http
        .post('/api/insurers')
        .set(bearer(ADMIN))
        .set('Content-Type', 'application/json')
        .send('['.repeat(40) + ']'.repeat(40)),
    );
  });
  it('a NUL character in the query: invalid-input', async () => {
    await refused(400, 'invalid-input', () => t.http.get('/api/contracts').query({ regionCode: 'A\u0000' }).set(bearer(ADMIN)));
  });
});

describe('401', () => {
  it('no token: authentication-required', async () => {
    await refused(401, 'authentication-required', () => t.http.get('/api/insurers'));
  });
  it('an unknown token: invalid-token', async () => {
    await refused(401, 'invalid-token', () => t.http.get('/api/insurers').set(bearer('no-such-token-0123456789')));
  });
  it('a session cookie of no session: session-ended', async () => {
    await refused(401, 'session-ended', () => t.http.get('/api/me').set('Cookie', `wijkwacht_session=${'A'.repeat(43)}`));
  });
});

describe('403, 404, 409, 413, 415, 422', () => {
  it('a role that may not: forbidden', async () => {
    const insurer = await w.user('insurer', { insurerUzovi: (await w.insurer()).uzovi });
    await refused(403, 'forbidden', () => t.http.post('/api/providers').set(bearer(insurer.token)).send({ agb: '75999999', name: 'P' }));
  });
  it('an unknown record: not-found; an unknown route: route-not-found', async () => {
    await refused(404, 'not-found', () => t.http.get('/api/contracts/no-such-contract').set(bearer(ADMIN)));
    await refused(404, 'route-not-found', () => t.http.get('/api/no-such-route').set(bearer(ADMIN)));
  });
  it('a duplicate key: already-exists', async () => {
    const insurer = await w.insurer();
    await refused(409, 'already-exists', () => t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: insurer.uzovi, name: 'Dubbel' }));
  });
  it("a 409 with violations has the first violation's rule as its code (slot-full)", async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const slot = await w.slotOn(region.code, '2027-03-01');
    await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: (await w.nurse(provider.agb)).id });
    const body = await refused(409, 'slot-full', () => t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(ADMIN)).send({ nurseId: 'x' }));
    expect(body.violations[0].rule).toBe('slot-full');
  });
  it('a period that overlaps another contract: contract-overlap', async () => {
    const { region, provider } = await w.contracted();
    await refused(409, 'contract-overlap', () =>
      t.http
        .post('/api/contracts')
        .set(bearer(ADMIN))
        .send({
          regionCode: region.code,
          insurerUzovi: region.preferredInsurerUzovi,
          function: 'unplanned-night-care',
          responsibleParty: { type: 'provider', agb: provider.agb },
          validFrom: '2027-06-01',
          fee: { perPositionHourCents: 4500 },
        }),
    );
  });
  it('a body over 1 MB: body-too-large', async () => {
    await refused(413, 'body-too-large', () =>
      t.http
        .post('/api/insurers')
        .set(bearer(ADMIN))
        .send({ uzovi: '3313', name: 'x'.repeat(1_100_000) }),
    );
  });
  it('a body that is not JSON: unsupported-media-type', async () => {
    await refused(415, 'unsupported-media-type', () => t.http.post('/api/insurers').set(bearer(ADMIN)).set('Content-Type', 'text/plain').send('uzovi=3314'));
  });
  it("a 422 has the first violation's rule as its code", async () => {
    const region = await w.region();
    const body = await refused(422, 'unknown-reference', () =>
      t.http
        .post('/api/contracts')
        .set(bearer(ADMIN))
        .send({
          regionCode: region.code,
          insurerUzovi: '9999',
          function: 'acute-screening',
          responsibleParty: { type: 'provider', agb: '75999998' },
          validFrom: '2027-01-01',
          fee: { perPositionHourCents: 4500 },
        }),
    );
    expect(body.violations.map((v: { rule: string }) => v.rule)).toEqual(['unknown-reference', 'unknown-reference', 'preferred-insurer']);
  });
});

describe('429', () => {
  it('beyond the rate limit: rate-limited, with Retry-After', async () => {
    const limited = await startTestApp({ THROTTLE_LIMIT: '1', THROTTLE_TTL_SECONDS: '60' });
    try {
      expect((await limited.http.get('/api/insurers').set(bearer(ADMIN))).status).toBe(200);
      const res = await limited.http.get('/api/insurers').set(bearer(ADMIN));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 429, code: 'rate-limited' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
