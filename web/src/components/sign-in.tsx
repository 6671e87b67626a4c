import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Middleware } from 'openapi-fetch';
import { type Me, SIGNED_OUT } from '../api';
import { lang } from '../i18n';
import { currentPage } from '../return-path';
import './sign-in.css';

/**
 * Signing in as a person: with the organisation's identity provider (the service's /auth/login
 * flow) or, on a nurse's phone, a one-time link; both leave an HttpOnly session cookie that this
 * code never sees. It keeps only the CSRF token from GET /api/me and sends it with every request
 * other than GET and HEAD. Pasting an API token stays available under "Inloggen met API-sleutel"
 * (opened at once where no identity provider is configured, as it is then the only way in).
 */
let csrfToken: string | null = null;

const TEXT = {
  nl: {
    title: 'Inloggen',
    help: 'Log in met het account van uw organisatie.',
    with: 'Inloggen met',
    none: 'Er is geen identiteitsprovider ingesteld. Gebruik een API-sleutel, of vraag de beheerder om inloggen met uw organisatie-account in te stellen.',
    phone: 'Op uw telefoon zonder organisatie-account? Vraag uw coördinator om een inloglink of QR-code.',
    apiKey: 'Inloggen met API-sleutel',
  },
  en: {
    title: 'Sign in',
    help: "Sign in with your organisation's account.",
    with: 'Sign in with',
    none: 'No identity provider is configured. Use an API key, or ask the administrator to set up sign-in with your organisation account.',
    phone: 'On your phone without an organisation account? Ask your coordinator for a sign-in link or QR code.',
    apiKey: 'Sign in with an API key',
  },
};

/** Adds X-CSRF-Token to state-changing requests made on the session, and notices when the session ends. */
export const sessionCsrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !request.headers.has('authorization') && request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set('x-csrf-token', csrfToken);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && csrfToken !== null && !request.headers.has('authorization')) {
      csrfToken = null;
      window.dispatchEvent(new Event(SIGNED_OUT));
    }
    return response;
  },
};

/**
 * The person signed in by session cookie, or null when there is no live session. The service is
 * asked first whether there is one (GET /auth/session, always 200), so a signed-out page load
 * makes no refused request.
 */
export async function sessionMe(): Promise<Me | null> {
  const state = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const { signedIn } = ((await state.json().catch(() => null)) ?? { signedIn: false }) as { signedIn: boolean };
  if (state.status !== 200 || !signedIn) return null;
  const res = await fetch('/api/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  // The body is read either way, so that the answer is finished and released.
  const body = (await res.json().catch(() => null)) as Me | null;
  if (res.status !== 200 || !body) return null;
  const me = body;
  csrfToken = me.csrfToken ?? null;
  return csrfToken ? me : null;
}

export function signedInBySession(): boolean {
  return csrfToken !== null;
}

/**
 * Signs out of the session: the service ends it and clears the cookie, and answers where the
 * browser goes next: the identity provider's end-session page (so the provider signs the person
 * out too, and the next person at this computer is not signed straight back in), or `/`.
 */
export async function endSession(): Promise<string> {
  if (!csrfToken) return '/';
  const token = csrfToken;
  csrfToken = null;
  try {
    const res = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': token } });
    const body = (await res.json().catch(() => null)) as { redirectTo?: unknown } | null;
    return res.ok && typeof body?.redirectTo === 'string' && isSignOutTarget(body.redirectTo) ? body.redirectTo : '/';
  } catch {
    return '/';
  }
}

/** `/`, or an http(s) address elsewhere (the identity provider's end-session page). */
function isSignOutTarget(target: string): boolean {
  if (target === '/') return true;
  try {
    return ['https:', 'http:'].includes(new URL(target).protocol);
  } catch {
    return false;
  }
}

/** The provider's sign-in, coming back to this page (a shared link) afterwards. */
function providerHref(name: string): string {
  const page = currentPage();
  const start = `/auth/login/${encodeURIComponent(name)}`;
  return page === '/' ? start : `${start}?returnTo=${encodeURIComponent(page)}`;
}

export function PeopleSignIn({ tokenForm }: { tokenForm: ComponentChildren }) {
  const [providers, setProviders] = useState<Array<{ name: string; label: string }> | null>(null);
  const text = TEXT[lang.value];
  useEffect(() => {
    fetch('/auth/providers')
      .then((res) => (res.ok ? (res.json() as Promise<Array<{ name: string; label: string }>>) : []))
      .then(setProviders, () => setProviders([]));
  }, []);
  return (
    <section class="card sign-in people-sign-in" aria-labelledby="people-sign-in-title">
      <h1 id="people-sign-in-title">{text.title}</h1>
      <p>{text.help}</p>
      {providers?.map((p) => (
        <a key={p.name} class="provider-button" href={providerHref(p.name)}>
          {text.with} {p.label}
        </a>
      ))}
      {providers?.length === 0 && <p class="muted">{text.none}</p>}
      <p class="muted">{text.phone}</p>
      <details class="api-key-sign-in" open={providers?.length === 0}>
        <summary>{text.apiKey}</summary>
        {tokenForm}
      </details>
    </section>
  );
}
