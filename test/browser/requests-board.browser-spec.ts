/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import {
  ADMIN_TOKEN,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  expectAccessible,
  signIn,
  startService,
  waitText,
  expectNoSidewaysScroll,
} from './support.js';

/**
 * The board's acute-request views against the production build with the demo data: the
 * coordinator's home lists the region's open requests and follows one from "Oproep" to "Onderweg"
 * by itself (the live stream, no reload) when a nurse acknowledges it; the insurer's coverage view shows
 * the month's response figures. Both accessible and without sideways scrolling on a phone.
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

/** Today in Amsterdam, the demo regions' zone. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

async function must<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await service.call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

test('coordinator: the home view lists the region’s open acute requests with status, step and age; nothing of other regions', async () => {
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, seed.tokens.coordinator);
  const section = page.locator('section.acute-requests');
  await section.getByRole('heading', { name: 'Acute oproepen' }).waitFor();
  // The demo's Amsterdam requests: one acknowledged (on the way, with who), one open; whether
  // someone is on duty for it depends on the time of day, so it is paging or escalated.
  await waitText(
    section.locator(`li[data-request-id="${seed.requests.acknowledgedId}"] summary`),
    /^Onderweg.*postcode 1012kenmerk HAP-AMS-0001.*Onderweg: \S/,
    10_000,
  );
  const open = section.locator(`li[data-request-id="${seed.requests.openId}"] summary`);
  await waitText(open, /^(Oproep|⚠ Geëscaleerd)Acute beoordeling thuisdirectpostcode 1091kenmerk HAP-AMS-0002(zojuist|\d+ min geleden)stap [123]: /, 5_000);
  expect(await section.locator(`li[data-request-id="${seed.requests.escalatedId}"]`).count()).toBe(0);
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  await expectAccessible(page, 'coordinator home with acute requests');
  await expectNoSidewaysScroll(page, 'coordinator home at 390 px');
  await screenshot(page, 'requests-board-01-home');
  await context.close();
});

test('a nurse acknowledges a page on a phone while the coordinator’s home moves the request from "Oproep" to "Onderweg" without a reload', async () => {
  // A region of its own with a nurse on call all day today, so that step 1 has someone to page
  // whatever the time of day.
  await must('POST', '/api/regions', { code: 'TST', name: 'Testregio', population: 1000, preferredInsurerUzovi: '3311' });
  const contract = await must<{ id: string }>('POST', '/api/contracts', {
    regionCode: 'TST',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: today(),
    fee: { fixedMonthlyCents: 100_000 },
    sla: { minCoveragePct: 95, deductionPerUncoveredHourCents: 0, ackMinutes: 10 },
  });
  await must('POST', `/api/contracts/${contract.id}/templates`, {
    name: 'Bereikbaar',
    rrule: 'FREQ=DAILY;COUNT=1',
    startTime: '00:00',
    endTime: '00:00',
    dutyType: 'on-call',
  });
  const [slot] = await must<Array<{ id: string }>>('GET', `/api/slots?regionCode=TST&from=${today()}&to=${today()}`);
  const nurse = await must<{ id: string }>('POST', '/api/nurses', { name: 'Noor Testers', employerAgb: '75010001', qualifications: ['district-nurse'] });
  await must('POST', `/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  const nurseToken = (await must<{ token: string }>('POST', '/api/users', { name: 'Noor Testers', role: 'nurse', nurseId: nurse.id })).token;
  const coordinatorToken = (await must<{ token: string }>('POST', '/api/users', { name: 'Coördinator Testregio', role: 'coordinator', regionCodes: ['TST'] }))
    .token;
  const created = await fetch(`${service.base}/api/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${coordinatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      regionCode: 'TST',
      function: 'acute-screening',
      urgency: 'within-2h',
      postcode: '1234',
      partnerReference: 'HAP-TST-0001',
      callbackPhone: '+31201234567',
    }),
  });
  expect(created.status).toBe(201);
  const request = (await created.json()) as { id: string; status: string; step: number };
  expect({ status: request.status, step: request.step }).toEqual({ status: 'paging', step: 1 });

  const board = await newContext(browser, service.base);
  const home = await signIn(board, coordinatorToken);
  const row = home.locator(`section.acute-requests li[data-request-id="${request.id}"] summary`);
  await waitText(
    row,
    /^OproepAcute beoordeling thuisbinnen 2 uurpostcode 1234kenmerk HAP-TST-0001(zojuist|\d+ min geleden)stap 1: dienstdoende verpleegkundigen$/,
    10_000,
  );
  await screenshot(home, 'requests-board-02-oproep');

  // The nurse, on a phone, says "Ik ga".
  const phone = await newContext(browser, service.base, { mobile: true });
  const app = await signIn(phone, nurseToken);
  await app
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('button', { name: /^Oproepen( \d+)?$/ })
    .click();
  await app
    .locator('section[aria-labelledby="pages-title"]')
    .getByRole('button', { name: /^Ik ga/ })
    .first()
    .click();
  await app.getByText('U gaat: de aanvrager en de coördinator zien het.').waitFor();
  await expectNoSidewaysScroll(app, 'nurse pages at 390 px');
  await phone.close();

  // The home view follows the live stream: within seconds the row says "Onderweg" with the nurse's name.
  await waitText(row, /^Onderweg.*Onderweg: Noor Testers$/, 5_000);
  expect((await service.call('GET', `/api/requests/${request.id}`)).body.status).toBe('acknowledged');
  await expectAccessible(home, 'coordinator home after acknowledgement');
  await screenshot(home, 'requests-board-03-onderweg');
  await board.close();
}, 90_000);

test('insurer: the coverage view shows the month’s acknowledgements within the SLA per contract', async () => {
  for (const mobile of [false, true]) {
    const context = await newContext(browser, service.base, { mobile });
    const page = await signIn(context, seed.tokens.insurer);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('button', { name: /^Dekking$/ })
      .click();
    const figures = page.locator('section.ack-figures');
    await figures.getByRole('heading', { name: 'Reactie op acute oproepen' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
    // What the API answers for Amsterdam this month is what the table shows.
    const stats = (await service.call('GET', `/api/requests/stats?regionCode=AMS&month=${seed.month}`)).body as Array<{
      function: string;
      requests: number;
      acknowledged: number;
      withinAckPct: number | null;
    }>;
    const acute = stats.find((s) => s.function === 'acute-screening')!;
    expect(acute.requests).toBeGreaterThanOrEqual(2);
    const table = figures.locator('table', { has: page.locator('caption', { hasText: 'Amsterdam' }) });
    const row = table.locator('tbody tr', { has: page.locator('th', { hasText: 'Acute beoordeling thuis' }) });
    await waitText(row, new RegExp(`Acute beoordeling thuis${acute.requests}${acute.acknowledged}`), 5_000);
    // As every percentage on screen: one decimal, rounded down, a decimal comma and a space before %.
    const tenths = Math.floor(Math.round(acute.withinAckPct! * 100) / 10);
    const expected = `${Math.floor(tenths / 10)}${tenths % 10 ? `,${tenths % 10}` : ''}\u00a0% binnen 10 min`;
    expect(await row.textContent()).toContain(expected);
    await expectAccessible(page, `insurer coverage (${mobile ? 'phone' : 'desktop'})`);
    if (mobile) await expectNoSidewaysScroll(page, 'insurer coverage at 390 px');
    await screenshot(page, `requests-board-03-insurer${mobile ? '-phone' : ''}`);
    await context.close();
  }
}, 90_000);
