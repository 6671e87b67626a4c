import { signal } from '@preact/signals';
import { getCurrentUrl, route, type RouterOnChangeArgs } from 'preact-router';

/**
 * The app's state that belongs in the address: the view as the path (`/rooster`), and region,
 * function, month, calendar view and an open slot as query parameters (`?regio=AMS&dienst=…`), so
 * that a reload, the back button and a shared link bring the same screen back. preact-router
 * follows the address (links, back, forward); this signal hands it to every screen.
 */
export interface Place {
  /** The first path segment: a view's id, '' at the root. */
  view: string;
  query: Record<string, string>;
}

/** The names in the address, in Dutch as users see them. */
export const PARAM = {
  region: 'regio',
  function: 'functie',
  month: 'maand',
  calendarView: 'weergave',
  slot: 'dienst',
  date: 'datum',
  nurse: 'verpleegkundige',
} as const;

function parse(url: string): Place {
  const parsed = new URL(url, window.location.origin);
  return { view: parsed.pathname.split('/').filter(Boolean)[0] ?? '', query: Object.fromEntries(parsed.searchParams) };
}

export const place = signal<Place>(parse(getCurrentUrl()));

/** Router's onChange: the address changed (a navigation, back or forward). */
export function followRoute(e: RouterOnChangeArgs): void {
  place.value = parse(e.url);
}

function urlOf(p: Place): string {
  const q = new URLSearchParams(Object.entries(p.query).filter(([, v]) => v !== '')).toString();
  return `/${p.view}${q ? `?${q}` : ''}`;
}

/**
 * Moves to another place: `view` (a new view keeps only the region), and query values to set
 * (null removes one). `replace` for changes that should not add a step to the history.
 */
export function navigate(change: { view?: string; query?: Record<string, string | null> }, replace = false): void {
  const current = place.value;
  const newView = change.view !== undefined && change.view !== current.view;
  const base: Record<string, string> = newView ? (current.query[PARAM.region] ? { [PARAM.region]: current.query[PARAM.region] } : {}) : { ...current.query };
  for (const [k, v] of Object.entries(change.query ?? {})) {
    if (v === null) delete base[k];
    else base[k] = v;
  }
  const next = { view: change.view ?? current.view, query: base };
  const url = urlOf(next);
  if (url === urlOf(current)) return;
  place.value = next;
  route(url, replace);
}

/**
 * Shows another page of the app in place of the current one, without a step in the history
 * (after signing in, the page a shared link named). Only this origin's paths: history refuses others.
 */
export function replacePlace(url: string): void {
  window.history.replaceState(null, '', url);
  place.value = parse(url);
}

/** A query value of the current place ('' when absent). */
export function param(name: string): string {
  return place.value.query[name] ?? '';
}
