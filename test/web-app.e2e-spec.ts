import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * The service serves the built web app at `/` beside the API, and `GET /api/me` tells the app who
 * signed in. (The app itself is tested in a real browser: test/browser.)
 */
let dir: string;
let t: TestApp;
let w: World;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Wijkwacht</title><div id="app"></div><script type="module" src="/assets/index-abc.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("app");');
  t = await startTestApp({ WEB_DIR: dir });
  w = new World(t);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('serves index.html (always revalidated) under a strict content security policy', async () => {
    const res = await t.http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<div id="app"></div>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves hashed assets with a year of caching; unknown files are a JSON 404', async () => {
    const asset = await t.http.get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.http.get('/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
  });

  it('serves its files compressed when the browser accepts it (gzip or brotli), never the API', async () => {
    writeFileSync(join(dir, 'assets', 'big-def.js'), `console.log(${JSON.stringify('wijkwacht '.repeat(2000))});`);
    for (const encoding of ['gzip', 'br']) {
      const asset = await t.http.get('/assets/big-def.js').set('Accept-Encoding', encoding);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-encoding']).toBe(encoding);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.vary).toContain('Accept-Encoding');
    }
    const plain = await t.http.get('/assets/big-def.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const docs = await t.http.get('/docs-json').set('Accept-Encoding', 'gzip');
    expect(docs.headers['content-encoding']).toBeUndefined();
  });

  it("answers a page address of the app's own (a reload of /rooster?regio=AMS) with index.html; the API stays JSON", async () => {
    const page = await t.http.get('/rooster?regio=AMS&dienst=x').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="app"></div>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const plain = await t.http.get('/rooster');
    expect(plain.status).toBe(404);
    expect(plain.body).toMatchObject({ statusCode: 404 });
    const api = await t.http.get('/api/nope').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect((await t.http.get('/api/contracts').set('Accept', 'text/html')).status).toBe(401);
    // The sign-in flow's own pages are the service's, however a browser asks for them.
    const signIn = await t.http.get('/auth/login/nope').set('Accept', 'text/html');
    expect(signIn.status).toBe(404);
    expect(signIn.text).not.toContain('<div id="app"></div>');
    const asset = await t.http.get('/assets/nope.js').set('Accept', 'text/html');
    expect(asset.status).toBe(404);
  });

  it('leaves /health, /docs-json and /api as they were', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok', database: 'up' });
    expect((await t.http.get('/docs-json')).body.paths['/api/me']).toBeDefined();
    expect((await t.http.get('/api/contracts')).status).toBe(401);
  });

  it('without a built app, / says how to build it instead of failing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wijkwacht-noweb-'));
    const bare = await startTestApp({ WEB_DIR: empty });
    try {
      const res = await bare.http.get('/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('npm run build');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('GET /api/me', () => {
  it('answers each role with its name and scope, never the token', async () => {
    const region = await w.region();
    const provider = await w.provider();
    const nurse = await w.nurse(provider.agb);
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const nurseUser = await w.user('nurse', { nurseId: nurse.id });
    const providerUser = await w.user('provider', { providerAgb: provider.agb });
    const me = async (token: string) => (await t.http.get('/api/me').set(bearer(token))).body;
    expect(await me(coordinator.token)).toEqual({
      id: coordinator.id,
      name: coordinator.name,
      role: 'coordinator',
      regionCodes: [region.code],
      insurerUzovi: null,
      nurseId: null,
      providerAgb: null,
    });
    expect(await me(insurer.token)).toEqual({
      id: insurer.id,
      name: insurer.name,
      role: 'insurer',
      regionCodes: [],
      insurerUzovi: region.preferredInsurerUzovi,
      nurseId: null,
      providerAgb: null,
    });
    expect(await me(nurseUser.token)).toEqual({
      id: nurseUser.id,
      name: nurseUser.name,
      role: 'nurse',
      regionCodes: [],
      insurerUzovi: null,
      nurseId: nurse.id,
      providerAgb: null,
    });
    expect(await me(providerUser.token)).toEqual({
      id: providerUser.id,
      name: providerUser.name,
      role: 'provider',
      regionCodes: [],
      insurerUzovi: null,
      nurseId: null,
      providerAgb: provider.agb,
    });
    expect(await me(ADMIN)).toMatchObject({ role: 'admin', name: 'Beheerder' });
    expect(JSON.stringify(await me(nurseUser.token))).not.toContain(nurseUser.token);
  });

  it('answers 401 without a token, and at once for a revoked one', async () => {
    expect((await t.http.get('/api/me')).status).toBe(401);
    const user = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
    expect((await t.http.get('/api/me').set(bearer(user.token))).status).toBe(200);
    await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN));
    expect((await t.http.get('/api/me').set(bearer(user.token))).status).toBe(401);
  });
});
