import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLocalIdp, type LocalIdp } from '../src/demo/local-idp.js';
import { startWorld, type World } from './factories/world.js';
import { setCookies, signIn, throughIdp } from './support/sign-in-flow.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';

/**
 * Signing in through an organisation's identity provider: a real OpenID Provider
 * (`oidc-provider`) on a loopback port, and the service's authorization code flow with PKCE,
 * state and nonce. Nothing leaves the machine.
 */
const PUBLIC_URL = 'http://localhost:3000';
let idp: LocalIdp;
let t: TestApp;
let w: World;
let coordinator: { id: string; token: string };

const ACCOUNTS = [
  { id: 'coord', email: 'COORD@zorggroep.example', name: 'Coördinator', label: 'coördinator' },
  { id: 'stranger', email: 'onbekend@zorggroep.example', name: 'Onbekend', label: 'onbekende' },
  { id: 'unverified', email: 'nog.niet@zorggroep.example', name: 'Ongeverifieerd', label: 'ongeverifieerd', emailVerified: false },
  { id: 'leaver', email: 'vertrekt@zorggroep.example', name: 'Vertrekt', label: 'vertrekker' },
];

beforeAll(async () => {
  idp = await startLocalIdp({ accounts: ACCOUNTS, redirectUris: [`${PUBLIC_URL}/auth/callback/zorggroep`] });
  ({ t, w } = await startWorld({ PUBLIC_URL, OIDC_PROVIDERS: 'zorggroep', ...idp.env('zorggroep', 'Zorggroep Amstel') }));
  const region = await w.region();
  coordinator = await w.user('coordinator', { regionCodes: [region.code], email: 'coord@Zorggroep.example' });
  await w.user('admin', { email: 'nog.niet@zorggroep.example' });
});

afterAll(async () => {
  await t?.close();
  await idp?.close();
});

async function sessionCount() {
  return (await t.sql('SELECT COUNT(*) AS n FROM sessions'))[0].n as number;
}

describe('the identity providers', () => {
  it('GET /auth/providers lists name and label, without authentication', async () => {
    const res = await t.http.get('/auth/providers');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ name: 'zorggroep', label: 'Zorggroep Amstel' }]);
  });

  it('GET /auth/login/:name → 302 to the provider with PKCE (S256), state, nonce and the registered redirect URI', async () => {
    const res = await t.http.get('/auth/login/zorggroep');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location);
    expect(to.origin).toBe(idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${PUBLIC_URL}/auth/callback/zorggroep`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const attempt = setCookies(res.headers).wijkwacht_oidc.raw;
    expect(attempt).toMatch(/HttpOnly/);
    expect(attempt).toMatch(/SameSite=Lax/);
    expect(attempt).toMatch(/Path=\/auth\/callback\/zorggroep/);
    expect(attempt).toMatch(/Max-Age=600/);
    // The verifier never travels to the provider.
    expect(res.headers.location).not.toContain(JSON.parse(Buffer.from(setCookies(res.headers).wijkwacht_oidc.value, 'base64url').toString()).verifier);
  });

  it('an unknown provider name is a 404 page', async () => {
    const res = await t.http.get('/auth/login/elders');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect((await t.http.get('/auth/callback/elders?code=x&state=y')).status).toBe(404);
  });

  it('a provider name that could not be a cookie path (é, a;b, spaces, upper case) is a 404 page before anything, never a 500', async () => {
    const before = await dbState(t.db);
    for (const name of ['%C3%A9', 'a%3Bb', 'a%20b', 'ZORGGROEP', 'a%2Cb', '%22x%22', 'x'.repeat(300)]) {
      for (const path of [`/auth/callback/${name}?code=x&state=y`, `/auth/login/${name}`]) {
        const res = await t.http.get(path).set('Cookie', 'wijkwacht_oidc=abc');
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.headers['content-type']).toMatch(/text\/html/);
        // No cookie is set (or cleared) for a name that is no provider.
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    }
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('signing in', () => {
  it('a person whose verified e-mail address belongs to a user is signed in (case does not matter) and sent to /', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie).set('User-Agent', 'Mozilla/5.0 (laptop)');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookies = setCookies(res.headers);
    expect(cookies.wijkwacht_session.raw).toMatch(/HttpOnly/);
    expect(cookies.wijkwacht_session.raw).toMatch(/SameSite=Lax/);
    expect(cookies.wijkwacht_session.raw).toMatch(/Path=\//);
    expect(cookies.wijkwacht_session.raw).toMatch(/Max-Age=2592000/);
    expect(cookies.wijkwacht_oidc.raw).toMatch(/Max-Age=0/);
    const session = `wijkwacht_session=${cookies.wijkwacht_session.value}`;
    const me = await t.http.get('/api/me').set('Cookie', session);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: coordinator.id, role: 'coordinator', csrfToken: expect.any(String) });
    const list = await t.http.get('/api/me/sessions').set('Cookie', session);
    expect(list.body).toEqual([
      {
        id: expect.any(String),
        kind: 'oidc',
        createdAt: '2026-11-23T10:00:00+01:00',
        lastUsedAt: '2026-11-23T10:00:00+01:00',
        expiresAt: '2026-11-23T22:00:00+01:00',
        userAgent: 'Mozilla/5.0 (laptop)',
        current: true,
      },
    ]);
    const [event] = await t.sql(`SELECT user_id, action, summary FROM audit_events WHERE entity_type = 'session' AND entity_id = ?`, [list.body[0].id]);
    expect(event).toMatchObject({ user_id: coordinator.id, action: 'sign-in' });
    expect(event.summary).toContain('identity provider zorggroep');
    const url = new URL(answer.callback, PUBLIC_URL);
    const everything = JSON.stringify(await t.sql('SELECT * FROM audit_events')) + JSON.stringify(await t.sql('SELECT * FROM sessions'));
    expect(everything).not.toContain(url.searchParams.get('code'));
    expect(everything).not.toContain(cookies.wijkwacht_session.value);
  });

  it('a shared link survives the round trip: the callback lands on the page the sign-in started from (returnTo)', async () => {
    const page = '/rooster?regio=AMS&functie=acute-screening&maand=2027-02';
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL, { returnTo: page });
    // The return path waits in the HttpOnly attempt cookie, not at the provider.
    expect(answer.authorizationUrl.href).not.toContain('rooster');
    expect(JSON.parse(Buffer.from(answer.attemptCookie.split('=')[1], 'base64url').toString()).returnTo).toBe(page);
    const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(page);
    expect(setCookies(res.headers).wijkwacht_session).toBeDefined();
    // An empty returnTo is none: back to /.
    const plain = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL, { returnTo: '' });
    expect((await t.http.get(plain.callback).set('Cookie', plain.attemptCookie)).headers.location).toBe('/');
  });

  it('a returnTo that is not a page of this web app is a 400 page: no attempt starts, nothing is written', async () => {
    const before = await dbState(t.db);
    for (const returnTo of ['https://evil.example/rooster', '//evil.example', '/\\evil.example', '/api/me', '/auth/logout', `/rooster?x=${'a'.repeat(1000)}`]) {
      const res = await t.http.get('/auth/login/zorggroep').query({ returnTo });
      expect({ returnTo, status: res.status }).toEqual({ returnTo, status: 400 });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers.location).toBeUndefined();
      expect(setCookies(res.headers).wijkwacht_oidc).toBeUndefined();
    }
    // A repeated parameter is no path either.
    expect((await t.http.get('/auth/login/zorggroep?returnTo=/rooster&returnTo=/dekking')).status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a return path put into the attempt cookie by hand is checked again at the callback: another site lands on /', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL, { returnTo: '/dekking' });
    const attempt = JSON.parse(Buffer.from(answer.attemptCookie.split('=')[1], 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...attempt, returnTo: '//evil.example/rooster' })).toString('base64url');
    const res = await t.http.get(answer.callback).set('Cookie', `wijkwacht_oidc=${forged}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
  });

  it('a replayed authorization code is refused with a 400 page and creates nothing', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(302);
    const before = await dbState(t.db);
    const replay = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie);
    expect(replay.status).toBe(400);
    expect(replay.headers['content-type']).toMatch(/text\/html/);
    expect(setCookies(replay.headers).wijkwacht_session).toBeUndefined();
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a state that does not match the attempt is refused (400) and creates nothing', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    const url = new URL(answer.callback, PUBLIC_URL);
    url.searchParams.set('state', 'A'.repeat(43));
    const before = await dbState(t.db);
    expect((await t.http.get(url.pathname + url.search).set('Cookie', answer.attemptCookie)).status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('an ID token whose nonce does not match the attempt is refused (400)', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    const attempt = JSON.parse(Buffer.from(answer.attemptCookie.split('=')[1], 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...attempt, nonce: 'B'.repeat(43) })).toString('base64url');
    const sessions = await sessionCount();
    expect((await t.http.get(answer.callback).set('Cookie', `wijkwacht_oidc=${forged}`)).status).toBe(400);
    expect(await sessionCount()).toBe(sessions);
  });

  it('a wrong PKCE code verifier is refused (400)', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    const attempt = JSON.parse(Buffer.from(answer.attemptCookie.split('=')[1], 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...attempt, verifier: 'C'.repeat(43) })).toString('base64url');
    const sessions = await sessionCount();
    expect((await t.http.get(answer.callback).set('Cookie', `wijkwacht_oidc=${forged}`)).status).toBe(400);
    expect(await sessionCount()).toBe(sessions);
  });

  it('a callback without the attempt cookie (another browser), with a mangled one, or for another provider is refused (400)', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'coord', PUBLIC_URL);
    const sessions = await sessionCount();
    expect((await t.http.get(answer.callback)).status).toBe(400);
    expect((await t.http.get(answer.callback).set('Cookie', 'wijkwacht_oidc=%%%')).status).toBe(400);
    expect((await t.http.get(answer.callback).set('Cookie', 'wijkwacht_oidc=bm90IGpzb24')).status).toBe(400);
    // The code is still unused: the right browser can finish.
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(302);
    expect(await sessionCount()).toBe(sessions + 1);
  });

  it('odd callbacks are 400 pages, never a 500', async () => {
    const login = await t.http.get('/auth/login/zorggroep');
    const attempt = `wijkwacht_oidc=${setCookies(login.headers).wijkwacht_oidc.value}`;
    const state = new URL(login.headers.location).searchParams.get('state');
    for (const query of [
      '',
      '?code=',
      `?code=a&code=b&state=${state}`,
      `?state=${state}`,
      `?code=x&state=${state}&iss=https%3A%2F%2Fevil.example`,
      '?code[a]=1',
    ]) {
      const res = await t.http.get(`/auth/callback/zorggroep${query}`).set('Cookie', attempt);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it('an error answer from the provider (the person cancelled) is a 400 page', async () => {
    const login = await t.http.get('/auth/login/zorggroep');
    const state = new URL(login.headers.location).searchParams.get('state');
    const attempt = `wijkwacht_oidc=${setCookies(login.headers).wijkwacht_oidc.value}`;
    const res = await t.http.get(`/auth/callback/zorggroep?error=access_denied&state=${state}&iss=${encodeURIComponent(idp.issuer)}`).set('Cookie', attempt);
    expect(res.status).toBe(400);
  });

  it('a person without a user is refused with a 403 page that says whom to ask; nothing is created', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'stranger', PUBLIC_URL);
    const before = await dbState(t.db);
    const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('coördinator van uw regio');
    expect(setCookies(res.headers).wijkwacht_session).toBeUndefined();
    expect(await dbState(t.db)).toEqual(before);
  });

  it('an e-mail address the provider has not verified signs nobody in (403)', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'unverified', PUBLIC_URL);
    const sessions = await sessionCount();
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(403);
    expect(await sessionCount()).toBe(sessions);
  });

  it('a session ends after 12 hours without use, and 30 days after sign-in however much it is used', async () => {
    const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
    try {
      t.setNow('2026-11-23T20:59:00Z');
      expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(200);
      t.setNow('2026-11-24T08:58:00Z'); // 11 h 59 min after the last use
      expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(200);
      t.setNow('2026-11-24T20:58:00Z');
      expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
      t.setNow('2026-11-23T09:00:00Z');
      const busy = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
      // Used every 11 hours, never idle for 12, up to just before the 30th day.
      for (let k = 1; k * 11 < 30 * 24; k++) {
        t.setNow(new Date(Date.parse('2026-11-23T09:00:00Z') + k * 11 * 3_600_000).toISOString());
        expect((await t.http.get('/api/me').set('Cookie', busy)).status).toBe(200);
      }
      t.setNow('2026-12-23T09:00:00Z');
      expect((await t.http.get('/api/me').set('Cookie', busy)).status).toBe(401);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });

  it('a revoked user’s session is refused on the next request, and the person cannot sign in again', async () => {
    const leaver = await w.user('admin', { email: 'vertrekt@zorggroep.example' });
    const cookie = await signIn(t, 'zorggroep', 'leaver', PUBLIC_URL);
    expect((await t.http.get('/api/me').set('Cookie', cookie)).body.id).toBe(leaver.id);
    expect((await t.http.delete(`/api/users/${leaver.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
    const answer = await throughIdp(t, 'zorggroep', 'leaver', PUBLIC_URL);
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(403);
  });

  it('a POST signed in by cookie without the CSRF token is refused (403); with it, it passes the guard', async () => {
    const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
    const before = await dbState(t.db);
    const body = { name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' };
    expect((await t.http.post('/api/contracts/none/templates').set('Cookie', cookie).set('Origin', PUBLIC_URL).send(body)).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
    const csrf = (await t.http.get('/api/me').set('Cookie', cookie)).body.csrfToken;
    const res = await t.http.post('/api/contracts/none/templates').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', csrf).send(body);
    expect(res.status).toBe(404);
  });
});

describe('configuration', () => {
  it('an unreachable provider is a 503 page, not a 500', async () => {
    const other = await startWorld({
      PUBLIC_URL,
      OIDC_PROVIDERS: 'weg',
      OIDC_WEG_ISSUER: 'http://127.0.0.1:9',
      OIDC_WEG_CLIENT_ID: 'x',
      OIDC_WEG_CLIENT_SECRET: 'y',
    });
    try {
      const res = await other.t.http.get('/auth/login/weg');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    } finally {
      await other.t.close();
    }
  });
});
