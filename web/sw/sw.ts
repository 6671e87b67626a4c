/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { acknowledgeInBackground, notificationOf, type PagePush, SHIFTS_CACHE, SHIFTS_KEY, shiftsWithin, SIGN_OUT_MESSAGE } from './notify';

/**
 * Wijkwacht's service worker (built by vite-plugin-pwa with Workbox, injectManifest):
 * - keeps the app shell (the built files) for opening without network;
 * - keeps the signed-in nurse's own shifts of the next 14 days (the last answer of
 *   GET /api/me/shifts, cut to 14 days), and no other API answer; signing out clears it;
 * - shows a pushed page as a notification that stays until answered, with "Ik ga" (acknowledges
 *   in the background with the device session) and "Bekijk" (opens the page).
 */
declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every page address of the app opens the kept shell; the service's own paths never do.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/(api|auth|docs|docs-json|health|p)(\/|$)/] }));

// The nurse's own shifts: from the network first; without it, the last answer, cut to the next 14 days.
registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && url.pathname === '/api/me/shifts',
  new NetworkFirst({
    cacheName: SHIFTS_CACHE,
    networkTimeoutSeconds: 8,
    plugins: [
      {
        // One entry, whatever the query: the shifts of the next 14 days.
        cacheKeyWillBeUsed: async () => SHIFTS_KEY,
        cacheWillUpdate: async ({ response }) => {
          if (response.status !== 200) return null;
          const shifts = (await response.clone().json()) as Array<{ start: string; end: string }>;
          return new Response(JSON.stringify(shiftsWithin(shifts, Date.now(), 14)), {
            status: 200,
            headers: { 'content-type': 'application/json', 'x-wijkwacht-kept-at': new Date().toISOString() },
          });
        },
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (!cachedResponse) return null;
          const shifts = (await cachedResponse.json()) as Array<{ start: string; end: string }>;
          return new Response(JSON.stringify(shiftsWithin(shifts, Date.now(), 14)), { status: 200, headers: cachedResponse.headers });
        },
      },
    ],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === SIGN_OUT_MESSAGE) event.waitUntil(caches.delete(SHIFTS_CACHE));
});

self.addEventListener('push', (event) => {
  let page: PagePush | null;
  try {
    page = event.data?.json() as PagePush;
  } catch {
    page = null;
  }
  if (!page || page.type !== 'page') return;
  const { title, options } = notificationOf(page);
  event.waitUntil(self.registration.showNotification(title, options));
});

/** A notification's answer: "Ik ga" acknowledges in the background; "Bekijk" (or the notification itself) opens the page. */
async function answerNotification(notification: Notification, action: string): Promise<void> {
  const { requestId } = notification.data as { requestId: string };
  if (action === 'ik-ga') {
    const outcome = await acknowledgeInBackground(requestId);
    notification.close();
    if (outcome !== 'ok') {
      await self.registration.showNotification(outcome.title, {
        body: outcome.body,
        tag: `answer-${requestId}`,
        icon: '/icons/icon-192.png',
        data: { requestId },
      });
    }
    return;
  }
  notification.close();
  const target = `/oproepen?verzoek=${encodeURIComponent(requestId)}`;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    await open.navigate(target).catch(() => undefined);
  } else {
    await self.clients.openWindow(target);
  }
}

self.addEventListener('notificationclick', (event) => {
  const work = answerNotification(event.notification, event.action);
  // A click made by a browser is trusted and waits for the work; the tests dispatch one by script.
  try {
    event.waitUntil(work);
  } catch {
    void work;
  }
});
