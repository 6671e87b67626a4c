import { signal } from '@preact/signals';
import { answer, api, bearer, storedToken } from './api';

/**
 * What the app does for a phone: the service worker (the installable app, its kept shifts and its
 * notifications), Web Push ("Meldingen aanzetten"), and the one live event stream of a signed-in
 * nurse or coordinator that every view listens to.
 */

/** The cache the service worker keeps the nurse's shifts in (web/sw/notify.ts has the same name). */
const SHIFTS_CACHE = 'wijkwacht-shifts';
const SHIFTS_KEY = '/api/me/shifts?kept=14-days';
const SIGN_OUT_MESSAGE = 'wijkwacht:sign-out';
/** This browser was signed in as a nurse on a device session: the sign-in page then offers a new link by SMS. */
const PHONE_NURSE_KEY = 'wijkwacht.phone-nurse';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

/** Signing out: the kept shifts go, here and in the service worker. */
export async function forgetKept(): Promise<void> {
  navigator.serviceWorker?.controller?.postMessage({ type: SIGN_OUT_MESSAGE });
  await globalThis.caches?.delete(SHIFTS_CACHE).catch(() => false);
}

/** The shifts the service worker kept (the next 14 days), for reading without network; null when none. */
export async function keptShifts(): Promise<Array<{ id: string; start: string; end: string; regionCode: string; function: string }> | null> {
  const cache = await globalThis.caches?.open(SHIFTS_CACHE).catch(() => undefined);
  const kept = await cache?.match(SHIFTS_KEY);
  return kept ? ((await kept.json()) as Array<{ id: string; start: string; end: string; regionCode: string; function: string }>) : null;
}

export function rememberPhoneNurse(on: boolean): void {
  if (on) localStorage.setItem(PHONE_NURSE_KEY, '1');
}
export function wasPhoneNurse(): boolean {
  return localStorage.getItem(PHONE_NURSE_KEY) === '1';
}

// ---- Web Push -------------------------------------------------------------------------------

export type PushState =
  | 'unsupported' // no service worker or push in this browser (on an iPhone: not added to the home screen)
  | 'off' // the service has no VAPID keys
  | 'ask' // permission not asked yet
  | 'denied' // the person (or the browser) said no
  | 'on' // subscribed here
  | 'failed'; // asked, allowed, but subscribing failed

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Where this browser stands, without asking anything (whether the service has push is asked at the tap). */
export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  if (Notification.permission === 'default') return 'ask';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  return subscription ? 'on' : 'ask';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * "Meldingen aanzetten": asked only after the person taps the button (browsers refuse a prompt
 * without one, and a prompt on load is what people learn to refuse). Subscribes this browser and
 * stores the subscription with the service.
 */
export async function turnOnPush(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  // A service without VAPID keys has no push: then nothing is asked of the person.
  const key = await api.GET('/api/push/key');
  if (key.response.status === 404 || !key.data) return key.response.status === 404 ? 'off' : 'failed';
  const publicKey = key.data.publicKey;
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'ask';
  try {
    const registration = await navigator.serviceWorker.ready;
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
    const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
    await answer(api.POST('/api/me/push-subscriptions', { body: { endpoint: json.endpoint, keys: json.keys } }));
    return 'on';
  } catch {
    return 'failed';
  }
}

/** "Meldingen uitzetten" on this browser: unsubscribed here; the service removes it at the push service's next 410, or now by id. */
export async function turnOffPush(): Promise<PushState> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
  const mine = await answer(api.GET('/api/me/push-subscriptions')).catch(() => []);
  for (const s of mine.filter((x) => x.current)) await api.DELETE('/api/me/push-subscriptions/{id}', { params: { path: { id: s.id } } });
  return 'ask';
}

// ---- the live event stream --------------------------------------------------------------------

/** Counts the `page` events heard: views reload what they show when it changes. */
export const pageEvents = signal(0);
/** Counts the `request` events (a request of the coordinator's regions changed). */
export const requestEvents = signal(0);
/** Whether the stream is open now. */
export const streamOpen = signal(false);

let streaming: AbortController | null = null;

/**
 * Opens GET /api/me/pages/stream for the signed-in nurse or coordinator, once for the whole app
 * (with the bearer token in the header where there is one: EventSource cannot send it), and
 * reconnects after a pause when it ends. Each event bumps a signal that every view may follow.
 */
export function startLiveStream(): () => void {
  streaming?.abort();
  const stop = new AbortController();
  streaming = stop;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // The caller's access ended (the stream said so, or answers 401): no reconnecting. The screen
  // stays as it is; the next action meets the 401 and keeps what was being done (api.ts).
  let accessEnded = false;
  let openedBefore = false;
  const open = async () => {
    const token = storedToken();
    try {
      const res = await fetch('/api/me/pages/stream', { headers: token ? bearer(token) : {}, credentials: 'same-origin', signal: stop.signal });
      if (res.status === 401 || res.status === 403) accessEnded = true;
      if (!res.ok || !res.body) throw new Error(String(res.status));
      streamOpen.value = true;
      // Open again after a drop: whatever happened meanwhile is fetched again (the first time, the views have just loaded).
      if (openedBefore) {
        requestEvents.value++;
        pageEvents.value++;
      }
      openedBefore = true;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: page$/m.test(event)) pageEvents.value++;
          if (/^event: request$/m.test(event)) requestEvents.value++;
          if (/^event: end$/m.test(event)) accessEnded = true;
        }
      }
    } catch {
      // stopped, or the connection failed: try again below
    }
    streamOpen.value = false;
    if (!stop.signal.aborted && !accessEnded) retry = setTimeout(() => void open(), 5_000);
  };
  void open();
  return () => {
    stop.abort();
    clearTimeout(retry);
    if (streaming === stop) streaming = null;
    streamOpen.value = false;
  };
}
