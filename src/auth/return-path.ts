/**
 * Where the browser goes after signing in: the page of the web app it was on (a shared link such
 * as `/rooster?regio=AMS&maand=2027-02`), never another site. Pure.
 */

/** Longer return paths are refused: the attempt cookie that carries one stays small. */
export const MAX_RETURN_PATH = 1000;

/** The service's own paths (matched without regard to case, as the router matches them): no page to return to. */
const SERVICE_PATH = /^\/(api|auth|docs|docs-json|health)(\/|$)/i;

const BASE = 'https://return-path.invalid';

/**
 * The path and query of a page of this web app, normalised, or null for anything else: another
 * origin (`https://…`, `//host`, `/\host`, which browsers read as a host), control characters,
 * the service's own paths (`/auth/…` would start over, `/api/…` is no page), or over
 * MAX_RETURN_PATH characters. A fragment is dropped (the app keeps no state there).
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_PATH) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || SERVICE_PATH.test(url.pathname)) return null;
  const path = url.pathname + url.search;
  return path.length <= MAX_RETURN_PATH ? path : null;
}
