/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, newContext, pageErrors, startService, waitText } from './support.js';

/**
 * Every screen of every role loaded afresh (a reload, a shared link) in Chromium on the demo data:
 * no error in the browser's console (the content security policy refuses nothing, FullCalendar's
 * icon font included, and a signed-out visit makes no refused request), and the page's landmarks
 * each have a name of their own, as axe-core checks them.
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

/** Every console error of the page, as text. */
function consoleErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

/** axe-core's landmark checks (any impact): unique names, one main, nothing outside a landmark that should be in one. */
async function landmarkFindings(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  const { readFileSync } = await import('node:fs');
  const { createRequire } = await import('node:module');
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
    ).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'rule',
        values: ['landmark-unique', 'landmark-one-main', 'landmark-no-duplicate-main', 'landmark-no-duplicate-banner', 'landmark-complementary-is-top-level'],
      },
    });
    return r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Loads the address afresh and waits until the screen has its data (no "Laden…" left). */
async function load(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  // FullCalendar (where the screen has one) has drawn and loaded its font by now.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

test("the service's content security policy still takes fonts from its own origin only", async () => {
  const res = await fetch(`${service.base}/`, { headers: { accept: 'text/html' } });
  const policy = res.headers.get('content-security-policy')!;
  expect(policy).toMatch(/(^|;)\s*font-src 'self'(;|$)/);
  expect(/font-src[^;]*data:/.test(policy)).toBe(false);
  // The icon font is a file of the build, served from here with a year of caching.
  const html = await (await fetch(`${service.base}/`, { headers: { accept: 'text/html' } })).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  const code = await (await fetch(`${service.base}${script}`)).text();
  expect(code).not.toMatch(/data:[^"')]*font[^"')]*;base64,/);
  const font = /\/assets\/fcicons-[0-9a-f]+\.ttf/.exec(code)![0];
  const served = await fetch(`${service.base}${font}`);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toMatch(/font\/ttf/);
  expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('a signed-out visit, at the start page or on a shared link, writes nothing to the console', async () => {
  const context = await newContext(browser, service.base);
  const page = await context.newPage();
  const errors = consoleErrors(page);
  for (const path of ['/', '/rooster?regio=AMS&functie=acute-screening&maand=2027-02']) {
    await page.goto(path);
    await page.getByRole('heading', { name: 'Inloggen', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect({ path, errors }).toEqual({ path, errors: [] });
  }
  expect(await landmarkFindings(page)).toEqual([]);
  await context.close();
});

const SCREENS: Array<{ role: string; token: () => string; paths: string[] }> = [
  {
    role: 'admin',
    token: () => ADMIN_TOKEN,
    paths: [
      '/onbezet',
      '/rooster',
      '/raster',
      '/dekking-per-dag',
      '/meldingen',
      '/ruilverzoeken',
      '/afwezigheid',
      '/contracten',
      '/dekking',
      '/vergoedingen',
      '/sessies',
    ],
  },
  {
    role: 'coordinator',
    token: () => seed.tokens.coordinator,
    paths: [
      '/onbezet',
      '/rooster?functie=acute-screening&weergave=week',
      '/rooster?weergave=lijst',
      '/raster',
      '/dekking-per-dag',
      '/meldingen',
      '/ruilverzoeken',
      '/afwezigheid',
      '/sessies',
    ],
  },
  { role: 'insurer', token: () => seed.tokens.insurer, paths: ['/contracten', '/dekking', '/vergoedingen', '/sessies'] },
  { role: 'nurse', token: () => seed.tokens.nurse, paths: ['/mijn-diensten', '/over-te-nemen', '/liever-niet', '/agenda', '/oproepen', '/sessies'] },
];

for (const screen of SCREENS) {
  test(`${screen.role}: every screen loads without a console error, and its landmarks have names of their own`, async () => {
    const context = await newContext(browser, service.base, { mobile: screen.role === 'nurse' });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto('/');
    await page.getByLabel('Token').fill(screen.token());
    await page.getByLabel('Token').press('Enter');
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
    for (const path of screen.paths) {
      await load(page, path);
      expect({ path, errors }).toEqual({ path, errors: [] });
      expect({ path, landmarks: await landmarkFindings(page) }).toEqual({ path, landmarks: [] });
    }
    // The nurse's shifts as a calendar (FullCalendar on a phone).
    if (screen.role === 'nurse') {
      await load(page, '/mijn-diensten');
      await page.getByRole('button', { name: 'Kalender', exact: true }).click();
      await page.locator('.fc').waitFor();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      expect({ path: 'nurse calendar', landmarks: await landmarkFindings(page) }).toEqual({ path: 'nurse calendar', landmarks: [] });
    }
    // A slot's side panel is a named region of its own inside the main content.
    if (screen.role === 'coordinator') {
      await load(page, '/onbezet');
      const fill = page.locator('button[data-slot-id]').first();
      if ((await fill.count()) > 0) {
        await fill.click();
        await waitText(page.locator('section.panel h3').first(), /.+/);
        expect({ path: 'slot panel', landmarks: await landmarkFindings(page) }).toEqual({ path: 'slot panel', landmarks: [] });
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
}
