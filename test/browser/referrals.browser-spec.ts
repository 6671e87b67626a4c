/// <reference lib="dom" />
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import {
  ADMIN_TOKEN,
  ARTIFACTS,
  expectAccessible,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  signIn,
  startService,
  waitText,
  expectNoSidewaysScroll,
} from './support.js';

/**
 * The coordination point in Chromium against the production build with the demo data: a referrer
 * files a referral on a phone-sized page; the provider's intake page, open all the while, shows
 * it without a reload; the provider accepts it, and the referrer's list, also without a reload,
 * shows "Geplaatst bij …" with the intake's number. The provider sets a line's places with one
 * tap; the desk (the coordinator's "Verwijspunt") lists what waits there first, offers one by hand
 * and shows the capacity per postcode; the insurer reads the month's figures. The README's
 * screenshots of the desk, the provider's page and the referrer's form come from here.
 */
let service: Awaited<ReturnType<typeof startService>>;
let seed: DemoSeed;
let browser: Browser;

beforeAll(async () => {
  service = await startService();
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

/** The README's screenshot, from this run. */
function keep(name: string, as: string) {
  mkdirSync('docs/screenshots', { recursive: true });
  copyFileSync(join(ARTIFACTS, `${name}.png`), join('docs/screenshots', `${as}.png`));
}

test('a referrer files a referral on a phone; the provider sees it without a reload and accepts it; the referrer reads "Geplaatst bij …"', async () => {
  const providerContext = await newContext(browser, service.base);
  const provider = await signIn(providerContext, seed.referrals.providerToken);
  await provider.getByRole('heading', { name: /^Capaciteit en aanmeldingen/ }).waitFor();
  await provider.getByRole('heading', { name: 'Aangeboden aanmeldingen' }).waitFor();
  await provider.waitForFunction(() => !document.body.textContent?.includes('Laden…'));

  const referrerContext = await newContext(browser, service.base, { mobile: true });
  const referrer = await signIn(referrerContext, seed.referrals.partnerToken);
  await referrer.getByRole('heading', { name: 'Aanmelden', exact: true }).waitFor();
  await referrer.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  await expectNoSidewaysScroll(referrer, 'referrer form at 390 px');
  const form = referrer.getByRole('form', { name: 'Aanmelden' });
  await form.getByLabel('Regio').selectOption('AMS');
  await form.getByLabel('Postcode (4 cijfers)').fill('1056');
  // Basiszorg is ticked already; wound care too.
  await form.getByLabel('Wondzorg').check();
  await form.getByLabel('Urgentie').selectOption('today');
  await form.getByLabel('Eigen kenmerk').fill('OLVG-TRF-90001');
  await form.getByLabel('Terugbelnummer (niet verplicht)').fill('020 599 1111');
  await expectAccessible(referrer, 'referrer form');
  await screenshot(referrer, 'referrals-01-referrer-form');
  await form.getByRole('button', { name: 'Aanmelden' }).click();
  await waitText(form.locator('.message'), /^Aangemeld: Aangeboden aan Wijkzorg Amstel — nog 30 min\.$/, 5_000);
  const mine = referrer.locator('li.referral', { hasText: 'OLVG-TRF-90001' });
  await waitText(mine, /Aangeboden aan Wijkzorg Amstel — nog (30|29) min.*Basiszorg, Wondzorg · PC 1056 · vandaag/, 5_000);
  const id = await mine.getAttribute('data-referral');
  await expectNoSidewaysScroll(referrer, 'referrer list at 390 px');
  await screenshot(referrer, 'referrals-02-referrer-offered');

  // The provider's page, not reloaded, polls the new offer in.
  const offer = provider.locator(`li[data-referral="${id}"]`);
  await waitText(offer, /Basiszorg, Wondzorg · PC 1056 · vandaag.*Nog (30|29) min om te antwoorden.*kenmerk OLVG-TRF-90001/, 12_000);
  await expectAccessible(provider, 'provider page');
  await screenshot(provider, 'referrals-03-provider');
  keep('referrals-03-provider', 'referrals-provider');
  await offer.getByRole('button', { name: 'Aannemen' }).click();
  await waitText(provider.locator('section[aria-labelledby="offers-title"] .message'), /^Aangenomen\./, 5_000);
  // Placed: one place less on each line it matched on (wound care had 1: now red).
  await waitText(provider.locator('li.intake-line', { hasText: 'Wondzorg' }), /rood/, 12_000);

  // The referrer's list, not reloaded either, follows.
  await waitText(mine, /Geplaatst bij Wijkzorg Amstel — bel intake 020 555 0123/, 12_000);
  await screenshot(referrer, 'referrals-04-referrer-placed');
  keep('referrals-01-referrer-form', 'referrals-referrer');
  await referrerContext.close();
  await providerContext.close();
}, 120_000);

test('a provider sets a line’s places with one tap, and its light follows', async () => {
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, seed.referrals.otherProviderToken);
  const line = page.locator('li.intake-line', { hasText: 'Casemanagement dementie' });
  await waitText(line, /rood.*0 plekken/, 10_000);
  await line.getByRole('button', { name: /^Eén plek meer/ }).click();
  await waitText(line, /oranje.*1 plek(?!ken)/, 5_000);
  await line.getByRole('button', { name: /^Eén plek meer/ }).click();
  await waitText(line, /groen.*2 plekken/, 5_000);
  const intake = await service.call('GET', '/api/providers/75010002/intake');
  expect(intake.body.lines.find((l: { careKind: string }) => l.careKind === 'dementia-case-management')).toMatchObject({ places: 2, light: 'green' });
  await expectNoSidewaysScroll(page, 'provider page at 390 px');
  await context.close();
});

test('the desk: what waits at the desk comes first, with its timer; a referral is offered by hand; the capacity per postcode and care kind', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.goto('/verwijspunt');
  await page.getByRole('heading', { name: 'Open aanmeldingen' }).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  const rows = page.locator('section[aria-labelledby="desk-title"] li.referral');
  await waitText(rows.first(), /^Bij het verwijspunt.*Casemanagement dementie · PC 1053.*Bij het verwijspunt sinds/, 5_000);
  const waiting = page.locator(`li[data-referral="${seed.referrals.ids.offered}"]`);
  await waitText(waiting, /Aangeboden aan Wijkzorg Amstel — nog \d+ u( \d+ min)?/, 5_000);
  // The capacity table: postcodes by kind of care, each with its best light; consecutive
  // postcodes that read alike are one row (1011 to 1109 in the demo: a handful of rows).
  const table = page.locator('table.capacity-grid');
  await table.waitFor();
  const count = await table.locator('tbody tr').count();
  expect(count).toBeGreaterThan(3);
  expect(count).toBeLessThan(12);
  await waitText(table.locator('tr', { has: page.locator('th', { hasText: /^1050–1059$/ }) }), /^1050–1059groen—rood/, 5_000);
  await expectAccessible(page, 'desk');
  await screenshot(page, 'referrals-05-desk');
  keep('referrals-05-desk', 'referrals-desk');
  // Offer the escalated one by hand to Thuiszorg Zuid-Oost, whatever its light.
  const escalated = page.locator(`li[data-referral="${seed.referrals.ids.escalated}"]`);
  await escalated.getByLabel('Aanbieden aan').selectOption('75010002');
  await escalated.getByRole('button', { name: 'Aanbieden' }).click();
  await waitText(page.locator('section[aria-labelledby="desk-title"] .message'), /^Aangeboden\.$/, 5_000);
  await waitText(page.locator(`li[data-referral="${seed.referrals.ids.escalated}"]`), /Aangeboden aan Thuiszorg Zuid-Oost — nog 2 u/, 5_000);
  await context.close();
});

test('the insurer reads the month’s figures of the coordination point beside the coverage figures', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.insurer);
  await page.goto('/dekking');
  await page.getByRole('heading', { name: 'Verwijspunt: plaatsing van aanmeldingen' }).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  const figures = page.locator('table.referral-figures-table').first();
  await waitText(figures.locator('caption'), /^Aanmeldingen in Amsterdam-Amstelland, /, 5_000);
  expect(Number(await figures.locator('td[data-label="Aanmeldingen"]').textContent())).toBeGreaterThanOrEqual(6);
  await expect(page.locator('table.referral-kinds-table').first().locator('tbody tr').count()).resolves.toBe(5);
  await expectAccessible(page, 'insurer figures');
  await screenshot(page, 'referrals-06-insurer');
  await context.close();
});
