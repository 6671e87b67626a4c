/// <reference lib="dom" />
/// <reference lib="webworker" />
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import webpush from 'web-push';
import { ARTIFACTS, expectAccessible, launchBrowser, newContext, pageErrors, screenshot, signIn, startService, waitText, watchPage } from './support.js';

/**
 * Reaching the phone, in Chromium against the production build: a nurse on "Mijn diensten" sees
 * the banner within a second of a page; the service worker receives a push (delivered through the
 * DevTools protocol's ServiceWorker.deliverPushMessage) and shows a notification that stays, with
 * "Ik ga" and "Bekijk", and its "Ik ga" acknowledges in the background with the device session; a
 * coordinator acts on an escalated request from the home (who is on duty with phones to tap,
 * paging by hand, "Ik regel het"); without network the phone shows the kept shifts of 14 days.
 */
const vapid = webpush.generateVAPIDKeys();
let service: Awaited<ReturnType<typeof startService>>;
let browser: Browser;
let nurse: { id: string; userId: string; token: string };
let colleague: { id: string };
let partnerToken: string;
let coordinator: { id: string; token: string };

/** Today in Amsterdam. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

async function must<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await service.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

beforeAll(async () => {
  service = await startService((base) => ({
    PUBLIC_URL: base,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:beheer@wijkwacht.example.nl',
  }));
  browser = await launchBrowser();
  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Zorgverzekeraar Amstel' });
  await must('POST', '/api/providers', { agb: '75010001', name: 'Thuiszorg Amstel' });
  // A region with a nurse on call all day today, whatever the time of day, and one with nobody on duty.
  for (const [code, name] of [
    ['TEL', 'Telefoonregio'],
    ['ESC', 'Escalatieregio'],
  ]) {
    await must('POST', '/api/regions', { code, name, population: 1000, preferredInsurerUzovi: '3311' });
    await must('PATCH', `/api/regions/${code}`, { coordinatorPhone: '020 123 4567' });
  }
  const contract = await must<{ id: string }>('POST', '/api/contracts', {
    regionCode: 'TEL',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: today(),
    sla: { ackMinutes: 30 },
  });
  await must('POST', `/api/contracts/${contract.id}/templates`, {
    name: 'Bereikbaar',
    rrule: 'FREQ=DAILY;COUNT=2',
    startTime: '00:00',
    endTime: '00:00',
    dutyType: 'on-call',
  });
  await must('POST', '/api/contracts', {
    regionCode: 'ESC',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: today(),
    sla: { ackMinutes: 30 },
  });
  const anna = await must<{ id: string }>('POST', '/api/nurses', {
    name: 'Anna Telefoon',
    employerAgb: '75010001',
    qualifications: ['district-nurse'],
    phone: '06 12345678',
  });
  colleague = await must<{ id: string }>('POST', '/api/nurses', {
    name: 'Bram Collega',
    employerAgb: '75010001',
    qualifications: ['district-nurse'],
    phone: '06 87654321',
  });
  const slots = await must<Array<{ id: string; localDate: string }>>('GET', `/api/slots?regionCode=TEL&from=${today()}&to=${today()}`);
  await must('POST', `/api/slots/${slots[0].id}/assignments`, { nurseId: anna.id });
  // Day duties every fourth day from tomorrow for a month: some within the next 14 days, some after.
  const tomorrow = new Date(Date.parse(`${today()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const coordination = await must<{ id: string }>('POST', '/api/contracts', {
    regionCode: 'TEL',
    insurerUzovi: '3311',
    function: 'care-coordination',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: tomorrow,
  });
  await must('POST', `/api/contracts/${coordination.id}/templates`, {
    name: 'Overleg',
    rrule: 'FREQ=DAILY;INTERVAL=4;COUNT=8',
    startTime: '09:00',
    endTime: '10:00',
  });
  const later = new Date(Date.parse(`${today()}T12:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10);
  for (const slot of await must<Array<{ id: string; function: string }>>(
    'GET',
    `/api/slots?regionCode=TEL&function=care-coordination&from=${tomorrow}&to=${later}`,
  )) {
    await must('POST', `/api/slots/${slot.id}/assignments`, { nurseId: anna.id });
  }
  const user = await must<{ id: string; token: string }>('POST', '/api/users', { name: 'Anna Telefoon', role: 'nurse', nurseId: anna.id });
  nurse = { id: anna.id, userId: user.id, token: user.token };
  partnerToken = (await must<{ token: string }>('POST', '/api/users', { name: 'Huisartsenpost', role: 'partner', regionCodes: ['TEL', 'ESC'] })).token;
  coordinator = await must<{ id: string; token: string }>('POST', '/api/users', {
    name: 'Coördinator Escalatieregio',
    role: 'coordinator',
    regionCodes: ['ESC'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

async function raise(
  regionCode: string,
  reference: string,
): Promise<{ id: string; status: string; pages: Array<{ id: string; step: number; nurseId: string | null }> }> {
  return must(
    'POST',
    '/api/requests',
    { regionCode, function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: reference, callbackPhone: '+31205551234' },
    partnerToken,
  );
}

async function closeOpen(): Promise<void> {
  for (const r of await must<Array<{ id: string; status: string }>>('GET', '/api/requests')) {
    if (r.status !== 'resolved' && r.status !== 'cancelled') await must('POST', `/api/requests/${r.id}/cancel`);
  }
}

/** The device context of a phone, signed in with a one-time link (a device session, as a nurse's phone is). */
async function phoneSignedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const base = service.base;
  const context = await newContext(browser, base, { mobile: true });
  await context.grantPermissions(['notifications'], { origin: base });
  const page = watchPage(await context.newPage());
  const { url } = await must<{ url: string }>('POST', `/api/users/${nurse.userId}/sign-in-links`);
  await page.goto(url);
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  return { context, page };
}

async function waitUntil<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  let last: T | undefined;
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    last = await probe();
    if (ok(last)) return last;
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

test('a nurse on "Mijn diensten" sees the banner within 1 s of a page, with the count in the title', async () => {
  await closeOpen();
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, nurse.token);
  await page.getByRole('heading', { name: 'Anna Telefoon' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  // The live stream is open before the page is sent.
  await page.waitForTimeout(500);
  const sent = Date.now();
  const request = await raise('TEL', 'HAP-TEL-0001');
  expect(request.pages.map((p) => p.nurseId)).toEqual([nurse.id]);
  const banner = page.locator('section.page-alert');
  await banner.waitFor({ timeout: 5_000 });
  const shownAfterMs = Date.now() - sent;
  writeFileSync(join(ARTIFACTS, 'phone-timings.json'), `${JSON.stringify({ bannerAfterPageMs: shownAfterMs }, null, 2)}\n`);
  expect(shownAfterMs).toBeLessThan(1_000);
  expect(await banner.textContent()).toMatch(/^⚠ Acute oproepAcute beoordeling thuis · postcode 1012 · directIk gaBekijk$/);
  expect(await page.title()).toBe('(1) Wijkwacht');
  await expectAccessible(page, 'nurse shifts with the page banner');
  await screenshot(page, 'phone-01-banner');
  mkdirSync(join(process.cwd(), 'docs', 'screenshots'), { recursive: true });
  copyFileSync(join(ARTIFACTS, 'phone-01-banner.png'), join(process.cwd(), 'docs', 'screenshots', 'nurse-page-banner.png'));
  // "Ik ga" in the banner answers it: the banner goes, the title too.
  await banner.getByRole('button', { name: 'Ik ga' }).click();
  await banner.waitFor({ state: 'detached' });
  expect(await page.title()).toBe('Wijkwacht');
  expect((await must(`GET`, `/api/requests/${request.id}`)).acknowledgedVia).toBe('app');
  await context.close();
}, 60_000);

test('the service worker shows a pushed page as a notification with "Ik ga" and "Bekijk"; "Ik ga" acknowledges in the background', async () => {
  await closeOpen();
  const { context, page } = await phoneSignedIn();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const cdp = await context.newCDPSession(page);
  const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string }> }) =>
    registrations.push(...e.registrations),
  );
  await cdp.send('ServiceWorker.enable');
  const registration = await waitUntil(
    'a service worker registration',
    async () => registrations.find((r) => r.scopeURL.endsWith('/')),
    (r) => r !== undefined,
  );

  const request = await raise('TEL', 'HAP-TEL-0002');
  // What the service pushes for the page (as api.md fixes it), delivered the way a push service would.
  const push = {
    type: 'page',
    requestId: request.id,
    pageId: request.pages[0].id,
    function: 'acute-screening',
    urgency: 'immediate',
    postcode: '1012',
    step: 1,
  };
  const origin = new URL(page.url()).origin;
  const shown = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        requireInteraction: n.requireInteraction,
        actions: (n as Notification & { actions: Array<{ action: string; title: string }> }).actions.map((a) => `${a.action}:${a.title}`),
        data: n.data as { requestId: string },
      })),
    );
  // A push delivered while the worker is still starting can be lost: delivered again until it shows
  // (the notification's tag is the request's, so a repeat replaces it rather than adding one).
  let notifications: Awaited<ReturnType<typeof shown>> = [];
  for (let attempt = 0; attempt < 5 && notifications.length === 0; attempt++) {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: registration!.registrationId, data: JSON.stringify(push) });
    notifications = await waitUntil('the notification', shown, (list) => list.length > 0, 2_000).catch(() => []);
  }
  expect(notifications).toEqual([
    {
      title: 'Acute oproep',
      body: 'Acute beoordeling thuis · postcode 1012 · direct',
      requireInteraction: true,
      actions: ['ik-ga:Ik ga', 'bekijk:Bekijk'],
      data: { requestId: request.id, pageId: request.pages[0].id },
    },
  ]);
  // No callback phone and no partner reference in what the phone shows on its lock screen.
  expect(JSON.stringify(notifications)).not.toMatch(/HAP-TEL|5551234/);

  // The nurse presses "Ik ga" on the notification: the service worker acknowledges with the device session.
  await worker.evaluate(async () => {
    const scope = self as unknown as ServiceWorkerGlobalScope;
    const [notification] = await scope.registration.getNotifications();
    scope.dispatchEvent(new NotificationEvent('notificationclick', { notification, action: 'ik-ga' }));
  });
  const acknowledged = await waitUntil(
    'the acknowledgement',
    () => must<{ status: string; acknowledgedVia: string | null; acknowledgedBy: { nurseId: string } | null }>('GET', `/api/requests/${request.id}`),
    (r) => r.status === 'acknowledged',
  );
  expect(acknowledged).toMatchObject({ acknowledgedVia: 'notification', acknowledgedBy: { nurseId: nurse.id } });
  await waitUntil(
    'the notification closed',
    () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length),
    (n) => n === 0,
  );
  await context.close();
}, 90_000);

test('signing out clears the kept shifts; without network the phone shows its shifts of the next 14 days', async () => {
  const { context, page } = await phoneSignedIn();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Controlled by the service worker from the next load on: the shifts list then passes through it.
  await page.reload();
  await page.getByRole('heading', { name: 'Anna Telefoon' }).waitFor();
  const kept = await waitUntil(
    'the kept shifts',
    () =>
      page.evaluate(
        async () =>
          (await (await caches.open('wijkwacht-shifts')).match('/api/me/shifts?kept=14-days'))?.json() as Promise<Array<{ start: string }>> | undefined,
      ),
    (list) => Array.isArray(list) && list.length > 0,
  );
  // Of all her duties of the coming weeks, exactly those that have not ended and start within 14 days.
  const now = Date.now();
  const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const all = await must<Array<{ start: string; end: string }>>('GET', `/api/me/shifts?from=${today()}&to=${until}`, undefined, nurse.token);
  const within = all.filter((x) => Date.parse(x.end) > now && Date.parse(x.start) < now + 14 * 86_400_000);
  expect(all.length).toBeGreaterThan(within.length);
  expect(kept!.map((x) => x.start)).toEqual(within.map((x) => x.start));
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Geen verbinding' }).waitFor();
  await waitUntil(
    'the kept shifts on screen',
    () => page.locator('ul.shift-list li').count(),
    (n) => n === within.length,
  );
  await screenshot(page, 'phone-02-offline');
  await context.setOffline(false);
  await page.reload();
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  expect(await page.evaluate(async () => (await caches.keys()).includes('wijkwacht-shifts'))).toBe(false);
  // The phone was a nurse's: the sign-in page offers a new link by SMS, open.
  await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).waitFor();
  await context.close();
}, 90_000);

test('a coordinator acts on an escalated request from the home: who was paged, who is on duty with phones, page by hand, "Ik regel het"', async () => {
  await closeOpen();
  // Nobody is on duty in ESC: the request escalates at once to its coordinator.
  const request = await raise('ESC', 'HAP-ESC-0001');
  expect(request.status).toBe('escalated');
  const context = await newContext(browser, service.base);
  const page = await signIn(context, coordinator.token);
  const item = page.locator(`section.acute-requests li[data-request-id="${request.id}"]`);
  await waitText(
    item.locator('summary'),
    /^⚠ GeëscaleerdAcute beoordeling thuisdirectpostcode 1012kenmerk HAP-ESC-0001(zojuist|\d+ min geleden)stap 3: coördinatoren$/,
  );
  const panel = item.locator('.request-panel');
  await panel.waitFor();
  await waitText(panel, /stap 3 \d\d:\d\d · Coördinator Escalatieregio/);
  await waitText(panel, /Acute beoordeling thuis: niemand ingeroosterd/);
  expect(await panel.getByRole('link', { name: '020 123 4567' }).getAttribute('href')).toBe('tel:+31201234567');
  expect(await panel.getByRole('link', { name: '020 555 1234' }).getAttribute('href')).toBe('tel:+31205551234');
  // An escalated request looks different from one on its way: red, with a sign.
  const escalatedBorder = await item.evaluate((el) => getComputedStyle(el).borderLeftColor);
  expect(escalatedBorder).toBe('rgb(180, 35, 24)');
  // The coordinator is paged itself: the banner is on the home too.
  await page.locator('section.page-alert').waitFor();
  await expectAccessible(page, 'coordinator home with an escalated request');
  await screenshot(page, 'phone-03-escalation-panel');
  copyFileSync(join(ARTIFACTS, 'phone-03-escalation-panel.png'), join(process.cwd(), 'docs', 'screenshots', 'coordinator-escalation.png'));

  // Pages a colleague by hand: the page appears in the panel by itself (the live stream).
  await panel.getByLabel('Oproepen:').selectOption(colleague.id);
  await panel.getByRole('button', { name: 'Oproepen', exact: true }).click();
  await page.getByText('Bram Collega is opgeroepen.').waitFor();
  await waitText(panel, /stap 3 \d\d:\d\d · Bram Collega · handmatig/);

  // And takes it: "Ik regel het".
  await panel.getByRole('button', { name: 'Ik regel het' }).click();
  await waitText(item.locator('summary'), /^Onderweg.*Onderweg: Coördinator Escalatieregio$/, 5_000);
  const after = await must<{ status: string; acknowledgedBy: { nurseId: string | null; userId: string } }>('GET', `/api/requests/${request.id}`);
  expect(after).toMatchObject({ status: 'acknowledged', acknowledgedBy: { nurseId: null, userId: coordinator.id } });
  await page.locator('section.page-alert').waitFor({ state: 'detached' });
  await context.close();
}, 90_000);

test('a coordinator sees a new request appear on the home without a reload (the live stream)', async () => {
  await closeOpen();
  const context = await newContext(browser, service.base);
  const page = await signIn(context, coordinator.token);
  await page.locator('section.acute-requests').getByText('Geen open oproepen.').waitFor();
  await page.waitForTimeout(500);
  const sent = Date.now();
  const request = await raise('ESC', 'HAP-ESC-0002');
  await page.locator(`section.acute-requests li[data-request-id="${request.id}"]`).waitFor({ timeout: 5_000 });
  expect(Date.now() - sent).toBeLessThan(2_000);
  await context.close();
}, 60_000);
