/**
 * A shared link survives signing in. The identity provider's round trip carries the page itself
 * (`/auth/login/<name>?returnTo=…`); a phone's one-time link always lands on `/`, often in another
 * tab (a QR code, a message), so the page shown with the sign-in form is remembered here for the
 * link's lifetime and taken up by the sign-in that follows. A token sign-in stays on the page.
 * Only this app's own pages are remembered (the address bar's path and query), never a token.
 */
const KEY = 'wijkwacht.returnTo';
/** As long as a one-time sign-in link is valid. */
export const REMEMBER_MS = 15 * 60_000;

/** The page shown now: path and query. */
export function currentPage(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** A path of this origin (what history.replaceState accepts without leaving the app). */
export function isOwnPage(path: unknown): path is string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') && path.length <= 1000;
}

/** Remembers the page the sign-in form is shown on, unless it is the start page. */
export function rememberPage(now = Date.now()): void {
  const path = currentPage();
  try {
    if (path === '/') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify({ path, at: now }));
  } catch {
    // private mode: the link then lands on the start page, as before
  }
}

/** The page remembered within REMEMBER_MS, once: it is forgotten as it is read. */
export function takeRememberedPage(now = Date.now()): string | null {
  try {
    const raw = localStorage.getItem(KEY);
    localStorage.removeItem(KEY);
    if (!raw) return null;
    const { path, at } = JSON.parse(raw) as { path?: unknown; at?: unknown };
    if (!isOwnPage(path) || typeof at !== 'number' || now - at > REMEMBER_MS || now < at) return null;
    return path;
  } catch {
    return null;
  }
}

export function forgetRememberedPage(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
