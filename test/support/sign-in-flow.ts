import { expect } from '@jest/globals';
import type { TestApp } from './test-app.js';

/** The `name=value` part of each Set-Cookie header, by name. */
export function setCookies(headers: Record<string, unknown>): Record<string, { value: string; raw: string }> {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, { value: string; raw: string }> = {};
  for (const line of list as string[]) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq).trim()] = { value: pair.slice(eq + 1), raw: line };
  }
  return out;
}

/** A browser's cookies at the identity provider, kept across its redirects (and, when a test keeps it, across sign-ins). */
export class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export async function follow(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
  jar.take(res);
  return res;
}

export interface IdpAnswer {
  /** The callback URL the provider sends the browser to (path and query at this service). */
  callback: string;
  /** The attempt cookie `/auth/login` set, as a Cookie header value. */
  attemptCookie: string;
  /** The provider's authorization URL (with state, nonce and the PKCE challenge). */
  authorizationUrl: URL;
}

/**
 * What a browser does from "Inloggen met uw organisatie-account" up to the return to this service:
 * GET /auth/login/:provider (with the page to come back to, where given), then at the identity
 * provider the account's button, following its redirects until it points back here.
 */
export async function throughIdp(
  t: TestApp,
  provider: string,
  accountId: string,
  publicUrl: string,
  { returnTo, jar = new Jar() }: { returnTo?: string; jar?: Jar } = {},
): Promise<IdpAnswer> {
  const login = await t.http.get(`/auth/login/${provider}`).query(returnTo === undefined ? {} : { returnTo });
  expect(login.status).toBe(302);
  const attempt = setCookies(login.headers).wijkwacht_oidc;
  expect(attempt).toBeDefined();
  const authorizationUrl = new URL(login.headers.location);
  let res = await follow(jar, authorizationUrl.href);
  expect(res.status).toBe(303);
  const interaction = new URL(res.headers.get('location') as string, authorizationUrl);
  res = await follow(jar, interaction.href);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Inloggen als');
  res = await follow(jar, interaction.href, {
    method: 'POST',
    body: new URLSearchParams({ account: accountId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  let location = new URL(res.headers.get('location') as string, interaction);
  for (let hop = 0; hop < 5 && !location.href.startsWith(publicUrl); hop++) {
    res = await follow(jar, location.href);
    expect([302, 303]).toContain(res.status);
    location = new URL(res.headers.get('location') as string, location);
  }
  expect(location.href.startsWith(`${publicUrl}/auth/callback/${provider}`)).toBe(true);
  return { callback: location.pathname + location.search, attemptCookie: `wijkwacht_oidc=${attempt.value}`, authorizationUrl };
}

/**
 * A browser that has signed in at the provider before (its session cookie there is in `jar`):
 * GET /auth/login/:provider and follow the provider's redirects. Answers the callback when the
 * provider signs the person straight back in, or null when it asks who is signing in.
 */
export async function straightThrough(t: TestApp, provider: string, jar: Jar, publicUrl: string): Promise<IdpAnswer | null> {
  const login = await t.http.get(`/auth/login/${provider}`);
  const attempt = setCookies(login.headers).wijkwacht_oidc;
  const authorizationUrl = new URL(login.headers.location);
  let location = authorizationUrl;
  for (let hop = 0; hop < 6; hop++) {
    const res = await follow(jar, location.href);
    if (res.status === 200) {
      expect(await res.text()).toContain('Inloggen als');
      return null;
    }
    expect([302, 303]).toContain(res.status);
    location = new URL(res.headers.get('location') as string, location);
    if (location.href.startsWith(`${publicUrl}/auth/callback/${provider}`)) {
      return { callback: location.pathname + location.search, attemptCookie: `wijkwacht_oidc=${attempt.value}`, authorizationUrl };
    }
  }
  throw new Error('the provider neither asked nor answered');
}

/** The whole sign-in: returns the session cookie as a Cookie header value. */
export async function signIn(t: TestApp, provider: string, accountId: string, publicUrl: string, jar = new Jar()): Promise<string> {
  const answer = await throughIdp(t, provider, accountId, publicUrl, { jar });
  const res = await t.http.get(answer.callback).set('Cookie', answer.attemptCookie).set('User-Agent', 'Mozilla/5.0 (test)');
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe('/');
  return `wijkwacht_session=${setCookies(res.headers).wijkwacht_session.value}`;
}
