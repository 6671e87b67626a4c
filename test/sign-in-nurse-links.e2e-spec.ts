import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWorld, type World } from './factories/world.js';
import { setCookies } from './support/sign-in-flow.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';

/** POST /api/nurses/:id/sign-in-links: a one-time link for a nurse's own user, addressed by nurse. */
const PUBLIC_URL = 'http://localhost:3000';
let t: TestApp;
let w: World;
let nurseId: string;
let nurseUser: { id: string; token: string };
let nurseWithoutUser: string;
let revokedNurse: string;
let coordinator: { id: string; token: string };
let outsideCoordinator: { id: string; token: string };

beforeAll(async () => {
  ({ t, w } = await startWorld({ PUBLIC_URL }));
  const { region, provider } = await w.contracted();
  nurseId = (await w.nurse(provider.agb)).id;
  nurseUser = await w.user('nurse', { nurseId });
  nurseWithoutUser = (await w.nurse(provider.agb)).id;
  revokedNurse = (await w.nurse(provider.agb)).id;
  const revoked = await w.user('nurse', { nurseId: revokedNurse });
  expect((await t.http.delete(`/api/users/${revoked.id}`).set(bearer(ADMIN))).status).toBe(204);
  coordinator = await w.user('coordinator', { regionCodes: [region.code] });
  outsideCoordinator = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
});

afterAll(async () => {
  await t?.close();
});

describe('POST /api/nurses/:id/sign-in-links', () => {
  it('a coordinator gets a link for a nurse in its scope, and the link signs the nurse in on a phone', async () => {
    const res = await t.http.post(`/api/nurses/${nurseId}/sign-in-links`).set(bearer(coordinator.token));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'url']);
    expect(res.body.url).toMatch(new RegExp(`^${PUBLIC_URL}/auth/link/[A-Za-z0-9_-]{43}$`));
    const audit = await t.db.query(`SELECT user_id FROM audit_events WHERE entity_type = 'sign-in-link' AND action = 'create'`);
    expect(audit.map((a: { user_id: string }) => a.user_id)).toContain(coordinator.id);
    const secret = new URL(res.body.url).pathname.split('/').pop() as string;
    const open = await t.http.get(`/auth/link/${secret}`).set('User-Agent', 'Mozilla/5.0 (iPhone; test)');
    expect(open.status).toBe(302);
    const cookie = `wijkwacht_session=${setCookies(open.headers).wijkwacht_session.value}`;
    const me = await t.http.get('/api/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(nurseUser.id);
  });

  it('an admin gets one for any nurse', async () => {
    expect((await t.http.post(`/api/nurses/${nurseId}/sign-in-links`).set(bearer(ADMIN))).status).toBe(201);
  });

  it('refuses out of scope, unknown, without user, and other roles; nothing is written', async () => {
    const before = await dbState(t.db);
    expect((await t.http.post(`/api/nurses/${nurseId}/sign-in-links`).set(bearer(outsideCoordinator.token))).status).toBe(404);
    expect((await t.http.post('/api/nurses/nobody/sign-in-links').set(bearer(coordinator.token))).status).toBe(404);
    const none = await t.http.post(`/api/nurses/${nurseWithoutUser}/sign-in-links`).set(bearer(coordinator.token));
    expect(none.status).toBe(404);
    expect(JSON.stringify(none.body)).toContain(`nurse ${nurseWithoutUser} has no user account`);
    expect((await t.http.post(`/api/nurses/${revokedNurse}/sign-in-links`).set(bearer(ADMIN))).status).toBe(404);
    expect((await t.http.post(`/api/nurses/${nurseId}/sign-in-links`).set(bearer(nurseUser.token))).status).toBe(403);
    expect((await t.http.post(`/api/nurses/${nurseId}/sign-in-links`)).status).toBe(401);
    expect(await dbState(t.db)).toEqual(before);
  });
});
