import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { startWorld, type World } from './factories/world.js';
import { setCookies } from './support/sign-in-flow.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';

/**
 * Users' e-mail addresses, one-time sign-in links for a nurse's phone, and the sessions they
 * start: the cookie, the CSRF defence, listing and ending sessions, and revocation.
 */
const PUBLIC_URL = 'http://localhost:3000';
let t: TestApp;
let w: World;
let regionCode: string;
let nurseUser: { id: string; token: string };
let otherNurseUser: { id: string; token: string };
let coordinator: { id: string; token: string };
let outsideCoordinator: { id: string; token: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function linkFor(userId: string, token = ADMIN): Promise<{ url: string; secret: string; expiresAt: string }> {
  const res = await t.http.post(`/api/users/${userId}/sign-in-links`).set(bearer(token));
  expect(res.status).toBe(201);
  return { ...res.body, secret: new URL(res.body.url).pathname.split('/').pop() as string };
}

/** Opens a fresh link on a "phone" and returns the session cookie. */
async function phoneSignIn(userId: string): Promise<string> {
  const { secret } = await linkFor(userId);
  const res = await t.http.get(`/auth/link/${secret}`).set('User-Agent', 'Mozilla/5.0 (iPhone; test)');
  expect(res.status).toBe(302);
  return `wijkwacht_session=${setCookies(res.headers).wijkwacht_session.value}`;
}

async function csrfOf(cookie: string): Promise<string> {
  const me = await t.http.get('/api/me').set('Cookie', cookie);
  expect(me.status).toBe(200);
  return me.body.csrfToken;
}

beforeAll(async () => {
  ({ t, w } = await startWorld({ PUBLIC_URL }));
  const { region, provider } = await w.contracted();
  regionCode = region.code;
  const nurse = await w.nurse(provider.agb);
  const otherNurse = await w.nurse(provider.agb);
  nurseUser = await w.user('nurse', { nurseId: nurse.id, email: 'Anna.de.Vries@Zorg.example' });
  otherNurseUser = await w.user('nurse', { nurseId: otherNurse.id });
  coordinator = await w.user('coordinator', { regionCodes: [regionCode] });
  const elsewhere = await w.region();
  outsideCoordinator = await w.user('coordinator', { regionCodes: [elsewhere.code] });
});

afterAll(async () => {
  await t?.close();
});

describe('users carry an optional e-mail address', () => {
  it('is stored lower-cased and shown in the list', async () => {
    const list = await t.http.get('/api/users').set(bearer(ADMIN));
    expect(list.body.find((u: { id: string }) => u.id === nurseUser.id).email).toBe('anna.de.vries@zorg.example');
  });

  it('a second user with the same address in another case is refused with 409 and nothing changes', async () => {
    const before = await dbState(t.db);
    const res = await t.http.post('/api/users').set(bearer(ADMIN)).send({ name: 'Dubbel', role: 'admin', email: 'ANNA.DE.VRIES@zorg.example' });
    expect(res.status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a malformed address is a 400', async () => {
    for (const email of ['geen-adres', 'a@b', '', 'x'.repeat(250) + '@example.nl', 42]) {
      const res = await t.http.post('/api/users').set(bearer(ADMIN)).send({ name: 'Fout', role: 'admin', email });
      expect(res.status).toBe(400);
    }
  });

  it('PATCH sets, changes and (with null) removes the address, audited', async () => {
    const user = await w.user('admin');
    let res = await t.http.patch(`/api/users/${user.id}`).set(bearer(ADMIN)).send({ email: 'Beheer@Example.NL' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, email: 'beheer@example.nl', role: 'admin' });
    res = await t.http.patch(`/api/users/${user.id}`).set(bearer(ADMIN)).send({ name: 'Beheerder Noord' });
    expect(res.body).toMatchObject({ name: 'Beheerder Noord', email: 'beheer@example.nl' });
    res = await t.http.patch(`/api/users/${user.id}`).set(bearer(ADMIN)).send({ email: null });
    expect(res.status).toBe(200);
    expect(res.body.email).toBeUndefined();
    const events = await t.sql(`SELECT action, summary FROM audit_events WHERE entity_type = 'user' AND entity_id = ? ORDER BY at`, [user.id]);
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('PATCH to another user’s address is a 409; an unknown field a 400; an unknown user a 404; a non-admin a 403 — each changing nothing', async () => {
    const user = await w.user('admin');
    const before = await dbState(t.db);
    expect((await t.http.patch(`/api/users/${user.id}`).set(bearer(ADMIN)).send({ email: 'anna.de.vries@zorg.example' })).status).toBe(409);
    expect((await t.http.patch(`/api/users/${user.id}`).set(bearer(ADMIN)).send({ role: 'nurse' })).status).toBe(400);
    expect((await t.http.patch('/api/users/nobody').set(bearer(ADMIN)).send({ email: 'x@example.nl' })).status).toBe(404);
    expect((await t.http.patch(`/api/users/${user.id}`).set(bearer(coordinator.token)).send({ email: 'x@example.nl' })).status).toBe(403);
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('one-time sign-in links', () => {
  it('an admin gets a link valid for 15 minutes; only the hash of its secret is stored, and the audit log holds no secret', async () => {
    const link = await linkFor(nurseUser.id);
    expect(link.url).toMatch(new RegExp(`^${PUBLIC_URL}/auth/link/[A-Za-z0-9_-]{43}$`));
    expect(link.expiresAt).toBe('2026-11-23T10:15:00+01:00');
    const rows = await t.sql('SELECT secret_hash FROM sign_in_links');
    expect(rows.map((r) => r.secret_hash)).toContain(sha256(link.secret));
    const dump = JSON.stringify(await t.sql('SELECT * FROM sign_in_links')) + JSON.stringify(await t.sql('SELECT * FROM audit_events'));
    expect(dump).not.toContain(link.secret);
    const [event] = await t.sql(`SELECT user_id, action, summary FROM audit_events WHERE entity_type = 'sign-in-link' ORDER BY at DESC LIMIT 1`);
    expect(event).toMatchObject({ user_id: 'admin-token', action: 'create' });
  });

  it('a coordinator gets one for a nurse user in its scope', async () => {
    const link = await linkFor(nurseUser.id, coordinator.token);
    expect(link.url).toContain('/auth/link/');
  });

  it('a coordinator outside the nurse’s scope, or asking for a non-nurse user, gets a 404; a nurse a 403; nothing is written', async () => {
    const before = await dbState(t.db);
    const linksBefore = await t.sql('SELECT COUNT(*) AS n FROM sign_in_links');
    expect((await t.http.post(`/api/users/${nurseUser.id}/sign-in-links`).set(bearer(outsideCoordinator.token))).status).toBe(404);
    expect((await t.http.post(`/api/users/${outsideCoordinator.id}/sign-in-links`).set(bearer(coordinator.token))).status).toBe(404);
    expect((await t.http.post('/api/users/nobody/sign-in-links').set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.post(`/api/users/${otherNurseUser.id}/sign-in-links`).set(bearer(nurseUser.token))).status).toBe(403);
    expect((await t.http.post(`/api/users/${nurseUser.id}/sign-in-links`)).status).toBe(401);
    expect(await dbState(t.db)).toEqual(before);
    expect(await t.sql('SELECT COUNT(*) AS n FROM sign_in_links')).toEqual(linksBefore);
  });

  it('opening the link starts a device session of 90 days with a HttpOnly, SameSite=Lax cookie (not Secure on localhost) and → 302 to /', async () => {
    const { secret } = await linkFor(nurseUser.id);
    const res = await t.http.get(`/auth/link/${secret}`).set('User-Agent', 'Mozilla/5.0 (iPhone; test)');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = setCookies(res.headers).wijkwacht_session;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.raw).toMatch(/HttpOnly/);
    expect(cookie.raw).toMatch(/SameSite=Lax/);
    expect(cookie.raw).toMatch(/Path=\//);
    expect(cookie.raw).toMatch(/Max-Age=7776000/);
    expect(cookie.raw).not.toMatch(/Secure/);
    const me = await t.http.get('/api/me').set('Cookie', `wijkwacht_session=${cookie.value}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: nurseUser.id, role: 'nurse', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const sessions = await t.http.get('/api/me/sessions').set('Cookie', `wijkwacht_session=${cookie.value}`);
    const current = sessions.body.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({
      kind: 'device',
      userAgent: 'Mozilla/5.0 (iPhone; test)',
      createdAt: '2026-11-23T10:00:00+01:00',
      expiresAt: '2027-02-21T10:00:00+01:00',
    });
    // Neither the cookie's secret nor the CSRF token is stored anywhere.
    const dump = JSON.stringify(await t.sql('SELECT * FROM sessions')) + JSON.stringify(await t.sql('SELECT * FROM audit_events'));
    expect(dump).not.toContain(cookie.value);
    expect(dump).not.toContain(me.body.csrfToken);
    expect(dump).toContain(sha256(cookie.value));
  });

  it('a link used twice is refused the second time with a 410 page', async () => {
    const { secret } = await linkFor(nurseUser.id);
    expect((await t.http.get(`/auth/link/${secret}`)).status).toBe(302);
    const before = await dbState(t.db);
    const again = await t.http.get(`/auth/link/${secret}`);
    expect(again.status).toBe(410);
    expect(again.headers['content-type']).toMatch(/text\/html/);
    expect(again.text).toContain('werkt maar één keer');
    expect(setCookies(again.headers).wijkwacht_session).toBeUndefined();
    expect(await dbState(t.db)).toEqual(before);
  });

  it('two phones opening the same link at once: exactly one gets in', async () => {
    const { secret } = await linkFor(nurseUser.id);
    const answers = await Promise.all([1, 2, 3].map(() => t.http.get(`/auth/link/${secret}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 410, 410]);
  });

  it('a link opened after 15 minutes is a 410 page; an unknown one a 404 page; nothing is created', async () => {
    const { secret } = await linkFor(nurseUser.id);
    t.setNow('2026-11-23T09:15:00Z');
    try {
      const before = await dbState(t.db);
      expect((await t.http.get(`/auth/link/${secret}`)).status).toBe(410);
      expect((await t.http.get(`/auth/link/${'A'.repeat(43)}`)).status).toBe(404);
      expect((await t.http.get('/auth/link/short')).status).toBe(404);
      expect(await dbState(t.db)).toEqual(before);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });

  it('a link of a user revoked meanwhile is a 410 page', async () => {
    const nurse = await w.nurse((await w.provider()).agb);
    const user = await w.user('nurse', { nurseId: nurse.id });
    const { secret } = await linkFor(user.id);
    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get(`/auth/link/${secret}`)).status).toBe(410);
  });
});

describe('sessions and the CSRF defence', () => {
  it('reading with the cookie needs no CSRF token', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    expect((await t.http.get('/api/me/calendar').set('Cookie', cookie)).status).toBe(200);
  });

  it('a state-changing request with the cookie but without the CSRF token, or from another origin, is a 403 and changes nothing', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    const csrf = await csrfOf(cookie);
    const before = await dbState(t.db);
    const feeds = await t.sql('SELECT * FROM calendar_feeds');
    const attempts = [
      t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('Origin', PUBLIC_URL),
      t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', 'x'.repeat(43)),
      t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('X-CSRF-Token', csrf),
      t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('Origin', 'https://evil.example').set('X-CSRF-Token', csrf),
      t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('Origin', 'null').set('X-CSRF-Token', csrf),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect(res.status).toBe(403);
    }
    expect(await dbState(t.db)).toEqual(before);
    expect(await t.sql('SELECT * FROM calendar_feeds')).toEqual(feeds);
  });

  it('with the CSRF token and this service’s Origin the same request succeeds', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    const csrf = await csrfOf(cookie);
    const res = await t.http.post('/api/me/calendar/rotate').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', csrf);
    expect(res.status).toBe(200);
  });

  it('a bearer token decides alone: the cookie is ignored when an Authorization header is present', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    const me = await t.http.get('/api/me').set('Cookie', cookie).set(bearer(coordinator.token));
    expect(me.body.id).toBe(coordinator.id);
    expect(me.body.csrfToken).toBeUndefined();
  });

  it('GET /auth/session tells the web app whether the browser is signed in, without a 401 and without writing anything', async () => {
    const state = (cookie?: string) => (cookie ? t.http.get('/auth/session').set('Cookie', cookie) : t.http.get('/auth/session'));
    const nobody = await state();
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ signedIn: false });
    expect((await state(`wijkwacht_session=${'B'.repeat(43)}`)).body).toEqual({ signedIn: false });
    const cookie = await phoneSignIn(nurseUser.id);
    const before = await dbState(t.db);
    expect((await state(cookie)).body).toEqual({ signedIn: true });
    // A token is no session: this is about the browser's cookie only.
    expect((await t.http.get('/auth/session').set(bearer(coordinator.token))).body).toEqual({ signedIn: false });
    expect(await dbState(t.db)).toEqual(before);
    // Signed out: false again.
    const csrf = await csrfOf(cookie);
    expect((await t.http.post('/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_URL).set('X-CSRF-Token', csrf)).status).toBe(200);
    expect((await state(cookie)).body).toEqual({ signedIn: false });
  });

  it('an unknown cookie is a 401', async () => {
    expect((await t.http.get('/api/me').set('Cookie', `wijkwacht_session=${'B'.repeat(43)}`)).status).toBe(401);
  });

  it('GET /api/me/sessions lists only the caller’s own sessions; another user’s session id answers 404', async () => {
    const mine = await phoneSignIn(otherNurseUser.id);
    const theirs = await phoneSignIn(nurseUser.id);
    const list = await t.http.get('/api/me/sessions').set('Cookie', mine);
    expect(list.status).toBe(200);
    const ownIds = (await t.sql('SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL', [otherNurseUser.id])).map((r) => r.id);
    expect(list.body.map((s: { id: string }) => s.id).sort()).toEqual(ownIds.sort());
    const theirList = await t.http.get('/api/me/sessions').set('Cookie', theirs);
    const theirId = theirList.body.find((s: { current: boolean }) => s.current).id;
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(theirId);
    const before = await dbState(t.db);
    const csrf = await csrfOf(mine);
    const res = await t.http.delete(`/api/me/sessions/${theirId}`).set('Cookie', mine).set('Origin', PUBLIC_URL).set('X-CSRF-Token', csrf);
    expect(res.status).toBe(404);
    expect(await dbState(t.db)).toEqual(before);
    expect((await t.http.get('/api/me').set('Cookie', theirs)).status).toBe(200);
  });

  it('a person ends one of its sessions (e.g. a lost phone) and that cookie is refused on the next request; audited', async () => {
    const phone = await phoneSignIn(nurseUser.id);
    const laptop = await phoneSignIn(nurseUser.id);
    const phoneId = (await t.http.get('/api/me/sessions').set('Cookie', phone)).body.find((s: { current: boolean }) => s.current).id;
    const res = await t.http
      .delete(`/api/me/sessions/${phoneId}`)
      .set('Cookie', laptop)
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', await csrfOf(laptop));
    expect(res.status).toBe(204);
    expect((await t.http.get('/api/me').set('Cookie', phone)).status).toBe(401);
    expect((await t.http.get('/api/me').set('Cookie', laptop)).status).toBe(200);
    const events = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'session' AND entity_id = ? ORDER BY at`, [phoneId]);
    expect(events.map((e) => e.action)).toEqual(['sign-in', 'end']);
  });

  it('a token holder may list and end its user’s sessions too', async () => {
    const phone = await phoneSignIn(otherNurseUser.id);
    const list = await t.http.get('/api/me/sessions').set(bearer(otherNurseUser.token));
    expect(list.status).toBe(200);
    expect(list.body.every((s: { current: boolean }) => !s.current)).toBe(true);
    const id = (await t.http.get('/api/me/sessions').set('Cookie', phone)).body.find((s: { current: boolean }) => s.current).id;
    expect((await t.http.delete(`/api/me/sessions/${id}`).set(bearer(otherNurseUser.token))).status).toBe(204);
    expect((await t.http.get('/api/me').set('Cookie', phone)).status).toBe(401);
    expect((await t.http.delete(`/api/me/sessions/${id}`).set(bearer(otherNurseUser.token))).status).toBe(404);
  });

  it('an admin ends anyone’s session; others may not (403)', async () => {
    const phone = await phoneSignIn(nurseUser.id);
    const id = (await t.http.get('/api/me/sessions').set('Cookie', phone)).body.find((s: { current: boolean }) => s.current).id;
    expect((await t.http.delete(`/api/sessions/${id}`).set(bearer(coordinator.token))).status).toBe(403);
    expect((await t.http.get('/api/me').set('Cookie', phone)).status).toBe(200);
    expect((await t.http.delete(`/api/sessions/${id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get('/api/me').set('Cookie', phone)).status).toBe(401);
    expect((await t.http.delete(`/api/sessions/${id}`).set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.delete('/api/sessions/nothing').set(bearer(ADMIN))).status).toBe(404);
  });

  it('signing out ends the session, clears the cookie and is audited; without the CSRF token it is a 403', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    const refused = await t.http.post('/auth/logout').set('Cookie', cookie).set('Origin', PUBLIC_URL);
    expect(refused.status).toBe(403);
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(200);
    const id = (await t.http.get('/api/me/sessions').set('Cookie', cookie)).body.find((s: { current: boolean }) => s.current).id;
    const res = await t.http
      .post('/auth/logout')
      .set('Cookie', cookie)
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', await csrfOf(cookie));
    // A device session signed in through no identity provider: the browser simply goes home.
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ redirectTo: '/' });
    expect(setCookies(res.headers).wijkwacht_session.raw).toMatch(/Max-Age=0/);
    expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
    const events = await t.sql(`SELECT action, user_id FROM audit_events WHERE entity_type = 'session' AND entity_id = ? ORDER BY at`, [id]);
    expect(events).toEqual([
      { action: 'sign-in', user_id: nurseUser.id },
      { action: 'sign-out', user_id: nurseUser.id },
    ]);
    // Signing out again (or without a session) is harmless.
    for (const again of [await t.http.post('/auth/logout').set('Cookie', cookie), await t.http.post('/auth/logout')]) {
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ redirectTo: '/' });
    }
  });

  it('a new sign-in removes the user’s ended sessions (the audit log keeps them)', async () => {
    const nurse = await w.nurse((await w.provider()).agb);
    const user = await w.user('nurse', { nurseId: nurse.id });
    const first = await phoneSignIn(user.id);
    const id = (await t.http.get('/api/me/sessions').set('Cookie', first)).body[0].id;
    await t.http
      .post('/auth/logout')
      .set('Cookie', first)
      .set('Origin', PUBLIC_URL)
      .set('X-CSRF-Token', await csrfOf(first));
    expect(await t.sql('SELECT ended_at FROM sessions WHERE id = ?', [id])).toHaveLength(1);
    await phoneSignIn(user.id);
    expect(await t.sql('SELECT id FROM sessions WHERE id = ?', [id])).toHaveLength(0);
    expect((await t.sql(`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?`, [user.id]))[0].n).toBe(1);
    const events = await t.sql(`SELECT action FROM audit_events WHERE entity_type = 'session' AND entity_id = ? ORDER BY at`, [id]);
    expect(events.map((e) => e.action)).toEqual(['sign-in', 'sign-out']);
  });

  it('a device session has no idle limit but ends 90 days after sign-in', async () => {
    const cookie = await phoneSignIn(nurseUser.id);
    try {
      t.setNow('2027-02-20T09:00:00Z'); // 89 days later, unused since
      expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(200);
      t.setNow('2027-02-21T09:00:00Z');
      expect((await t.http.get('/api/me').set('Cookie', cookie)).status).toBe(401);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
  });

  it('revoking a user ends all its sessions at once, one audit event each', async () => {
    const nurse = await w.nurse((await w.provider()).agb);
    const user = await w.user('nurse', { nurseId: nurse.id, email: 'weg@example.nl' });
    const a = await phoneSignIn(user.id);
    const b = await phoneSignIn(user.id);
    expect((await t.http.get('/api/me').set('Cookie', a)).status).toBe(200);
    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get('/api/me').set('Cookie', a)).status).toBe(401);
    expect((await t.http.get('/api/me').set('Cookie', b)).status).toBe(401);
    expect((await t.http.get('/api/me').set(bearer(user.token))).status).toBe(401);
    const ended = await t.sql(`SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND ended_at IS NOT NULL`, [user.id]);
    expect(ended[0].n).toBe(2);
    const events = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'session' AND action = 'end' AND summary LIKE '%revoked%'`);
    expect(events[0].n).toBeGreaterThanOrEqual(2);
    // The address is released for a new user of the same person.
    expect((await t.http.post('/api/users').set(bearer(ADMIN)).send({ name: 'Weer terug', role: 'admin', email: 'weg@example.nl' })).status).toBe(201);
  });
});

describe('behind https', () => {
  it('with an https PUBLIC_URL the cookie is Secure, links use that origin, and only that Origin passes the check', async () => {
    const other = await startWorld({ PUBLIC_URL: 'https://wijkwacht.zorggroep.example' });
    try {
      const user = await other.w.user('admin');
      const link = await other.t.http.post(`/api/users/${user.id}/sign-in-links`).set(bearer(ADMIN));
      expect(link.body.url).toMatch(/^https:\/\/wijkwacht\.zorggroep\.example\/auth\/link\//);
      const opened = await other.t.http.get(new URL(link.body.url).pathname);
      const cookie = setCookies(opened.headers).wijkwacht_session;
      expect(cookie.raw).toMatch(/; Secure/);
      const session = `wijkwacht_session=${cookie.value}`;
      const csrf = (await other.t.http.get('/api/me').set('Cookie', session)).body.csrfToken;
      const logout = (origin: string) => other.t.http.post('/auth/logout').set('Cookie', session).set('X-CSRF-Token', csrf).set('Origin', origin);
      expect((await logout('http://wijkwacht.zorggroep.example')).status).toBe(403);
      expect((await logout('https://wijkwacht.zorggroep.example:8443')).status).toBe(403);
      expect((await logout('https://wijkwacht.zorggroep.example')).status).toBe(200);
    } finally {
      await other.t.close();
    }
  });
});
