/// <reference lib="webworker" />
/**
 * The service worker's decisions, apart from its events so that they read (and are tested) on
 * their own: what a pushed page's notification says, which shifts are kept, and acknowledging in
 * the background.
 */
export const SHIFTS_CACHE = 'wijkwacht-shifts';
export const SHIFTS_KEY = '/api/me/shifts?kept=14-days';
/** What the app posts to the service worker when someone signs out: drop what was kept. */
export const SIGN_OUT_MESSAGE = 'wijkwacht:sign-out';

/** What a push carries (api.md): no callback phone, no partner reference, no client data. */
export interface PagePush {
  type: 'page';
  requestId: string;
  pageId: string;
  function: string;
  urgency: string;
  postcode: string;
  step: number;
}

const FUNCTIONS: Record<string, string> = {
  'unplanned-night-care': 'Ongeplande nachtzorg',
  'acute-screening': 'Acute beoordeling thuis',
  'specialist-nursing': 'Specialistische verpleging',
  'care-coordination': 'Zorgcoördinatie',
};
const URGENCIES: Record<string, string> = { immediate: 'direct', 'within-2h': 'binnen 2 uur', 'same-day': 'vandaag' };

/** The notification of a page: it stays until answered, vibrates, and offers "Ik ga" and "Bekijk". */
export function notificationOf(page: PagePush): { title: string; options: NotificationOptions & Record<string, unknown> } {
  return {
    title: 'Acute oproep',
    options: {
      body: `${FUNCTIONS[page.function] ?? page.function} · postcode ${page.postcode} · ${URGENCIES[page.urgency] ?? page.urgency}`,
      tag: `page-${page.requestId}`,
      renotify: true,
      requireInteraction: true,
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      vibrate: [300, 150, 300, 150, 600],
      lang: 'nl',
      data: { requestId: page.requestId, pageId: page.pageId },
      actions: [
        { action: 'ik-ga', title: 'Ik ga' },
        { action: 'bekijk', title: 'Bekijk' },
      ],
    },
  };
}

/** The shifts that have not ended and start within the next `days` days. */
export function shiftsWithin<S extends { start: string; end: string }>(shifts: S[], nowMs: number, days: number): S[] {
  const until = nowMs + days * 24 * 3_600_000;
  return shifts.filter((s) => Date.parse(s.end) > nowMs && Date.parse(s.start) < until);
}

/**
 * "Ik ga" from the notification, with the device session's cookie: the CSRF token comes from
 * GET /api/me, then POST /api/requests/{id}/acknowledge with `via: notification`. 'ok', or what
 * to tell the nurse instead.
 */
export async function acknowledgeInBackground(requestId: string): Promise<'ok' | { title: string; body: string }> {
  try {
    const me = await fetch('/api/me', { credentials: 'same-origin' });
    if (me.status === 401) return { title: 'Niet aangenomen', body: 'U bent niet meer ingelogd op deze telefoon. Open Wijkwacht en log opnieuw in.' };
    const { csrfToken } = (await me.json()) as { csrfToken?: string };
    const res = await fetch(`/api/requests/${encodeURIComponent(requestId)}/acknowledge`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken ?? '' },
      body: JSON.stringify({ via: 'notification' }),
    });
    if (res.ok) return 'ok';
    const problem = (await res.json().catch(() => ({}))) as { code?: string };
    if (problem.code === 'already-acknowledged') return { title: 'Al aangenomen', body: 'Een collega gaat al. U hoeft niets te doen.' };
    if (problem.code === 'request-closed') return { title: 'Oproep gesloten', body: 'Deze oproep is afgerond of ingetrokken.' };
    return { title: 'Niet aangenomen', body: 'Dat lukte niet. Open Wijkwacht en tik daar op "Ik ga".' };
  } catch {
    return { title: 'Geen verbinding', body: 'Niet aangenomen: er is geen verbinding. Open Wijkwacht en tik op "Ik ga" zodra u verbinding heeft.' };
  }
}
