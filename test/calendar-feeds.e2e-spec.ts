import { ADMIN, bearer, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/** The nurse's calendar feed ends with its user, and simultaneous first calls make one feed. */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

async function nurseWithUser() {
  const provider = await w.provider();
  const nurse = await w.nurse(provider.agb);
  const user = await w.user('nurse', { nurseId: nurse.id });
  return { nurse, user };
}

const feedUrl = async (token: string) => {
  const res = await t.http.get('/api/me/calendar').set(bearer(token));
  expect(res.status).toBe(200);
  return res.body.url as string;
};

describe('calendar feeds', () => {
  it('a first feed request racing the revocation of its user never leaves a URL that a later user of the nurse revives', async () => {
    for (let round = 0; round < 5; round++) {
      const { nurse, user } = await nurseWithUser();
      const [feed, revoke] = await Promise.all([
        t.http.get('/api/me/calendar').set(bearer(user.token)),
        t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN)),
      ]);
      expect(revoke.status).toBe(204);
      expect([200, 401, 404]).toContain(feed.status);
      const successor = await w.user('nurse', { nurseId: nurse.id });
      const fresh = await feedUrl(successor.token);
      if (feed.status === 200) {
        expect(fresh).not.toBe(feed.body.url);
        expect((await t.http.get(feed.body.url)).status).toBe(404);
      }
    }
  });

  it('revoking the nurse user ends its feed; a later user of the nurse gets a fresh URL, and the old one stays dead', async () => {
    const { nurse, user } = await nurseWithUser();
    const url = await feedUrl(user.token);
    expect((await t.http.get(url)).status).toBe(200);

    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get(url)).status).toBe(404);
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'calendar-feed', entityId: nurse.id }).set(bearer(ADMIN));
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['end', 'create']);
    expect(await t.sql('SELECT nurse_id FROM calendar_feeds WHERE nurse_id = ?', [nurse.id])).toEqual([]);

    const successor = await w.user('nurse', { nurseId: nurse.id });
    const fresh = await feedUrl(successor.token);
    expect(fresh).not.toBe(url);
    expect((await t.http.get(fresh)).status).toBe(200);
    expect((await t.http.get(url)).status).toBe(404);
  });

  it('a feed answers only while its nurse has a user that is not revoked', async () => {
    const { user } = await nurseWithUser();
    const url = await feedUrl(user.token);
    // A revocation that did not end the feed (made before revoking ended feeds).
    await t.db.query(`UPDATE users SET revoked_at = ${Date.parse('2026-11-01T00:00:00Z')} WHERE id = '${user.id}'`);
    expect((await t.http.get(url)).status).toBe(404);
  });

  it('revoking another kind of user leaves feeds alone', async () => {
    const { user } = await nurseWithUser();
    const url = await feedUrl(user.token);
    const coordinator = await w.user('admin');
    expect((await t.http.delete(`/api/users/${coordinator.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get(url)).status).toBe(200);
  });

  it('ten simultaneous first requests of one nurse all answer 200 with the same URL, and one feed is created', async () => {
    // A few nurses in turn: the race is in the first request of each.
    for (let round = 0; round < 4; round++) {
      const { nurse, user } = await nurseWithUser();
      const answers = await Promise.all(Array.from({ length: 10 }, () => t.http.get('/api/me/calendar').set(bearer(user.token))));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(new Set(answers.map((a) => a.body.url)).size).toBe(1);
      expect(await t.sql('SELECT COUNT(*) AS n FROM calendar_feeds WHERE nurse_id = ?', [nurse.id])).toEqual([{ n: 1 }]);
      const audit = await t.http.get('/api/audit-events').query({ entityType: 'calendar-feed', entityId: nurse.id }).set(bearer(ADMIN));
      expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['create']);
      expect((await t.http.get(answers[0].body.url)).status).toBe(200);
    }
  });
});
