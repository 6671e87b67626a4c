import { World } from './factories/world.js';
import { AnswerChecker, type OpenApiDocument, registerDocument } from './support/openapi-answers.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The check that every e2e answer passes (check-answers.ts): an answer must be exactly what the
 * served /docs-json documents for its route and status, and every refusal carries a code. Here it
 * is shown failing on answers that a wrong view or a forgotten decorator would produce.
 */
let t: TestApp;
let w: World;
let document: OpenApiDocument;
let checker: AnswerChecker;

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
  document = (await t.http.get('/docs-json')).body;
  checker = new AnswerChecker(document);
});
afterAll(() => t.close());

const json = 'application/json; charset=utf-8';

describe('an answer of a documented route', () => {
  it('passes when it is what the class describes', async () => {
    const region = (await t.http.get(`/api/regions/${(await w.region()).code}`).set(bearer(ADMIN))).body;
    expect(checker.problems({ method: 'GET', path: `/api/regions/${region.code}`, status: 200, contentType: json, body: region })).toBeNull();
  });

  it('fails with a field the class does not declare (a view that adds one)', async () => {
    const region = await w.region();
    const problem = checker.problems({ method: 'GET', path: `/api/regions/${region.code}`, status: 200, contentType: json, body: { ...region, secret: 'x' } });
    expect(problem).toMatch(/GET \/api\/regions\/\S+ → 200 does not match the schema of GET \/api\/regions\/\{code\}/);
    expect(problem).toContain('must NOT have additional properties');
    expect(problem).toContain('"additionalProperty":"secret"');
  });

  it('fails without a field the class declares (a view that forgets one)', async () => {
    const { timezone: _zone, ...region } = await w.region();
    expect(checker.problems({ method: 'GET', path: `/api/regions/${region.code}`, status: 200, contentType: json, body: region })).toContain(
      "must have required property 'timezone'",
    );
  });

  it('fails on null where the class allows none, and on a value outside an enum', async () => {
    const region = await w.region();
    expect(checker.problems({ method: 'POST', path: '/api/regions', status: 201, contentType: json, body: { ...region, name: null } })).toContain(
      '/name must be string',
    );
    const contract = (await w.contracted()).contract;
    expect(
      checker.problems({ method: 'GET', path: `/api/contracts/${contract.id}`, status: 200, contentType: json, body: { ...contract, status: 'paused' } }),
    ).toContain('/status must be equal to one of the allowed values');
  });

  it('accepts null where the class says nullable', async () => {
    const contract = (await w.contracted({ contract: { validTo: undefined } })).contract;
    expect(contract.validTo).toBeNull();
    expect(checker.problems({ method: 'GET', path: `/api/contracts/${contract.id}`, status: 200, contentType: json, body: contract })).toBeNull();
  });

  it('fails on a status the route does not document', () => {
    expect(checker.problems({ method: 'GET', path: '/api/regions', status: 202, contentType: json, body: [] })).toMatch(
      /GET \/api\/regions → 202: \/docs-json documents only 200, 400, .* for GET \/api\/regions/,
    );
  });

  it('matches the route with the most literal segments: /api/requests/stats before /api/requests/{id}', () => {
    expect(checker.route('GET', '/api/requests/stats')?.template).toBe('/api/requests/stats');
    expect(checker.route('GET', '/api/requests/0193abc')?.template).toBe('/api/requests/{id}');
    expect(checker.route('DELETE', '/api/requests/0193abc')).toBeUndefined();
  });

  it('leaves alone what is no JSON answer of the API: a CSV, the web app, the document itself', () => {
    expect(checker.problems({ method: 'GET', path: '/api/fee-statements.csv', status: 200, contentType: 'text/csv', body: {} })).toBeNull();
    expect(checker.problems({ method: 'GET', path: '/docs-json', status: 200, contentType: json, body: document })).toBeNull();
  });
});

describe('a refusal', () => {
  const refusal = { statusCode: 409, error: 'Conflict', code: 'already-exists', message: 'insurer 3311 already exists' };

  it('passes with a code from the list', () => {
    expect(checker.problems({ method: 'POST', path: '/api/insurers', status: 409, contentType: json, body: refusal })).toBeNull();
  });

  it('fails without a code, or with a code that is not on the list', () => {
    const { code: _code, ...uncoded } = refusal;
    expect(checker.problems({ method: 'POST', path: '/api/insurers', status: 409, contentType: json, body: uncoded })).toMatch(
      /a refusal needs a code from ERROR_CODES, got undefined/,
    );
    expect(checker.problems({ method: 'POST', path: '/api/insurers', status: 409, contentType: json, body: { ...refusal, code: 'duplicate' } })).toMatch(
      /got "duplicate"/,
    );
  });

  it('fails when it is not JSON, except the HTML sign-in pages meant for a browser', () => {
    expect(checker.problems({ method: 'POST', path: '/api/insurers', status: 400, contentType: 'text/plain', body: 'bad' })).toMatch(
      /a refusal must be JSON with a code/,
    );
    expect(checker.problems({ method: 'GET', path: '/auth/login/none', status: 404, contentType: 'text/html; charset=utf-8', body: '' })).toBeNull();
  });

  it('of a path no route has is checked against the error schema', () => {
    expect(
      checker.problems({
        method: 'GET',
        path: '/api/nothing',
        status: 404,
        contentType: json,
        body: { statusCode: 404, error: 'Not Found', code: 'route-not-found', message: 'x' },
      }),
    ).toBeNull();
    expect(
      checker.problems({ method: 'GET', path: '/api/nothing', status: 404, contentType: json, body: { code: 'route-not-found', message: 'x' } }),
    ).toContain("must have required property 'statusCode'");
  });
});

describe('through supertest, as every e2e spec asks', () => {
  it('a request whose answer does not match fails with the route, the status and the difference', async () => {
    // The same app, described by a document in which a region has one more required field.
    const wrong: OpenApiDocument = JSON.parse(JSON.stringify(document));
    const region = wrong.components.schemas.RegionResponse;
    region.properties.motto = { type: 'string' };
    region.required.push('motto');
    await w.region();
    registerDocument(t.app.getHttpServer(), wrong);
    try {
      await expect(t.http.get('/api/regions').set(bearer(ADMIN))).rejects.toThrow(
        /The answer does not match the OpenAPI document: GET \/api\/regions → 200 does not match the schema of GET \/api\/regions:\n {2}\/0 must have required property 'motto'/,
      );
    } finally {
      registerDocument(t.app.getHttpServer(), document);
    }
  });
});
