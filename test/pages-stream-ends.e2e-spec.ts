import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { PagesStream } from '../src/requests/pages-stream.js';
import { MyPagesController } from '../src/requests/requests.controller.js';
import { startWorld, type World } from './factories/world.js';
import { setCookies } from './support/sign-in-flow.js';
import { ADMIN, bearer, type TestApp } from './support/test-app.js';

/**
 * An open page stream (`GET /api/me/pages/stream`) lasts no longer than its caller's access: it
 * ends when its user is revoked, when the session it was opened with ends (sign-out, ended by the
 * person or an admin) or expires, on every instance. The streams here are real HTTP streams on a
 * listening port; on PostgreSQL a second instance shows the end crossing instances by NOTIFY.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const PUBLIC_URL = 'http://localhost:3000';
let t: TestApp;
let w: World;
let base: string;
let provider: string;
const { pollMs, listeningPollMs } = PagesStream;

beforeAll(async () => {
  MyPagesController.keepAliveMs = 150;
  ({ t, w } = await startWorld({ PUBLIC_URL }));
  const server = t.app.getHttpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = (await w.provider()).agb;
});

afterAll(async () => {
  MyPagesController.keepAliveMs = 15_000;
  PagesStream.pollMs = pollMs;
  PagesStream.listeningPollMs = listeningPollMs;
  await t.close();
});

afterEach(() => t.setNow('2026-11-23T09:00:00Z'));

/** A nurse with a user: its token, and a device session from a one-time link (a cookie). */
async function nurseWithUser() {
  const nurse = await w.nurse(provider);
  const user = await w.user('nurse', { nurseId: nurse.id });
  return { nurse, user };
}

async function deviceSession(app: TestApp, userId: string): Promise<string> {
  const { url } = (await app.http.post(`/api/users/${userId}/sign-in-links`).set(bearer(ADMIN))).body as { url: string };
  const res = await app.http.get(new URL(url).pathname);
  expect(res.status).toBe(302);
  return `wijkwacht_session=${setCookies(res.headers).wijkwacht_session.value}`;
}

/** An open stream and what it has said so far. */
async function openStream(at: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(`${at}/api/me/pages/stream`, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const stream = {
    text: '',
    closed: false,
    /** Reads until `test` holds, the stream closes, or 10 s pass. */
    async until(test: () => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!test() && !stream.closed && Date.now() < deadline) {
        const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
        if (next === null) break;
        if (next.done) stream.closed = true;
        else stream.text += decoder.decode(next.value, { stream: true });
      }
      return test();
    },
    /** The `end` event's reason, once the stream has closed after it. */
    async ended() {
      await stream.until(() => stream.closed);
      const match = /event: end\ndata: (.*)\n\n$/.exec(stream.text);
      return { closed: stream.closed, reason: match ? (JSON.parse(match[1]) as { reason: string }).reason : null };
    },
    /** Still open: another keep-alive comment arrives after this moment. */
    async stillOpen() {
      const before = stream.text.length;
      return (await stream.until(() => stream.text.slice(before).includes(': keep-alive'))) && !stream.closed;
    },
    stop: () => controller.abort(),
  };
  expect(await stream.until(() => stream.text.includes(': connected'))).toBe(true);
  return stream;
}

const withCookie = (cookie: string) => ({ cookie });
const csrfOf = async (cookie: string) => (await t.http.get('/api/me').set('Cookie', cookie)).body.csrfToken as string;

describe('a page stream ends with its access', () => {
  it('revoking the user ends its streams, by token and by session, and no one else’s; opening again is 401', async () => {
    const anna = await nurseWithUser();
    const bram = await nurseWithUser();
    const cookie = await deviceSession(t, anna.user.id);
    const byToken = await openStream(base, bearer(anna.user.token));
    const bySession = await openStream(base, withCookie(cookie));
    const other = await openStream(base, bearer(bram.user.token));
    try {
      expect((await t.http.delete(`/api/users/${anna.user.id}`).set(bearer(ADMIN))).status).toBe(204);
      expect(await byToken.ended()).toEqual({ closed: true, reason: 'user-revoked' });
      expect(await bySession.ended()).toEqual({ closed: true, reason: 'user-revoked' });
      expect(await other.stillOpen()).toBe(true);
      expect((await fetch(`${base}/api/me/pages/stream`, { headers: bearer(anna.user.token) })).status).toBe(401);
      expect((await fetch(`${base}/api/me/pages/stream`, { headers: withCookie(cookie) })).status).toBe(401);
    } finally {
      [byToken, bySession, other].forEach((s) => s.stop());
    }
  });

  it('signing out ends the stream of that session only: the same person’s other session and token stay', async () => {
    const anna = await nurseWithUser();
    const laptop = await deviceSession(t, anna.user.id);
    const phone = await deviceSession(t, anna.user.id);
    const onLaptop = await openStream(base, withCookie(laptop));
    const onPhone = await openStream(base, withCookie(phone));
    const byToken = await openStream(base, bearer(anna.user.token));
    try {
      const res = await t.http
        .post('/auth/logout')
        .set('Cookie', laptop)
        .set('Origin', PUBLIC_URL)
        .set('X-CSRF-Token', await csrfOf(laptop));
      expect(res.status).toBe(200);
      expect(await onLaptop.ended()).toEqual({ closed: true, reason: 'session-ended' });
      expect(await onPhone.stillOpen()).toBe(true);
      expect(await byToken.stillOpen()).toBe(true);
    } finally {
      [onLaptop, onPhone, byToken].forEach((s) => s.stop());
    }
  });

  it('ending a session by DELETE (the person’s own, or an admin’s) ends its stream', async () => {
    const anna = await nurseWithUser();
    const first = await deviceSession(t, anna.user.id);
    const second = await deviceSession(t, anna.user.id);
    const sessionId = async (cookie: string) =>
      (await t.http.get('/api/me/sessions').set('Cookie', cookie)).body.find((s: { current: boolean }) => s.current).id as string;
    const one = await openStream(base, withCookie(first));
    const two = await openStream(base, withCookie(second));
    try {
      const ownId = await sessionId(first);
      expect((await t.http.delete(`/api/me/sessions/${ownId}`).set(bearer(anna.user.token))).status).toBe(204);
      expect(await one.ended()).toEqual({ closed: true, reason: 'session-ended' });
      expect(await two.stillOpen()).toBe(true);
      expect((await t.http.delete(`/api/sessions/${await sessionId(second)}`).set(bearer(ADMIN))).status).toBe(204);
      expect(await two.ended()).toEqual({ closed: true, reason: 'session-ended' });
    } finally {
      [one, two].forEach((s) => s.stop());
    }
  });

  it('a session that expires while its stream is open ends the stream at the next check', async () => {
    PagesStream.pollMs = PagesStream.listeningPollMs = 100;
    try {
      const anna = await nurseWithUser();
      const cookie = await deviceSession(t, anna.user.id);
      const stream = await openStream(base, withCookie(cookie));
      const byToken = await openStream(base, bearer(anna.user.token));
      try {
        expect(await stream.stillOpen()).toBe(true);
        // A device session ends 90 days after sign-in.
        t.setNow('2027-02-22T09:00:01Z');
        expect(await stream.ended()).toEqual({ closed: true, reason: 'session-ended' });
        expect(await byToken.stillOpen()).toBe(true);
      } finally {
        [stream, byToken].forEach((s) => s.stop());
      }
    } finally {
      PagesStream.pollMs = pollMs;
      PagesStream.listeningPollMs = listeningPollMs;
    }
  });
});

/**
 * Two instances on one PostgreSQL: the stream is open on the second, the user is revoked and the
 * session signed out through the first. The safety-net poll is switched off, so only the
 * notification can carry the end across.
 */
(onPostgres ? describe : describe.skip)('on every instance', () => {
  let second: INestApplication | null = null;
  let secondBase: string;

  beforeAll(async () => {
    PagesStream.pollMs = PagesStream.listeningPollMs = 3_600_000;
    const url = (t.db.options as { url: string }).url;
    ({ app: second } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', PUBLIC_URL }, false));
    second.get(Clock).set(t.clock.now());
    await second.listen(0, '127.0.0.1');
    secondBase = `http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    PagesStream.pollMs = pollMs;
    PagesStream.listeningPollMs = listeningPollMs;
    await second?.close();
  });

  it('a revocation on one instance ends the user’s stream open on the other', async () => {
    const anna = await nurseWithUser();
    const bram = await nurseWithUser();
    const stream = await openStream(secondBase, bearer(anna.user.token));
    const other = await openStream(secondBase, bearer(bram.user.token));
    try {
      expect((await t.http.delete(`/api/users/${anna.user.id}`).set(bearer(ADMIN))).status).toBe(204);
      expect(await stream.ended()).toEqual({ closed: true, reason: 'user-revoked' });
      expect(await other.stillOpen()).toBe(true);
    } finally {
      [stream, other].forEach((s) => s.stop());
    }
  });

  it('signing out on one instance ends that session’s stream open on the other', async () => {
    const anna = await nurseWithUser();
    const cookie = await deviceSession(t, anna.user.id);
    const stream = await openStream(secondBase, withCookie(cookie));
    const byToken = await openStream(secondBase, bearer(anna.user.token));
    try {
      const res = await t.http
        .post('/auth/logout')
        .set('Cookie', cookie)
        .set('Origin', PUBLIC_URL)
        .set('X-CSRF-Token', await csrfOf(cookie));
      expect(res.status).toBe(200);
      expect(await stream.ended()).toEqual({ closed: true, reason: 'session-ended' });
      expect(await byToken.stillOpen()).toBe(true);
    } finally {
      [stream, byToken].forEach((s) => s.stop());
    }
  });
});
