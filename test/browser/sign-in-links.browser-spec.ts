/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_EMAILS, type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, startService, newContext, pageErrors, screenshot, seriousAccessibilityFindings, waitText } from './support.js';

/**
 * "Mijn sessies" on a nurse's phone: two phones signed in through one-time links, the list shows
 * both with this one marked, the other is ended from here, then this one signs itself out. The
 * production build on a loopback port; nothing leaves the machine.
 */
let service: Awaited<ReturnType<typeof startService>>;
let seed: DemoSeed;
let browser: Browser;

beforeAll(async () => {
  // The links name PUBLIC_URL, so it is the origin the browser opens (and keeps the cookie for).
  service = await startService((base) => ({ PUBLIC_URL: base }));
  seed = await seedDemo(service.base, ADMIN_TOKEN);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

/** A phone-sized context signed in as the demo nurse through a fresh one-time link. */
async function phoneWithLink(): Promise<{ context: BrowserContext; page: Page }> {
  const nurseUser = (await service.call('GET', '/api/users')).body.find((u: { email?: string }) => u.email === DEMO_EMAILS.nurse);
  const { url } = await service.must('POST', `/api/users/${nurseUser.id}/sign-in-links`);
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await waitText(page.locator('.who'), new RegExp(seed.nurseName));
  return { context, page };
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('a nurse lists the sessions of her phones, ends another one, then signs out on this one; accessible, no sideways scroll at 390 px', async () => {
  const other = await phoneWithLink();
  const { context, page } = await phoneWithLink();

  await page.getByRole('link', { name: 'Mijn sessies' }).click();
  await page.getByRole('heading', { name: 'Mijn sessies' }).waitFor();
  const list = page.getByRole('list', { name: 'Sessies, nieuwste eerst' });
  await list.getByRole('listitem').nth(1).waitFor();
  await expect(list.getByRole('listitem').count()).resolves.toBe(2);
  // Newest first: this phone's session, marked, with the device kind and its times.
  const current = list.getByRole('listitem').first();
  await waitText(current.locator('.session-name'), /\(dit toestel\)/);
  await expect(current.getByText('Toestel (inloglink)').count()).resolves.toBe(1);
  await expect(current.getByRole('button', { name: 'Uitloggen op dit toestel' }).count()).resolves.toBe(1);
  await expect(list.getByRole('button', { name: 'Sessie beëindigen' }).count()).resolves.toBe(1);
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  expect(await seriousAccessibilityFindings(page)).toEqual([]);
  await screenshot(page, 'nurse-phone-sessions');

  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'My sessions' }).waitFor();
  await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  await page.getByRole('heading', { name: 'Mijn sessies' }).waitFor();

  // End the other phone's session (DELETE with the CSRF token): it is gone, the other phone is signed out.
  await list.getByRole('button', { name: 'Sessie beëindigen' }).click();
  await page.getByText('Sessie beëindigd.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.session-list .session').length === 1);
  await other.page.reload();
  await other.page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
  await other.context.close();

  // Signing out on this phone ends its session: back at the sign-in page, and a reload stays there.
  await current.getByRole('button', { name: 'Uitloggen op dit toestel' }).click();
  await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
  await expect(page.getByRole('button', { name: 'Uitloggen', exact: true }).count()).resolves.toBe(0);
  await context.close();
});
