/// <reference lib="dom" />
import { expect } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import playwright, { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { freePort, scratchDatabase } from '../../bench/scratch.js';
import { ProductionService } from '../../bench/service.js';

/**
 * The browser tests drive the production build (`dist/`, built by `npm run test:browser`) in a
 * real Chromium: Debian's, installed by `.ci/run` when missing, started headless with the flags a
 * closed network needs and a fresh profile.
 */
export const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The production build on a fresh SQLite file; `close()` also throws the file away. `env` adds
 * settings that must name the service's own address (PUBLIC_URL, an identity provider's
 * redirect URI): the port is chosen before the service starts.
 */
export async function startService(
  env: (base: string) => Record<string, string> | Promise<Record<string, string>> = () => ({}),
): Promise<ProductionService & { close(): Promise<void> }> {
  const db = await scratchDatabase();
  const port = await freePort();
  const service = Object.assign(new ProductionService({ ...db.env, ...(await env(`http://127.0.0.1:${port}`)) }, ADMIN_TOKEN, port), {
    async close() {
      await service.stop();
      await db.drop();
    },
  });
  await service.start();
  return service;
}

export function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (its own sessionStorage) in a browser zone far from Amsterdam, so every time on
 * screen has to come from the region's zone and not from the browser's.
 */
export async function newContext(browser: Browser, base: string, options: { mobile?: boolean; clipboard?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: base,
    locale: 'nl-NL',
    timezoneId: 'America/New_York',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1400, height: 900 },
    acceptDownloads: true,
    permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
  });
}

/** Script errors and policy refusals seen in any watched page; the suite checks after each test that there were none. */
export const pageErrors: string[] = [];

/**
 * Records a page's script errors and every refusal of its content security policy (a console
 * error naming the policy) for the suite's check after each test.
 */
export function watchPage(page: Page): Page {
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
  });
  return page;
}

/** Signs in the way a user does: paste the token, press Enter. */
export async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const page = watchPage(await context.newPage());
  await page.goto('/');
  await page.getByLabel('Token').fill(token);
  await page.getByLabel('Token').press('Enter');
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.1 A/AA checks on the page as it is now; returns the serious and critical findings. */
export async function seriousAccessibilityFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') stays on.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; html: string }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits (up to `ms`, 20 s unless told) until the element's whole text is `expected` (or matches it); fails with the last text seen. */
export async function waitText(locator: Locator, expected: string | RegExp, ms = 20_000): Promise<void> {
  let last: string | null = null;
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    last = await locator
      .first()
      .textContent({ timeout: 100 })
      .catch(() => null);
    if (last !== null && (typeof expected === 'string' ? last === expected : expected.test(last))) return;
  }
  throw new Error(`expected text ${String(expected)}, saw ${JSON.stringify(last)}`);
}

/** The page is no wider than the window: nothing to scroll sideways on this screen. */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect({ screen, width: widths.page }).toEqual({ screen, width: widths.screen });
}

/**
 * Waits (up to 3 s) until the element is wholly on screen: inside the window and inside every box
 * around it that scrolls (a side panel); fails naming what was not.
 */
export async function expectInView(locator: Locator, what: string): Promise<void> {
  let seen = false;
  for (let i = 0; i < 30 && !seen; i++) {
    seen = await locator
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        const inside = (box: { top: number; bottom: number; left: number; right: number }) =>
          r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.left >= box.left - 1 && r.right <= box.right + 1;
        if (r.height === 0 || !inside({ top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth })) return false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (/(auto|scroll)/.test(style.overflowY + style.overflowX) && !inside(p.getBoundingClientRect())) return false;
        }
        return true;
      })
      .catch(() => false);
    if (!seen) await new Promise((r) => setTimeout(r, 100));
  }
  expect({ what, inView: seen }).toEqual({ what, inView: true });
}

/** Zero serious or critical axe findings on the screen, named in the failure. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const findings = await seriousAccessibilityFindings(page);
  expect({ screen, findings }).toEqual({ screen, findings: [] });
}
