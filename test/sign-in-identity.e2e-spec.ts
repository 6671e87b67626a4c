import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLocalIdp, type LocalIdp } from '../src/demo/local-idp.js';
import { startWorld, type World } from './factories/world.js';
import { follow, Jar, setCookies, signIn, straightThrough, throughIdp } from './support/sign-in-flow.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';

/**
 * Who a sign-in through an identity provider is for (issue 23): the provider's identity (issuer
 * and subject) is looked up first; a verified e-mail address links a user once per provider, and
 * only a user not yet linked there; OIDC_<NAME>_EMAIL_DOMAINS limits the addresses a provider may
 * vouch for. Two real OpenID Providers on loopback ports: the organisation's own ("zorggroep",
 * limited to its domain) and another one ("elders") whose accounts claim whatever address they
 * like. Sign-out ends the session at the provider too (RP-initiated logout).
 */
const PUBLIC_URL = 'http://localhost:3000';
let own: LocalIdp;
let elders: LocalIdp;
let t: TestApp;
let w: World;
let coordinator: { id: string; token: string };
let admin: { id: string; token: string };

const OWN_ACCOUNTS = [
  { id: 'coord', email: 'coord@zorggroep.example', name: 'Coördinator', label: 'coördinator' },
  // Another account at the same provider that claims the coordinator's address (an address
  // given to a new colleague, a provider that lets users set their own): not the same person.
  { id: 'imposter', email: 'COORD@zorggroep.example', name: 'Iemand anders', label: 'iemand anders' },
  { id: 'beheer', email: 'beheer@zorggroep.example', name: 'Beheerder', label: 'beheerder' },
];
const ELDERS_ACCOUNTS = [
  // The other provider's accounts claim addresses of the organisation, verified as far as it says.
  { id: 'coord', email: 'coord@zorggroep.example', name: 'Coördinator?', label: 'coördinator' },
  { id: 'beheer', email: 'beheer@zorggroep.example', name: 'Beheerder?', label: 'beheerder' },
  { id: 'eigen', email: 'medewerker@elders.example', name: 'Medewerker', label: 'medewerker' },
];

beforeAll(async () => {
  own = await startLocalIdp({ accounts: OWN_ACCOUNTS, redirectUris: [`${PUBLIC_URL}/auth/callback/zorggroep`] });
  elders = await startLocalIdp({ accounts: ELDERS_ACCOUNTS, redirectUris: [`${PUBLIC_URL}/auth/callback/elders`], endSession: false });
  ({ t, w } = await startWorld({
    PUBLIC_URL,
    OIDC_PROVIDERS: 'zorggroep,elders',
    ...own.env('zorggroep', 'Zorggroep Amstel'),
    OIDC_ZORGGROEP_EMAIL_DOMAINS: 'zorggroep.example',
    ...elders.env('elders', 'Elders'),
    OIDC_ELDERS_EMAIL_DOMAINS: 'elders.example',
  }));
  const region = await w.region();
  coordinator = await w.user('coordinator', { regionCodes: [region.code], email: 'coord@zorggroep.example' });
  admin = await w.user('admin', { email: 'beheer@zorggroep.example' });
});

afterAll(async () => {
  await t?.close();
  await own?.close();
  await elders?.close();
});

const links = async (userId: string) => (await t.http.get(`/api/users/${userId}/identities`).set(bearer(ADMIN))).body as Array<Record<string, string>>;
const meOf = async (cookie: string) => (await t.http.get('/api/me').set('Cookie', cookie)).body.id as string;

describe('the first sign-in links the user by its verified e-mail address', () => {
  it('the coordinator signs in through its own provider and is linked to that identity (issuer and subject)', async () => {
    expect(await links(coordinator.id)).toEqual([]);
    const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
    expect(await meOf(cookie)).toBe(coordinator.id);
    expect(await links(coordinator.id)).toEqual([
      {
        id: expect.any(String),
        provider: 'zorggroep',
        issuer: own.issuer,
        subject: 'coord',
        createdAt: '2026-11-23T10:00:00+01:00',
        lastSignInAt: '2026-11-23T10:00:00+01:00',
      },
    ]);
    const [event] = await t.sql(`SELECT user_id, action, summary FROM audit_events WHERE entity_type = 'identity-link'`);
    expect(event).toMatchObject({ user_id: coordinator.id, action: 'link' });
    expect(event.summary).toContain('zorggroep');
    expect(event.summary).not.toContain('coord@');
  });
});

describe('a takeover through another identity fails, and the linked subject still signs in', () => {
  it('another provider cannot vouch for the organisation’s addresses (its domains are elders.example only): 403, nothing written', async () => {
    for (const account of ['beheer', 'coord']) {
      const answer = await throughIdp(t, 'elders', account, PUBLIC_URL);
      const before = await dbState(t.db);
      const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(setCookies(res.headers).wijkwacht_session).toBeUndefined();
      expect(await dbState(t.db)).toEqual(before);
    }
    expect(await links(admin.id)).toEqual([]);
  });

  it('a second account at the same provider with the same address cannot take the linked user: 403, nothing written', async () => {
    const answer = await throughIdp(t, 'zorggroep', 'imposter', PUBLIC_URL);
    const before = await dbState(t.db);
    const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie);
    expect(res.status).toBe(403);
    expect(res.text).toContain('al aan een ander account gekoppeld');
    expect(await dbState(t.db)).toEqual(before);
  });

  it('the linked subject still signs in, even after its address changed here: the link, not the address, decides', async () => {
    t.setNow('2026-11-23T11:00:00Z');
    try {
      await t.http.patch(`/api/users/${coordinator.id}`).set(bearer(ADMIN)).send({ email: 'nieuw.adres@zorggroep.example' }).expect(200);
      const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
      expect(await meOf(cookie)).toBe(coordinator.id);
      expect((await links(coordinator.id))[0]).toMatchObject({ subject: 'coord', lastSignInAt: '2026-11-23T12:00:00+01:00' });
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
      await t.http.patch(`/api/users/${coordinator.id}`).set(bearer(ADMIN)).send({ email: 'coord@zorggroep.example' }).expect(200);
    }
  });

  it('the other provider’s own people are not turned away by the limit: an address in its domain with no user is the usual 403', async () => {
    const answer = await throughIdp(t, 'elders', 'eigen', PUBLIC_URL);
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(403);
    const colleague = await w.user('coordinator', {
      regionCodes: (await t.sql('SELECT code FROM regions')).map((r) => r.code as string),
      email: 'medewerker@elders.example',
    });
    const cookie = await signIn(t, 'elders', 'eigen', PUBLIC_URL);
    expect(await meOf(cookie)).toBe(colleague.id);
    expect((await links(colleague.id)).map((l) => [l.provider, l.issuer, l.subject])).toEqual([['elders', elders.issuer, 'eigen']]);
  });
});

describe('without OIDC_<NAME>_EMAIL_DOMAINS', () => {
  it('a provider may link any address, but only once per user: the rule still refuses a second identity there', async () => {
    const open = await startLocalIdp({ accounts: OWN_ACCOUNTS, redirectUris: [`${PUBLIC_URL}/auth/callback/open`] });
    const other = await startWorld({ PUBLIC_URL, OIDC_PROVIDERS: 'open', ...open.env('open') });
    try {
      const user = await other.w.user('admin', { email: 'coord@zorggroep.example' });
      const cookie = await signIn(other.t, 'open', 'coord', PUBLIC_URL);
      expect((await other.t.http.get('/api/me').set('Cookie', cookie)).body.id).toBe(user.id);
      const answer = await throughIdp(other.t, 'open', 'imposter', PUBLIC_URL);
      expect((await other.t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(403);
    } finally {
      await other.t.close();
      await open.close();
    }
  });
});

describe('what an admin sees and does about links', () => {
  it('only an admin lists a user’s links; an unknown user is 404', async () => {
    expect((await t.http.get(`/api/users/${coordinator.id}/identities`).set(bearer(coordinator.token))).status).toBe(403);
    expect((await t.http.get('/api/users/nobody/identities').set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.delete(`/api/users/${coordinator.id}/identities/nothing`).set(bearer(ADMIN))).status).toBe(404);
    const [link] = await links(coordinator.id);
    expect((await t.http.delete(`/api/users/${admin.id}/identities/${link.id}`).set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.delete(`/api/users/${coordinator.id}/identities/${link.id}`).set(bearer(coordinator.token))).status).toBe(403);
    expect(await links(coordinator.id)).toEqual([link]);
  });

  it('unlinking ends the sessions signed in through that provider (audited); the next sign-in there links again by address', async () => {
    const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL);
    const phone = (await t.http.post(`/api/users/${coordinator.id}/sign-in-links`).set(bearer(ADMIN))).body.url as string;
    const device = `wijkwacht_session=${setCookies((await t.http.get(new URL(phone).pathname)).headers).wijkwacht_session.value}`;
    const [link] = await links(coordinator.id);
    expect((await t.http.delete(`/api/users/${coordinator.id}/identities/${link.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect(await links(coordinator.id)).toEqual([]);
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
    // A session that did not sign in through that provider stays.
    expect((await t.http.get('/api/me').set('Cookie', device)).status).toBe(200);
    const events = await t.sql(
      `SELECT action, entity_type, summary FROM audit_events WHERE entity_type IN ('identity-link', 'session') AND action IN ('unlink', 'end')`,
    );
    expect(events.filter((e) => e.action === 'unlink')).toHaveLength(1);
    expect(events.some((e) => e.action === 'end' && String(e.summary).includes('zorggroep'))).toBe(true);
    // Whoever signs in there next with the verified address is linked: here the coordinator again.
    expect(await meOf(await signIn(t, 'zorggroep', 'coord', PUBLIC_URL))).toBe(coordinator.id);
    expect((await links(coordinator.id)).map((l) => l.subject)).toEqual(['coord']);
  });

  it('revoking a user removes its links in the same transaction; a new user for the person is linked afresh', async () => {
    const beheer = await signIn(t, 'zorggroep', 'beheer', PUBLIC_URL);
    expect(await meOf(beheer)).toBe(admin.id);
    const [link] = await links(admin.id);
    expect(link).toMatchObject({ provider: 'zorggroep', subject: 'beheer' });
    await t.http.delete(`/api/users/${admin.id}`).set(bearer(ADMIN)).expect(204);
    expect(await links(admin.id)).toEqual([]);
    expect(await t.sql('SELECT id FROM user_identities WHERE user_id = ?', [admin.id])).toEqual([]);
    expect(
      (await t.sql(`SELECT action, summary FROM audit_events WHERE entity_type = 'identity-link' AND entity_id = ? ORDER BY at`, [link.id])).map(
        (e) => e.action,
      ),
    ).toEqual(['link', 'unlink']);
    // Nobody to sign in now: no link, and the revoked user's address was released.
    const answer = await throughIdp(t, 'zorggroep', 'beheer', PUBLIC_URL);
    expect((await t.http.get(answer.callback).set('Cookie', answer.attemptCookie)).status).toBe(403);
    const successor = await w.user('admin', { email: 'beheer@zorggroep.example' });
    expect(await meOf(await signIn(t, 'zorggroep', 'beheer', PUBLIC_URL))).toBe(successor.id);
    expect((await links(successor.id)).map((l) => l.subject)).toEqual(['beheer']);
  });
});

describe('signing out ends the session at the provider too (RP-initiated logout)', () => {
  const logout = async (cookie: string) => {
    const csrf = (await t.http.get('/api/me').set('Cookie', cookie)).body.csrfToken as string;
    return t.http.post('/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', csrf);
  };

  it('the answer sends the browser to the provider’s end-session endpoint with id_token_hint; afterwards the provider asks again who signs in', async () => {
    // One browser: its cookies at the provider are kept from sign-in to sign-out.
    const jar = new Jar();
    const cookie = await signIn(t, 'zorggroep', 'coord', PUBLIC_URL, jar);
    // The provider remembers the person: another sign-in in this browser would go straight through.
    expect(await straightThrough(t, 'zorggroep', jar, PUBLIC_URL)).not.toBeNull();
    const sessionId = (await t.http.get('/api/me/sessions').set('Cookie', cookie)).body.find((x: { current: boolean }) => x.current).id;
    const [row] = await t.sql('SELECT id, provider, id_token_sealed FROM sessions WHERE id = ?', [sessionId]);
    expect(row).toMatchObject({ provider: 'zorggroep', id_token_sealed: expect.any(String) });

    const res = await logout(cookie);
    expect(res.status).toBe(200);
    expect(setCookies(res.headers).wijkwacht_session.raw).toMatch(/Max-Age=0/);
    const to = new URL(res.body.redirectTo as string);
    expect(to.origin).toBe(own.issuer);
    expect(to.pathname).toBe('/session/end');
    const idToken = to.searchParams.get('id_token_hint') as string;
    expect(idToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString())).toMatchObject({ iss: own.issuer, sub: 'coord', aud: own.clientId });
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/`);
    expect(to.searchParams.get('client_id')).toBe(own.clientId);
    // The ID token never lay in the database, the audit log or a cookie; its sealed copy is gone with the session.
    expect(JSON.stringify(await t.sql('SELECT * FROM sessions')) + JSON.stringify(await t.sql('SELECT * FROM audit_events'))).not.toContain(idToken);
    expect(JSON.stringify(res.headers['set-cookie'])).not.toContain(idToken);
    expect((await t.sql('SELECT id_token_sealed, ended_at FROM sessions WHERE id = ?', [row.id]))[0]).toMatchObject({
      id_token_sealed: null,
      ended_at: expect.anything(),
    });
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);

    // At the provider: its page asks to confirm, then it sends the browser back to Wijkwacht.
    const confirm = await follow(jar, to.href);
    expect(confirm.status).toBe(200);
    const form = await confirm.text();
    expect(form).toContain('Afmelden');
    const action = new URL(/action="([^"]+)"/.exec(form)![1], to);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1];
    const done = await follow(jar, action.href, {
      method: 'POST',
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([302, 303]).toContain(done.status);
    expect(done.headers.get('location')).toBe(`${PUBLIC_URL}/`);
    // The next person at this computer is asked who they are, not signed straight back in.
    expect(await straightThrough(t, 'zorggroep', jar, PUBLIC_URL)).toBeNull();
  });

  it('a provider that offers no end-session endpoint, and a session of no provider, send the browser home', async () => {
    const colleague = (await t.http.get('/api/users').set(bearer(ADMIN))).body.find((u: { email?: string }) => u.email === 'medewerker@elders.example');
    const cookie = await signIn(t, 'elders', 'eigen', PUBLIC_URL);
    expect(await meOf(cookie)).toBe(colleague.id);
    const res = await logout(cookie);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ redirectTo: '/' });
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
  });
});
