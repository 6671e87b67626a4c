/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalIdp, type LocalIdp } from '../../src/demo/local-idp.js';
import { DEMO_EMAILS, type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, startService, newContext, pageErrors, screenshot, seriousAccessibilityFindings, waitText, watchPage } from './support.js';

/**
 * People sign in to the board in Chromium: each role through the (local) identity provider with
 * a click, and a nurse on a phone-sized screen through a one-time link. The production build,
 * the real OpenID Provider on a loopback port; nothing leaves the machine.
 */
let service: Awaited<ReturnType<typeof startService>>;
let idp: LocalIdp;
let seed: DemoSeed;
let browser: Browser;

const PEOPLE = [
  { id: 'coordinator', email: DEMO_EMAILS.coordinator, name: 'Coördinator Amsterdam', label: 'coördinator', shown: 'Coördinator Amsterdam · coördinator' },
  { id: 'insurer', email: DEMO_EMAILS.insurer, name: 'Inkoop', label: 'zorgverzekeraar', shown: 'Inkoop Zorgverzekeraar Amstel · zorgverzekeraar' },
  { id: 'nurse', email: DEMO_EMAILS.nurse, name: 'Verpleegkundige', label: 'verpleegkundige', shown: '· verpleegkundige' },
  { id: 'admin', email: DEMO_EMAILS.admin, name: 'Beheerder', label: 'beheerder', shown: 'Beheerder · beheerder' },
  { id: 'stranger', email: 'onbekend@wijkwacht-demo.example', name: 'Onbekend', label: 'onbekende', shown: '' },
];

beforeAll(async () => {
  // The redirect URI registered at the provider names the service's port.
  service = await startService(async (base) => {
    idp = await startLocalIdp({ accounts: PEOPLE, redirectUris: [`${base}/auth/callback/demo`] });
    return { PUBLIC_URL: base, OIDC_PROVIDERS: 'demo', ...idp.env('demo', 'Demo-organisatie'), OIDC_DEMO_EMAIL_DOMAINS: 'wijkwacht-demo.example' };
  });
  seed = await seedDemo(service.base, ADMIN_TOKEN);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await idp?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

async function throughProvider(context: BrowserContext, label: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/');
  await page.getByRole('link', { name: 'Inloggen met Demo-organisatie' }).click();
  await page.getByRole('button', { name: `Inloggen als ${label}` }).click();
  return page;
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'wijkwacht_session');
}

test('the sign-in page offers the organisation account first and keeps the API key behind "Inloggen met API-sleutel"; it is accessible', async () => {
  const context = await newContext(browser, service.base);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Inloggen met Demo-organisatie' }).waitFor();
  await expect(page.getByLabel('Token').isVisible()).resolves.toBe(false);
  await page.getByText('Inloggen met API-sleutel').click();
  await page.getByLabel('Token').waitFor();
  expect(await seriousAccessibilityFindings(page)).toEqual([]);
  await screenshot(page, 'sign-in-people');
  await context.close();
});

for (const person of PEOPLE.filter((p) => p.id !== 'stranger')) {
  test(`the ${person.id} signs in through the identity provider with one click, then signs out there too`, async () => {
    const context = await newContext(browser, service.base);
    const page = await throughProvider(context, person.label);
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
    await waitText(page.locator('.who'), new RegExp(person.shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Nothing of the session is readable by the page's scripts, nor kept in its storage.
    await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('wijkwacht_session');
    await expect(page.evaluate(() => sessionStorage.getItem('wijkwacht.token'))).resolves.toBeNull();
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    // "Uitloggen" ends the session here and sends the browser to the provider, which signs the
    // person out there too (RP-initiated logout) and sends it back.
    await page.waitForURL((url) => url.origin === idp.issuer && url.pathname === '/session/end' && url.searchParams.has('id_token_hint'));
    const after = await fetch(`${service.base}/api/me`, { headers: { cookie: `wijkwacht_session=${cookie!.value}` } });
    expect(after.status).toBe(401);
    if (person.id === 'coordinator') await screenshot(page, 'sign-out-at-provider');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('link', { name: 'Inloggen met Demo-organisatie' }).waitFor();
    expect(new URL(page.url()).origin).toBe(service.base);
    // The next person at this computer is asked who they are, not signed straight back in.
    await page.getByRole('link', { name: 'Inloggen met Demo-organisatie' }).click();
    await page.getByRole('button', { name: `Inloggen als ${person.label}` }).waitFor();
    await context.close();
  });
}

test('without signing out, the provider remembers the person: a second sign-in in that browser goes straight through', async () => {
  const context = await newContext(browser, service.base);
  const page = await throughProvider(context, 'coördinator');
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  // The Wijkwacht session alone ends (as when it expires): the provider's does not.
  await context.clearCookies({ name: 'wijkwacht_session' });
  await page.goto('/');
  await page.getByRole('link', { name: 'Inloggen met Demo-organisatie' }).click();
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await waitText(page.locator('.who'), /Coördinator Amsterdam/);
  await context.close();
});

test('a person the service does not know sees whom to ask', async () => {
  const context = await newContext(browser, service.base);
  const page = await throughProvider(context, 'onbekende');
  await page.getByRole('heading', { name: 'U heeft nog geen toegang tot Wijkwacht' }).waitFor();
  await expect(page.getByText('coördinator van uw regio').count()).resolves.toBe(1);
  expect(await sessionCookie(context)).toBeUndefined();
  await context.close();
});

test('a nurse opens a one-time link on a phone, stays signed in, and a state-changing click works with the CSRF token', async () => {
  const nurseUser = (await service.call('GET', '/api/users')).body.find((u: { email?: string }) => u.email === DEMO_EMAILS.nurse);
  const { url } = await service.must('POST', `/api/users/${nurseUser.id}/sign-in-links`);
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await waitText(page.locator('.who'), new RegExp(seed.nurseName));
  const cookie = await sessionCookie(context);
  expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(89 * 86_400);
  // A reload (a new visit on the phone) is still signed in.
  await page.reload();
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Agenda op telefoon' }).click();
  // POST /api/me/calendar/rotate from the board: the CSRF token travels, the old feed stops.
  const feedBefore = await page.locator('#feed-url').inputValue();
  await page.getByRole('button', { name: /^Nieuwe link maken/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja, nieuwe link maken' }).click();
  await page.getByText('Nieuwe link gemaakt; de oude werkt niet meer.').waitFor();
  await page.waitForFunction((before) => (document.getElementById('feed-url') as HTMLInputElement | null)?.value !== before, feedBefore);
  expect((await fetch(feedBefore)).status).toBe(404);
  await screenshot(page, 'nurse-phone-signed-in');
  // The link worked once.
  const again = await fetch(url, { redirect: 'manual' });
  expect(again.status).toBe(410);
  await context.close();
});

/** A coordinator's shared link: acute screening, February 2027. */
const SHARED = '/rooster?regio=AMS&functie=acute-screening&maand=2027-02';

/** The roster board shows that link's screen: its function and month. */
async function showsSharedLink(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await waitText(page.locator('.fc-toolbar-title'), 'februari 2027');
  await expect(page.getByLabel('Functie').inputValue()).resolves.toBe('acute-screening');
  const url = new URL(page.url());
  expect(url.pathname + url.search).toBe(SHARED);
}

test('a shared link survives signing in through the identity provider: the round trip comes back to it', async () => {
  const context = await newContext(browser, service.base);
  const page = watchPage(await context.newPage());
  await page.goto(SHARED);
  const button = page.getByRole('link', { name: 'Inloggen met Demo-organisatie' });
  await expect(button.getAttribute('href')).resolves.toBe(`/auth/login/demo?returnTo=${encodeURIComponent(SHARED)}`);
  await button.click();
  await page.getByRole('button', { name: 'Inloggen als coördinator' }).click();
  await showsSharedLink(page);
  await context.close();
});

test("a shared link survives a phone's one-time sign-in link, opened in another tab; an old one is not followed", async () => {
  const nurseUser = (await service.call('GET', '/api/users')).body.find((u: { email?: string }) => u.email === DEMO_EMAILS.nurse);
  const context = await newContext(browser, service.base, { mobile: true });
  const shared = watchPage(await context.newPage());
  await shared.goto('/agenda');
  await shared.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
  // The coordinator's link, scanned as a QR code: a new tab, which the service sends to /.
  const { url } = await service.must('POST', `/api/users/${nurseUser.id}/sign-in-links`);
  const phone = watchPage(await context.newPage());
  await phone.goto(url);
  await phone.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await phone.getByRole('heading', { name: 'Uw diensten in uw agenda-app' }).waitFor();
  expect(new URL(phone.url()).pathname).toBe('/agenda');
  // Taken once: the next visit to / stays there.
  await phone.goto('/');
  await phone.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  expect(new URL(phone.url()).pathname).toBe('/');
  // A page remembered longer ago than a link lives (15 minutes) is not followed.
  await phone.evaluate(() => localStorage.setItem('wijkwacht.returnTo', JSON.stringify({ path: '/agenda', at: Date.now() - 16 * 60_000 })));
  await phone.reload();
  await phone.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  expect(new URL(phone.url()).pathname).toBe('/');
  await context.close();
});

test('a shared link survives signing in with a token: the board opens on it', async () => {
  const context = await newContext(browser, service.base);
  const page = watchPage(await context.newPage());
  await page.goto(SHARED);
  await page.getByText('Inloggen met API-sleutel').click();
  await page.getByLabel('Token').fill(seed.tokens.coordinator);
  await page.getByLabel('Token').press('Enter');
  await showsSharedLink(page);
  await context.close();
});
