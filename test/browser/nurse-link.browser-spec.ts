/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, startService, newContext, pageErrors, screenshot, seriousAccessibilityFindings, signIn, waitText } from './support.js';

/**
 * "Telefoon koppelen" on the coordinator's board: a one-time link for the demo nurse's phone, shown
 * as a link and a QR code; a phone opens it and is signed in as that nurse. The production build
 * on a loopback port; nothing leaves the machine.
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

async function openTab(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('button', { name: new RegExp(`^${name}( \\d+)?$`) })
    .click();
}

test('a coordinator makes a sign-in link for a nurse, shown as a QR code and a link; a phone opens it and is signed in; accessible', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Afwezigheid');
  await page.getByLabel('Verpleegkundige').selectOption({ label: seed.nurseName });
  await page.getByRole('heading', { name: 'Telefoon koppelen' }).waitFor();
  await page.getByRole('button', { name: 'Inloglink voor telefoon' }).click();
  const qr = page.getByRole('img', { name: `QR-code met de inloglink voor ${seed.nurseName}` });
  await qr.waitFor();
  await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
  const link = page.locator('.phone-link a');
  await waitText(link, /\/auth\/link\/[A-Za-z0-9_-]{43}$/);
  await waitText(page.locator('.phone-link'), /Geldig tot \d\d:\d\d, één keer te gebruiken/);
  expect(await seriousAccessibilityFindings(page)).toEqual([]);
  await screenshot(page, 'coordinator-phone-link');
  const url = (await link.getAttribute('href')) as string;
  await context.close();

  const phone = await newContext(browser, service.base, { mobile: true });
  const phonePage = await phone.newPage();
  phonePage.on('pageerror', (e) => pageErrors.push(e.message));
  await phonePage.goto(url);
  await phonePage.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await waitText(phonePage.locator('.who'), new RegExp(seed.nurseName));
  expect(await seriousAccessibilityFindings(phonePage)).toEqual([]);
  await phone.close();
});
