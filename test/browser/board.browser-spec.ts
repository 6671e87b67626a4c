/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Browser, Page, Response } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import {
  ADMIN_TOKEN,
  ARTIFACTS,
  launchBrowser,
  newContext,
  pageErrors,
  screenshot,
  waitText,
  expectNoSidewaysScroll,
  expectAccessible,
  expectInView,
  signIn,
  startService,
} from './support.js';

/**
 * The web app in a real browser against the production build with the demo data: the daily work
 * of a coordinator, an insurer and a nurse, each flow checked on screen and in the API, plus an
 * accessibility check of every main screen and the month view's render time.
 */

const ZONE = 'Europe/Amsterdam';
let service: Awaited<ReturnType<typeof startService>>;
let seed: DemoSeed;
let browser: Browser;
let utrechtCoordinator: string;
const timings: Record<string, number | number[]> = {};

beforeAll(async () => {
  service = await startService();
  seed = await seedDemo(service.base, ADMIN_TOKEN);
  // The demo's planner fills the coming weeks; after planning, the coordinator added extra evening
  // duties for the coming days (open positions for the home view, some of which the nurses on duty
  // cannot take, for rest), and an ended pilot contract gives the insurer a month to finalize.
  const contracts = (await service.call('GET', '/api/contracts?regionCode=AMS')).body as Array<{ id: string; function: string }>;
  const nights = contracts.find((c) => c.function === 'unplanned-night-care')!;
  await service.call('POST', `/api/contracts/${nights.id}/templates`, {
    name: 'Extra avond',
    rrule: 'FREQ=DAILY;COUNT=6',
    startTime: '15:00',
    endTime: '23:00',
    requiredQualifications: ['district-nurse'],
  });
  // And a late acute evening for the coming four days, which the acute nurses, on duty by day, cannot take.
  const acute = contracts.find((c) => c.function === 'acute-screening')!;
  await service.call('POST', `/api/contracts/${acute.id}/templates`, {
    name: 'Extra acute avond',
    rrule: 'FREQ=DAILY;COUNT=4',
    startTime: '16:00',
    endTime: '22:00',
    requiredQualifications: ['district-nurse'],
  });
  const lastMonth = today().minus({ months: 1 });
  await service.call('POST', '/api/regions', { code: 'NHN', name: 'Noord-Holland Noord', population: 660_000, preferredInsurerUzovi: '3311' });
  const pilot = (
    await service.call('POST', '/api/contracts', {
      regionCode: 'NHN',
      insurerUzovi: '3311',
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: '75010001' },
      validFrom: lastMonth.startOf('month').toISODate(),
      validTo: lastMonth.endOf('month').toISODate(),
      fee: { perPositionHourCents: 4300 },
    })
  ).body as { id: string };
  await service.call('POST', `/api/contracts/${pilot.id}/templates`, {
    name: 'Nacht',
    rrule: 'FREQ=DAILY',
    startTime: '23:00',
    endTime: '07:00',
    requiredQualifications: ['district-nurse'],
  });
  // And one that was never rostered: its statement has no hours to staff ("nog niet geroosterd").
  await service.call('POST', '/api/contracts', {
    regionCode: 'NHN',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: lastMonth.startOf('month').toISODate(),
    validTo: lastMonth.endOf('month').toISODate(),
    fee: { fixedMonthlyCents: 100_000 },
  });
  utrechtCoordinator = (await service.call('POST', '/api/users', { name: 'Coördinator Utrecht', role: 'coordinator', regionCodes: ['UTR'] })).body.token;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const today = () => DateTime.now().setZone(ZONE);
/**
 * A local date `days` after the last day the demo's planner staffed (the end of next month): from
 * there on slots are open whatever the day of the month the suite runs on.
 */
const afterPlan = (days: number) =>
  today()
    .plus({ months: 1 })
    .endOf('month')
    .plus({ days: 1 + days })
    .toISODate()!;

/** Integer cents as the Dutch screen writes them: `€ 1.234,56`. */
function euroText(cents: number): string {
  const whole = String((cents - (cents % 100)) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€\u00a0${whole},${String(cents % 100).padStart(2, '0')}`;
}

interface SlotRow {
  id: string;
  localDate: string;
  status: string;
  durationMinutes: number;
  assignments: Array<{ id: string; nurseId: string }>;
}
interface CandidateRow {
  nurseId: string;
  name: string;
  violations: Array<{ rule: string; conflictsWith?: { function: string; dutyType: string; start: string } }>;
}

async function slots(fn: string, from: string, to: string, regionCode = 'AMS'): Promise<SlotRow[]> {
  return (await service.call('GET', `/api/slots?regionCode=${regionCode}&function=${fn}&from=${from}&to=${to}`)).body;
}

async function candidates(slotId: string, replacing?: string): Promise<CandidateRow[]> {
  return (await service.call('GET', `/api/slots/${slotId}/candidates${replacing ? `?replacing=${replacing}` : ''}`)).body;
}

/** Clicks a tab of the main menu (its name may carry a count: "Onbezet 4"). */
async function openTab(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('button', { name: new RegExp(`^${name}( \\d+)?$`) })
    .click();
}

/** Pages the month view forward until the slot is on screen. */
async function showSlot(page: Page, slotId: string) {
  const event = page.locator(`.fc-event[data-id="${slotId}"]`);
  for (let i = 0; i < 16 && !(await event.isVisible()); i++) {
    await page.getByRole('button', { name: /volgende|next/i }).click();
    await page.waitForTimeout(150);
  }
  await event.waitFor();
  return event;
}

test('sign-in: a wrong token is answered in words; the page is accessible', async () => {
  const context = await newContext(browser, service.base);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.title()).resolves.toBe('Wijkwacht');
  await expectAccessible(page, 'sign-in');
  await screenshot(page, '01-sign-in');
  await page.getByLabel('Token').fill('not-a-real-token-at-all');
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await waitText(page.getByRole('alert'), 'Dit token is onbekend of ingetrokken.');
  // The token is kept in sessionStorage only after it worked, and never in the address.
  await expect(page.evaluate(() => sessionStorage.getItem('wijkwacht.token'))).resolves.toBeNull();
  await context.close();
});

/** The functions as the app names them. */
const fnNames: Record<string, string> = {
  'unplanned-night-care': 'Ongeplande nachtzorg',
  'acute-screening': 'Acute beoordeling thuis',
  'specialist-nursing': 'Specialistische verpleging',
  'care-coordination': 'Zorgcoördinatie',
};

interface FullSlot extends SlotRow {
  function: string;
  start: string;
  end: string;
  requiredNurses: number;
}

/** What the home view must list: every slot of the next 14 days that still needs a nurse, all functions. */
async function underStaffed(regionCode = 'AMS'): Promise<FullSlot[]> {
  const from = today().toISODate()!;
  const to = today().plus({ days: 13 }).toISODate()!;
  const all = (await service.call('GET', `/api/slots?regionCode=${regionCode}&from=${from}&to=${to}`)).body as FullSlot[];
  return all.filter((s) => s.status !== 'covered');
}

test('coordinator home "De komende 14 dagen": every under-staffed slot of 14 days with counts on the tabs; Invullen opens the candidates, Esc closes and focus returns, a gap is filled', async () => {
  const gaps = await underStaffed();
  const upcoming = gaps.filter((g) => Date.parse(g.end) > Date.now());
  expect(upcoming.length).toBeGreaterThan(0);
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.getByRole('heading', { name: /^De komende 14 dagen/ }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await waitText(nav.getByRole('button', { name: /^Onbezet/ }), `Onbezet ${upcoming.length}`);
  await waitText(nav.getByRole('button', { name: /^Ruilverzoeken/ }), 'Ruilverzoeken 1');
  // Rows of under-staffed slots; the acute requests above them share the row style (.acute-row).
  await expect(page.locator('li.gap-row:not(.acute-row)').count()).resolves.toBe(gaps.length);
  // All four functions are on one screen, not one function's month.
  const functionsShown = new Set(await page.locator('li.gap-row:not(.acute-row) .gap-function').allTextContents());
  expect(functionsShown.size).toBeGreaterThan(1);
  // Past slots are dimmed (grey, "Voorbij"), never red, and offer nothing to fill.
  for (const past of await page.locator('li.gap-past').all()) {
    await expect(past.locator('.badge-past').count()).resolves.toBe(1);
    await expect(past.locator('.slot-open, .slot-partial').count()).resolves.toBe(0);
    await expect(past.getByRole('button').count()).resolves.toBe(0);
  }
  await expectAccessible(page, 'coordinator home');
  await screenshot(page, '02a-coordinator-home');

  // Invullen opens the candidates; the address names the slot, so reload brings it back.
  const first = upcoming[0];
  const button = page.locator(`button[data-slot-id="${first.id}"]`);
  await button.click();
  const panel = page.locator('section.panel');
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  expect(new URL(page.url()).searchParams.get('dienst')).toBe(first.id);
  await page.reload();
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'slot-panel-title');
  await button.waitFor();
  // Esc closes the panel and focus is back on the row's Invullen.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-slot-id') === id, first.id);
  expect(new URL(page.url()).searchParams.get('dienst')).toBeNull();
  // Back in the browser reopens it; forward closes it again.
  await page.goBack();
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  await page.goForward();
  await panel.waitFor({ state: 'hidden' });

  // Fill a gap from here: the first upcoming slot with a candidate who breaks no rule.
  let target: FullSlot | undefined;
  let fit: CandidateRow | undefined;
  for (const g of upcoming) {
    fit = (await candidates(g.id)).find((c) => c.violations.length === 0);
    if (fit) {
      target = g;
      break;
    }
  }
  expect(target && fit).toBeTruthy();
  await page.locator(`button[data-slot-id="${target!.id}"]`).click();
  const card = panel.locator('li.candidate', { hasText: fit!.name });
  const assign = card.getByRole('button', { name: `Inplannen ${fit!.name}` });
  await assign.click();
  // The answer appears at the nurse, and focus goes with it.
  const note = panel.locator('.people li', { hasText: fit!.name }).getByRole('status');
  await waitText(note, `${fit!.name} is ingepland.`);
  await page.waitForFunction(() => document.activeElement?.classList.contains('message-ok') ?? false);
  const after = (await service.call('GET', `/api/slots/${target!.id}`)).body as FullSlot;
  expect(after.assignments.map((a) => a.nurseId)).toContain(fit!.nurseId);
  const left = (await underStaffed()).filter((g) => Date.parse(g.end) > Date.now()).length;
  await waitText(nav.getByRole('button', { name: /^Onbezet/ }), `Onbezet ${left}`);
  await screenshot(page, '02b-coordinator-home-filled');
  await context.close();
});

test('coordinator: a candidate who breaks a rule says so on the button, the rule names the other duty, and the refusal appears at that candidate', async () => {
  // A candidate whose violation names another duty (an overlap or too little rest), from the API.
  const gaps = (await underStaffed()).filter((g) => Date.parse(g.end) > Date.now());
  let found: { slot: FullSlot; candidate: CandidateRow } | undefined;
  for (const g of gaps) {
    const list = await candidates(g.id);
    const c = list.find((x) => x.violations.some((v) => v.conflictsWith));
    if (c) {
      found = { slot: g, candidate: c };
      break;
    }
  }
  expect(found).toBeDefined();
  const { slot, candidate } = found!;
  const conflict = candidate.violations.find((v) => v.conflictsWith)!;
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.goto(`/onbezet?dienst=${slot.id}`);
  const panel = page.locator('section.panel');
  const card = panel.locator('li.candidate', { hasText: candidate.name });
  await card.waitFor();
  const n = candidate.violations.length;
  await waitText(card.getByRole('button'), `Inplannen ${candidate.name} · breekt ${n === 1 ? '1 regel' : `${n} regels`}`);
  const start = DateTime.fromISO(conflict.conflictsWith!.start).setZone(ZONE).setLocale('nl');
  const when = `${start.toFormat('ccc d LLL').replace('.', '')} ${start.toFormat('HH:mm')}`;
  const violationsText = (await card.locator('.violations').textContent())!;
  expect(violationsText).toContain(when);
  expect(violationsText).toMatch(
    conflict.rule === 'overlap' ? /Heeft dan al een (nachtdienst|dienst|bereikbaarheidsdienst) \(/ : /: de (nachtdienst|dienst|bereikbaarheidsdienst) \(/,
  );
  // An on-call block is named for what it is, never a night shift.
  if (conflict.conflictsWith!.dutyType === 'on-call') expect(violationsText).toMatch(/bereikbaarheidsdienst \(/);
  expect(violationsText).toContain(fnNames[conflict.conflictsWith!.function]);
  const before = (await service.call('GET', `/api/slots/${slot.id}`)).body;
  const button = card.getByRole('button');
  // The button at the bottom edge of the screen: the refusal, below it, is scrolled into view.
  await button.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await button.click();
  const alert = card.getByRole('alert');
  await alert.waitFor();
  await expectInView(alert, 'the refusal at the candidate');
  expect(await alert.textContent()).toContain(`Niet ingepland: ${candidate.name}.`);
  expect(await alert.textContent()).toContain(when);
  // Focus stays on the button that was pressed.
  await expect(button.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  expect((await service.call('GET', `/api/slots/${slot.id}`)).body).toEqual(before);
  await expectAccessible(page, 'candidate refused at the card');
  await screenshot(page, '05a-coordinator-conflict-named');
  await context.close();
});

test('coordinator: the roster per nurse as a grid, a week and a month, with the unfilled rows always there', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Per verpleegkundige');
  const grid = page.locator('table.roster-grid');
  await grid.waitFor();
  // A week: seven days, from Monday, after the hours of the week and of the month.
  await expect(grid.locator('thead th').count()).resolves.toBe(10);
  await expect(grid.locator('thead th').nth(1).textContent()).resolves.toBe('Uren week');
  const monday = today().startOf('week');
  const week = (await service.call('GET', `/api/slots?regionCode=AMS&from=${monday.toISODate()}&to=${monday.plus({ days: 6 }).toISODate()}`)).body as Array<
    FullSlot & { assignments: Array<{ nurseId: string; nurseName: string }> }
  >;
  // One row per function for what is unfilled, night care included, whether or not it is full.
  for (const f of new Set(week.map((s) => s.function))) await grid.locator('tbody th', { hasText: `Onbezet: ${fnNames[f]}` }).waitFor();
  // A nurse's duty stands in her row under its day.
  const staffed = week.find((s) => s.assignments.length > 0)!;
  expect(staffed).toBeDefined();
  const who = staffed.assignments[0].nurseName;
  const column = DateTime.fromISO(staffed.localDate, { zone: 'UTC' }).diff(DateTime.fromISO(monday.toISODate()!, { zone: 'UTC' }), 'days').days + 1;
  const short: Record<string, string> = {
    'unplanned-night-care': 'Nacht',
    'acute-screening': 'Acuut',
    'specialist-nursing': 'Spec',
    'care-coordination': 'Coörd',
  };
  const row = grid.locator('tbody tr', { has: page.locator('th', { hasText: who }) });
  const start = DateTime.fromISO(staffed.start).setZone(ZONE).toFormat('HH:mm');
  const end = DateTime.fromISO(staffed.end).setZone(ZONE).toFormat('HH:mm');
  await expect(
    row
      .locator('td')
      .nth(column + 1)
      .textContent(),
  ).resolves.toContain(`${short[staffed.function]} ${start}–${end}`);
  // Her hours of the week against her contract: "32 u / 32 u", "100 %".
  await expect(row.locator('td.grid-hours').first().textContent()).resolves.toMatch(/^\d+(,\d)? u \/ \d+(,\d)? u\d+(,\d)?\u00a0%/);
  // Her duty opens its slot.
  await row.locator(`button.grid-slot[data-slot-id="${staffed.id}"]`).first().click();
  await page.locator('section.panel').getByRole('heading', { name: 'Kandidaten' }).waitFor();
  expect(new URL(page.url()).searchParams.get('dienst')).toBe(staffed.id);
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'roster grid week');
  await screenshot(page, '06a-coordinator-grid-week');
  // A month: a column per day, in the address.
  await page.getByRole('button', { name: 'Maand', exact: true }).click();
  await expect(grid.locator('thead th').count()).resolves.toBe(today().daysInMonth! + 2);
  expect(new URL(page.url()).searchParams.get('weergave')).toBe('maand');
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  await expectAccessible(page, 'roster grid month (dense)');
  await screenshot(page, '06b-coordinator-grid-month');
  // An unfilled position opens its candidates.
  const open = grid.locator('button.grid-open').first();
  if ((await open.count()) > 0) {
    await open.click();
    await page.locator('section.panel').getByRole('heading', { name: 'Kandidaten' }).waitFor();
  }
  await context.close();
});

test('coordinator: a failed load says so in words with "Opnieuw proberen", never as an empty week', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.getByRole('heading', { name: /^De komende 14 dagen/ }).waitFor();
  await page.locator('li.gap-row:not(.acute-row)').first().waitFor();
  let failing = true;
  await page.route('**/api/slots?*', (route) =>
    failing
      ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"statusCode":503,"error":"Service Unavailable","message":"busy"}' })
      : route.continue(),
  );
  await page.reload();
  const alert = page.getByRole('alert');
  await waitText(alert.locator('p'), 'Laden lukte niet. De server is even te druk. Probeer het zo opnieuw.');
  await expect(page.locator('li.gap-row:not(.acute-row)').count()).resolves.toBe(0);
  await expect(page.getByText('Alle diensten van de komende').count()).resolves.toBe(0);
  await expectAccessible(page, 'load failed');
  await screenshot(page, '02c-coordinator-load-failed');
  failing = false;
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await page.locator('li.gap-row:not(.acute-row)').first().waitFor();
  await page.unroute('**/api/slots?*');
  await context.close();
});

test('coordinator: an absence lists the cancelled duties by date and function; "Zelf kiezen" refills one from its candidates; an overlapping absence is refused in Dutch', async () => {
  // A duty beyond the staffed weeks that two nurses could take: the first gets it (through the
  // API), falls ill, and the second replaces her from the list of cancelled duties.
  const later = await slots('acute-screening', afterPlan(0), afterPlan(20));
  let duty: { slotId: string; localDate: string; function: string } | undefined;
  let chosen: { id: string; name: string } | undefined;
  for (const s of later.filter((x) => x.status === 'open')) {
    const fits = (await candidates(s.id)).filter((c) => c.violations.length === 0);
    if (fits.length >= 2) {
      duty = { slotId: s.id, localDate: s.localDate, function: 'acute-screening' };
      chosen = { id: fits[0].nurseId, name: fits[0].name };
      break;
    }
  }
  expect(duty && chosen).toBeTruthy();
  expect((await service.call('POST', `/api/slots/${duty!.slotId}/assignments`, { nurseId: chosen!.id }, seed.tokens.coordinator)).status).toBe(201);
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Afwezigheid');
  await page.getByLabel('Verpleegkundige').selectOption({ label: chosen!.name });
  await page.getByRole('heading', { name: `Afwezigheid van ${chosen!.name}` }).waitFor();
  // Empty dates: a Dutch message from the app, not the browser's own bubble.
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await waitText(page.getByRole('alert'), 'Vul beide datums in.');
  await page.getByLabel('Van (datum)').fill(duty!.localDate);
  await page.getByLabel('Tot en met (datum)').fill(duty!.localDate);
  await page.getByLabel('Reden').selectOption('sick');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await waitText(page.getByRole('status'), /^Afwezigheid vastgelegd; (1 dienst vervalt|\d+ diensten vervallen)\.$/);
  const cancelled = page.getByRole('region', { name: 'Vervallen diensten' });
  await cancelled.waitFor();
  await expect(cancelled.textContent()).resolves.toContain(DateTime.fromISO(duty!.localDate).setLocale('nl').toFormat('ccc d LLL').replace('.', ''));
  await expectAccessible(page, 'absence with cancelled duties');
  await screenshot(page, '09a-coordinator-absence-cancelled');
  // The same days again: refused before anything is sent, and the refusal (above the list) is
  // scrolled into view although the button pressed is at the bottom of a low screen.
  await page.setViewportSize({ width: 1400, height: 420 });
  await page.getByRole('button', { name: 'Vastleggen' }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await waitText(page.getByRole('alert'), /^Er is al afwezigheid van /);
  await expectInView(page.getByRole('alert'), 'the refused absence');
  await page.setViewportSize({ width: 1400, height: 900 });
  // Refill the cancelled duty from here, by hand.
  await cancelled
    .getByRole('button', { name: new RegExp(`^Zelf kiezen ${fnNames[duty!.function]}`) })
    .first()
    .click();
  const panel = page.locator('section.panel');
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/onbezet');
  const slotId = new URL(page.url()).searchParams.get('dienst')!;
  expect(slotId).toBe(duty!.slotId);
  const fit = (await candidates(slotId)).find((c) => c.violations.length === 0);
  expect(fit).toBeDefined();
  expect(fit!.nurseId).not.toBe(chosen!.id);
  await panel.getByRole('button', { name: `Inplannen ${fit!.name}` }).click();
  await waitText(panel.locator('.people li', { hasText: fit!.name }).getByRole('status'), `${fit!.name} is ingepland.`);
  const refilled = (await service.call('GET', `/api/slots/${slotId}`)).body as FullSlot;
  expect(refilled.assignments.map((a) => a.nurseId)).toContain(fit!.nurseId);
  await context.close();
});

test('phones: no view scrolls sideways at 390 px (coordinator, insurer, nurse)', async () => {
  for (const [token, tabs] of [
    [seed.tokens.coordinator, ['Onbezet', 'Rooster', 'Per verpleegkundige', 'Dekking per dag', 'Meldingen', 'Ruilverzoeken', 'Afwezigheid', 'Verwijspunt']],
    [seed.tokens.insurer, ['Contracten', 'Dekking', 'Vergoedingen']],
    [seed.tokens.nurse, ['Mijn diensten', 'Over te nemen', 'Agenda op telefoon']],
  ] as const) {
    const context = await newContext(browser, service.base, { mobile: true });
    const page = await signIn(context, token);
    for (const tab of tabs) {
      await openTab(page, tab);
      await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
      await page.waitForTimeout(200);
      await expectNoSidewaysScroll(page, tab);
      if (tab === 'Rooster') {
        await page.locator('.fc-event').first().click();
        await page.locator('section.panel h3', { hasText: 'Kandidaten' }).waitFor();
        await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
        await expectNoSidewaysScroll(page, 'slot panel');
        await page.keyboard.press('Escape');
      }
    }
    await screenshot(page, `20-phone-${tabs[0].replace(/ /g, '-').toLowerCase()}`);
    await context.close();
  }
});

test('coordinator: the month view renders in under a second (measured), keyboard opens a slot, a candidate is assigned and the slot turns covered', async () => {
  const context = await newContext(browser, service.base);
  // Cold loads of the board with the token already in the tab: navigation start → slots drawn.
  await context.addInitScript((token) => sessionStorage.setItem('wijkwacht.token', token), seed.tokens.coordinator);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await context.newPage();
    await p.goto('/rooster');
    await p.locator('.fc-event').first().waitFor();
    loads.push(Math.round(await p.evaluate(() => performance.now())));
    await p.close();
  }
  timings.monthViewColdLoadMs = loads;
  loads.sort((a, b) => a - b);
  timings.monthViewColdLoadMedianMs = loads[2];

  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/rooster');
  await page.locator('.fc-event').first().waitFor();
  await waitText(page.getByRole('heading', { level: 1 }), 'Amsterdam-Amstelland');

  // Switching the function redraws the month from the API.
  const switches: number[] = [];
  for (const fn of ['acute-screening', 'specialist-nursing', 'unplanned-night-care']) {
    const started = Date.now();
    await page.getByLabel('Functie').selectOption(fn);
    await page.locator('.fc-event').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.fc-event-title')?.textContent?.includes('…'));
    switches.push(Date.now() - started);
  }
  timings.monthViewFunctionSwitchMs = switches;
  await expectAccessible(page, 'coordinator month view');
  await screenshot(page, '02-coordinator-month');

  // Keyboard only: Tab from the top of the page reaches a slot; Enter opens its panel.
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('fc-event') ?? false);
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await page.locator('section.panel h2').waitFor();
  // Focus moves into the panel, to its heading, so a keyboard user continues there.
  await page.waitForFunction(() => document.activeElement?.id === 'slot-panel-title', undefined, { timeout: 5_000 });
  await page.getByRole('button', { name: 'Sluiten' }).press('Enter');

  // A future acute-screening slot beyond the staffed weeks, and a candidate that breaks no rule.
  await page.getByLabel('Functie').selectOption('acute-screening');
  const future = await slots('acute-screening', afterPlan(0), afterPlan(18));
  const target = future.find((s) => s.status === 'open')!;
  const fit = (await candidates(target.id)).find((c) => c.violations.length === 0)!;
  expect(fit).toBeDefined();
  const event = await showSlot(page, target.id);
  await expect(event.getAttribute('class')).resolves.toContain('slot-open');
  await event.focus();
  await page.keyboard.press('Enter');
  const panel = page.locator('section.panel');
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  await expectAccessible(page, 'coordinator slot panel');
  await screenshot(page, '03-coordinator-slot-panel');
  const assignButton = panel.getByRole('button', { name: `Inplannen ${fit.name}` });
  await assignButton.focus();
  await page.keyboard.press('Enter');
  await waitText(panel.getByRole('status'), `${fit.name} is ingepland.`);
  await page.locator(`.fc-event.slot-covered[data-id="${target.id}"]`).waitFor();
  await waitText(panel.locator('.badge').first(), 'Gedekt 1/1');
  const after = (await service.call('GET', `/api/slots/${target.id}`)).body;
  expect(after.status).toBe('covered');
  expect(after.assignments.map((a: { nurseId: string }) => a.nurseId)).toEqual([fit.nurseId]);
  await screenshot(page, '04-coordinator-assigned');
  await context.close();
});

test('coordinator: a refused assignment shows the rule in words, never a status code, and changes nothing', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Rooster');
  await page.getByLabel('Functie').selectOption('specialist-nursing');
  const future = await slots('specialist-nursing', afterPlan(0), afterPlan(20));
  let target: SlotRow | undefined;
  let unqualified: CandidateRow | undefined;
  for (const s of future) {
    // One who breaks that rule alone, so the refusal's words are known (a slot the day after the
    // planned period may also be near a candidate's last planned night, depending on the date).
    unqualified = (await candidates(s.id)).find((c) => c.violations.length === 1 && c.violations[0].rule === 'qualification');
    if (unqualified) {
      target = s;
      break;
    }
  }
  expect(target && unqualified).toBeTruthy();
  const before = (await service.call('GET', `/api/slots/${target!.id}`)).body;
  await (await showSlot(page, target!.id)).click();
  const panel = page.locator('section.panel');
  const card = panel.locator('li.candidate', { hasText: unqualified!.name });
  await expect(card.locator('.violations').textContent()).resolves.toContain('Mist een vereiste kwalificatie.');
  await card.getByRole('button', { name: `Inplannen ${unqualified!.name}` }).click();
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  const text = (await alert.textContent())!;
  expect(text).toContain(`Niet ingepland: ${unqualified!.name}.`);
  // The rule in words, without a general sentence before it.
  expect(text).toBe(`Niet ingepland: ${unqualified!.name}. Mist een vereiste kwalificatie.`);
  expect(text).not.toMatch(/\b[45]\d\d\b/);
  await screenshot(page, '05-coordinator-refused');
  expect((await service.call('GET', `/api/slots/${target!.id}`)).body).toEqual(before);
  await context.close();
});

test('coordinator: "Vervangen" on a full slot puts another nurse in one step; a refusal shows at the candidate and changes nothing', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Rooster');
  await page.getByLabel('Functie').selectOption('specialist-nursing');
  // A slot beyond the ones other tests use, made full through the API; then a colleague who could
  // take it but for its fullness, and one who lacks the qualification.
  const later = await slots('specialist-nursing', today().plus({ days: 46 }).toISODate()!, today().plus({ days: 60 }).toISODate()!);
  type Named = { id: string; nurseId: string; nurseName: string };
  let target: (SlotRow & { requiredNurses: number }) | undefined;
  let fits: CandidateRow[] = [];
  let unqualified: CandidateRow | undefined;
  for (const s of later as Array<SlotRow & { requiredNurses: number }>) {
    if (s.status !== 'open') continue;
    const listed = await candidates(s.id);
    fits = listed.filter((c) => c.violations.length === 0);
    unqualified = listed.find((c) => c.violations.some((v) => v.rule === 'qualification'));
    if (fits.length > s.requiredNurses && unqualified) {
      target = s;
      break;
    }
  }
  expect(target && unqualified).toBeTruthy();
  for (const c of fits.slice(0, target!.requiredNurses)) {
    expect((await service.call('POST', `/api/slots/${target!.id}/assignments`, { nurseId: c.nurseId })).status).toBe(201);
  }
  const old = ((await service.call('GET', `/api/slots/${target!.id}`)).body as { assignments: Named[] }).assignments[0];
  // Judged as replacing judges: the fitting colleague breaks nothing, the unqualified one still lacks the qualification.
  const whenReplacing = await candidates(target!.id, old.id);
  const fit = whenReplacing.find((c) => c.violations.length === 0);
  expect(fit).toBeDefined();
  expect(whenReplacing.find((c) => c.nurseId === unqualified!.nurseId)!.violations.map((v) => v.rule)).toContain('qualification');
  await (await showSlot(page, target!.id)).click();
  const panel = page.locator('section.panel');
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  await panel.getByRole('button', { name: `Vervangen ${old.nurseName}` }).click();
  // The candidates list now chooses the replacement; its heading says whom and takes focus.
  const heading = panel.getByRole('heading', { name: `Vervangen: ${old.nurseName}` });
  await heading.waitFor();
  await page.waitForFunction((text) => document.activeElement?.textContent === text, `Vervangen: ${old.nurseName}`, { timeout: 5_000 });
  await expectAccessible(page, 'coordinator replacing a nurse');
  await screenshot(page, '05b-coordinator-replacing');

  // A candidate who breaks a rule: refused at that card, in words; the slot is unchanged.
  const before = (await service.call('GET', `/api/slots/${target!.id}`)).body;
  const card = panel.locator('li.candidate', { hasText: unqualified!.name });
  const refusedButton = card.getByRole('button', { name: new RegExp(`^Laat vervangen door ${unqualified!.name} in plaats van ${old.nurseName}`) });
  await refusedButton.click();
  const alert = card.getByRole('alert');
  await alert.waitFor();
  const text = (await alert.textContent())!;
  expect(text).toContain(`Niet vervangen door ${unqualified!.name}.`);
  expect(text).toContain('Mist een vereiste kwalificatie.');
  expect(text).not.toMatch(/\b[45]\d\d\b/);
  expect(await refusedButton.evaluate((b) => b === document.activeElement)).toBe(true);
  expect((await service.call('GET', `/api/slots/${target!.id}`)).body).toEqual(before);

  // The fitting colleague: no "slot full" when replacing, and one click replaces.
  const fitButton = panel.getByRole('button', { name: `Laat vervangen door ${fit!.name} in plaats van ${old.nurseName}` });
  await fitButton.click();
  const done = panel.locator('.people li', { hasText: fit!.name }).getByRole('status');
  await waitText(done, `${fit!.name} vervangt ${old.nurseName}.`);
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status', undefined, { timeout: 5_000 });
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  // The panel's list of nurses names the new nurse, no longer the replaced one.
  const listed = await panel.locator('.people > li > span:first-child').allTextContents();
  expect(listed).toContain(fit!.name);
  expect(listed).not.toContain(old.nurseName);
  await page.locator(`.fc-event.slot-covered[data-id="${target!.id}"]`).waitFor();
  const after = (await service.call('GET', `/api/slots/${target!.id}`)).body as { status: string; assignments: Named[] };
  expect(after.status).toBe('covered');
  expect(after.assignments.map((a) => a.nurseId)).toContain(fit!.nurseId);
  expect(after.assignments.map((a) => a.nurseId)).not.toContain(old.nurseId);
  await expectAccessible(page, 'coordinator replaced a nurse');
  await screenshot(page, '05c-coordinator-replaced');
  await context.close();
});

test('coordinator: the spring-forward night reads 23:00–07:00 and 7 u, with the browser in New York', async () => {
  let springYear = today().year;
  const lastSunday = (y: number) => {
    const end = DateTime.fromObject({ year: y, month: 3, day: 31 }, { zone: ZONE });
    return end.minus({ days: end.weekday % 7 });
  };
  if (lastSunday(springYear).minus({ days: 1 }) <= today()) springYear++;
  const night = lastSunday(springYear).minus({ days: 1 }).toISODate()!;
  const [slot] = await slots('unplanned-night-care', night, night);
  expect(slot.durationMinutes).toBe(420);
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Rooster');
  const event = await showSlot(page, slot.id);
  await waitText(event.locator('.event-time'), '23:00–07:00');
  await event.click();
  await waitText(page.locator('section.panel .slot-when'), /^23:00–07:00 \(7 u\)/);
  await waitText(
    page.locator('section.panel h2'),
    `Ongeplande nachtzorg, za ${DateTime.fromISO(night).setLocale('nl').toFormat('d LLL yyyy').replace('.', '')}`,
  );
  await screenshot(page, '06-coordinator-dst-night');
  await context.close();
});

test('coordinator: coverage heatmap, open gaps and absences of a nurse', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);

  await page.getByRole('button', { name: 'Dekking per dag' }).click();
  const heatmap = page.locator('table.heatmap');
  await heatmap.waitFor();
  await expect(heatmap.locator('tbody tr').count()).resolves.toBe(4);
  await waitText(heatmap.locator('tbody th').first(), 'Ongeplande nachtzorg');
  await expectAccessible(page, 'heatmap');
  await screenshot(page, '07-coordinator-heatmap');

  await openTab(page, 'Meldingen');
  await page.getByRole('heading', { name: 'Meldingen: onbezet in de komende 72 uur' }).waitFor();
  const alerts = (await service.call('GET', '/api/alerts?regionCode=AMS&status=open', undefined, seed.tokens.coordinator)).body as unknown[];
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  if (alerts.length === 0) await page.getByText('Geen meldingen.', { exact: false }).waitFor();
  else await expect(page.locator('table.data tbody tr').count()).resolves.toBe(alerts.length);
  await expectAccessible(page, 'alerts');
  await screenshot(page, '08-coordinator-alerts');

  await page.getByRole('button', { name: 'Afwezigheid' }).click();
  const nurseSelect = page.getByLabel('Verpleegkundige');
  await nurseSelect.waitFor();
  const nurse = (await nurseSelect.locator('option').nth(3).textContent())!;
  await nurseSelect.selectOption({ label: nurse });
  await page.getByRole('heading', { name: `Afwezigheid van ${nurse}` }).waitFor();
  const from = today().plus({ days: 60 }).toISODate()!;
  const to = today().plus({ days: 62 }).toISODate()!;
  await page.getByLabel('Van (datum)').fill(from);
  await page.getByLabel('Tot en met (datum)').fill(to);
  await page.getByLabel('Reden').selectOption('training');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await waitText(page.getByRole('status'), /^Afwezigheid vastgelegd; (er vervalt geen dienst|1 dienst vervalt|\d+ diensten vervallen)\.$/);
  await page.locator('li.card-row', { hasText: 'scholing' }).waitFor();
  // An absence given elsewhere meanwhile (not in the list on screen): the server's 409 reads in Dutch, naming its dates.
  const nurseId = await nurseSelect.inputValue();
  const elsewhere = await service.call(
    'POST',
    `/api/nurses/${nurseId}/absences`,
    { from: today().plus({ days: 70 }).toISODate(), to: today().plus({ days: 71 }).toISODate(), reason: 'leave' },
    seed.tokens.coordinator,
  );
  expect(elsewhere.status).toBe(201);
  await page.getByLabel('Van (datum)').fill(today().plus({ days: 71 }).toISODate()!);
  await page.getByLabel('Tot en met (datum)').fill(today().plus({ days: 73 }).toISODate()!);
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await waitText(page.getByRole('alert'), /Er is al afwezigheid van .+ tot en met .+; pas die aan of kies andere datums\./);
  await expectAccessible(page, 'absences');
  await screenshot(page, '09-coordinator-absences');
  await context.close();
});

test('coordinator: approves the swap that waits for approval', async () => {
  expect(seed.tokens.swapTaker).not.toBe('');
  const waiting = (await service.call('GET', '/api/offers?status=accepted', undefined, seed.tokens.coordinator)).body as Array<{
    id: string;
    takerNurseName: string;
    newAssignmentId: string | null;
  }>;
  expect(waiting).toHaveLength(1);
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Ruilverzoeken 1');
  const row = page.locator('table.data tbody tr', { hasText: 'overgenomen, wacht op goedkeuring' });
  await row.waitFor();
  await expectAccessible(page, 'offers');
  await screenshot(page, '10-coordinator-offers');
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/offers\/[^/]+\/approve$/.test(new URL(r.url()).pathname));
  await row.getByRole('button', { name: /^Goedkeuren/ }).click();
  // Whether the taker goes beyond her contract hours that week depends on the day the demo starts:
  // the board says so when the answer carries the warning, and only then.
  const { warnings } = (await (await answered).json()) as { warnings: Array<{ rule: string }> };
  const approved = `Goedgekeurd: ${waiting[0].takerNurseName} neemt de dienst over.`;
  if (warnings.length === 0) await waitText(page.getByRole('status'), approved);
  else {
    expect(warnings.map((w) => w.rule)).toEqual(['contract-hours']);
    const escaped = approved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await waitText(
      page.getByRole('status'),
      new RegExp(`^${escaped}\\s*Let op, boven de contracturen: in de week van .+ komen de diensten op .+, .+ meer dan .+ per week\\.$`),
    );
  }
  const offer = (await service.call('GET', '/api/offers?status=approved', undefined, seed.tokens.coordinator)).body as Array<{
    id: string;
    newAssignmentId: string;
  }>;
  expect(offer.map((o) => o.id)).toEqual([waiting[0].id]);
  expect(offer[0].newAssignmentId).toEqual(expect.any(String));
  await context.close();
});

test('insurer: contracts, coverage chart, finalize a statement after confirming, download the CSV', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.insurer);
  const contracts = page.locator('table.data');
  await contracts.waitFor();
  const contractsText = (await contracts.textContent())!;
  expect(contractsText).toContain('Amsterdam-Amstelland');
  expect(contractsText).toContain('Friesland');
  expect(contractsText).not.toContain('Utrecht');
  expect(contractsText).toContain('€\u00a045,00 per te bezetten uur');
  expect(contractsText).not.toMatch(/positie/i);
  await expectAccessible(page, 'insurer contracts');
  await screenshot(page, '11-insurer-contracts');

  await page.getByRole('button', { name: 'Dekking' }).click();
  await page.getByRole('img', { name: /dekkingspercentage/ }).waitFor();
  await expect(page.locator('figure.chart rect').count()).resolves.toBeGreaterThan(0);
  // Every percentage written one way: a decimal comma and a space before % ("33,3 %").
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  const coverageText = (await page.locator('main').textContent())!;
  expect(coverageText).toMatch(/\d(,\d)?\u00a0%/);
  expect(coverageText).not.toMatch(/\d%|\d\.\d+\s?%|\d,\d\d+\s?%/);
  await expectAccessible(page, 'insurer coverage');
  await screenshot(page, '12-insurer-coverage');

  await page.getByRole('button', { name: 'Vergoedingen' }).click();
  await page.getByRole('button', { name: 'Concept (her)berekenen' }).click();
  await waitText(page.getByRole('status'), /^(1 conceptafrekening|\d+ conceptafrekeningen) berekend\.$/);
  const first = page.locator('article.statement').first();
  await first.waitFor();
  // The insurer's screen opens on the last ended month: only that can be finalized.
  const month = today().minus({ months: 1 }).toFormat('yyyy-MM');
  const statements = (await service.call('GET', `/api/fee-statements?month=${month}`, undefined, seed.tokens.insurer)).body as Array<{
    id: string;
    status: string;
    totalCents: number;
    regionCode: string;
    function: string;
  }>;
  expect(statements.length).toBeGreaterThan(0);
  await expectAccessible(page, 'insurer statements');
  await screenshot(page, '13-insurer-statements');
  // A contract with no hours to staff in the month: "nog niet geroosterd", never 100 %.
  const unrostered = page.locator('article.statement', { hasText: 'Acute beoordeling thuis · Noord-Holland Noord' });
  await unrostered.waitFor();
  const unrosteredText = (await unrostered.textContent())!;
  expect(unrosteredText).toContain('Dekking nog niet geroosterd');
  expect(unrosteredText).not.toMatch(/100\s?%/);

  // Cancel first: nothing changes.
  await first.getByRole('button', { name: /^Definitief maken/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await expectAccessible(page, 'finalize dialog');
  await screenshot(page, '14-insurer-finalize-dialog');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const still = (await service.call('GET', `/api/fee-statements?month=${month}`, undefined, seed.tokens.insurer)).body as Array<{ status: string }>;
  expect(still.every((s) => s.status === 'draft')).toBe(true);

  await first.getByRole('button', { name: /^Definitief maken/ }).click();
  await dialog.getByRole('button', { name: 'Ja, definitief maken' }).click();
  await waitText(page.getByRole('status'), 'De afrekening is definitief.');
  await first.locator('.badge', { hasText: 'definitief' }).waitFor();
  // Who finalized it, and when, in the region's zone.
  await waitText(first.getByText(/^Definitief gemaakt door/), /^Definitief gemaakt door Inkoop Zorgverzekeraar Amstel op \S+ \d{1,2} \S+ \d{2}:\d{2}\.$/);
  const finals = (
    (await service.call('GET', `/api/fee-statements?month=${month}`, undefined, seed.tokens.insurer)).body as Array<{ id: string; status: string }>
  ).filter((s) => s.status === 'final');
  expect(finals).toHaveLength(1);

  // The spreadsheet for people: read back with the spreadsheet library, totals as the API has them.
  const [sheetDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Excel (.xlsx)' }).click()]);
  expect(sheetDownload.suggestedFilename()).toBe(`wijkwacht-vergoedingen-${month}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await sheetDownload.path());
  const sheetRows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
  expect(sheetRows[0]).toContain('Verantwoordelijke partij');
  expect(sheetRows).toHaveLength(statements.length + 2);
  const totalColumn = (sheetRows[0] as string[]).indexOf('Totaal (€)');
  const last = sheetRows[sheetRows.length - 1];
  expect(last[0]).toBe('Totaal');
  expect(Math.round((last[totalColumn] as number) * 100)).toBe(statements.reduce((acc, st) => acc + st.totalCents, 0));
  // The month and the times are real dates, not ISO text.
  const header = sheetRows[0] as string[];
  expect(sheetRows[1][header.indexOf('Maand')]).toBeInstanceOf(Date);
  expect(sheetRows[1][header.indexOf('Berekend op')]).toBeInstanceOf(Date);
  expect(sheetRows.flat().some((v) => typeof v === 'string' && /^\d{4}-\d{2}/.test(v))).toBe(false);
  const byColumn = (sheetRows[0] as string[]).indexOf('Definitief door');
  expect(sheetRows.filter((r) => r[byColumn] === 'Inkoop Zorgverzekeraar Amstel')).toHaveLength(1);
  for (const st of statements) {
    const row = sheetRows.find((r) => r.includes(st.regionCode) && r.includes(st.function))!;
    expect(Math.round((row[totalColumn] as number) * 100)).toBe(st.totalCents);
  }
  // The month total on screen is the same sum.
  await waitText(page.locator('table.totals tr.total td'), euroText(statements.reduce((acc, st) => acc + st.totalCents, 0)));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV voor systemen' }).click()]);
  expect(download.suggestedFilename()).toBe(`wijkwacht-vergoedingen-${month}.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^id,contractId,/);
  expect(lines).toHaveLength(statements.length + 1);
  expect(lines.find((l) => l.startsWith(finals[0].id))).toContain('final');

  // The finalized month is closed on the coordinator's roster of that function.
  const finalized = statements.find((st) => st.id === finals[0].id)!;
  const adminContext = await newContext(browser, service.base);
  const admin = await signIn(adminContext, ADMIN_TOKEN);
  await admin.goto(`/rooster?regio=${finalized.regionCode}&functie=${finalized.function}&maand=${month}`);
  await waitText(admin.getByRole('status'), /^Maand gesloten: de afrekening van .+ is definitief/);
  await adminContext.close();

  // The running month cannot be finalized: the screen says from when, and offers no button.
  await page.getByRole('button', { name: 'Maand +1' }).click();
  await page.getByText('is nog niet voorbij: definitief maken kan vanaf', { exact: false }).waitFor();
  await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
  await expect(page.getByRole('button', { name: /^Definitief maken/ }).count()).resolves.toBe(0);
  await expectAccessible(page, 'insurer running month');
  await screenshot(page, '13a-insurer-running-month');
  await page.getByRole('button', { name: 'Maand −1' }).click();
  await page.locator('article.statement').first().waitFor();

  // English on request: the same screen, English words, the same money.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: /^Availability fee/ }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await waitText(page.getByRole('status'), 'The statement is final.');
  const cents = statements.find((st) => st.id === finals[0].id)!.totalCents;
  const englishTotal = `€${String((cents - (cents % 100)) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents % 100).padStart(2, '0')}`;
  await waitText(first.locator('.lines .total td'), englishTotal);
  await screenshot(page, '15-insurer-statements-en');
  await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  await context.close();
});

test('nurse (phone): shifts as a list and a calendar, offers, and the feed link copied with a QR code', async () => {
  const context = await newContext(browser, service.base, { mobile: true, clipboard: true });
  const page = await signIn(context, seed.tokens.nurse);
  await page.locator('li.shift').first().waitFor();
  const shifts = (
    await service.call('GET', `/api/me/shifts?from=${today().toISODate()}&to=${today().plus({ days: 55 }).toISODate()}`, undefined, seed.tokens.nurse)
  ).body as unknown[];
  await expect(page.locator('li.shift').count()).resolves.toBe(shifts.length);
  await waitText(page.locator('li.shift .shift-time').first(), /^\d\d:\d\d–\d\d:\d\d \(\d+ u( \d+ min)?\)$/);
  await expectAccessible(page, 'nurse shifts');
  await screenshot(page, '16-nurse-shifts');

  // Give a shift away from its card: the card shows it is offered; withdrawing makes it hers again.
  const card = page.locator('li.shift').last();
  await card.getByRole('button', { name: /^Dienst weggeven/ }).click();
  await waitText(card.getByRole('status'), /^Aangeboden aan uw collega’s/);
  await waitText(card.locator('.badge-pending'), 'Aangeboden, nog niet overgenomen');
  const mine = (await service.call('GET', '/api/offers?status=open', undefined, seed.tokens.nurse)).body as Array<{ id: string; fromNurseId: string }>;
  const me = (await service.call('GET', '/api/me', undefined, seed.tokens.nurse)).body as { nurseId: string };
  expect(mine.filter((o) => o.fromNurseId === me.nurseId)).toHaveLength(1);
  await expectAccessible(page, 'nurse shift offered');
  await screenshot(page, '16a-nurse-shift-offered');
  await card.getByRole('button', { name: /^Intrekken/ }).click();
  await waitText(card.getByRole('status'), 'Ingetrokken: de dienst blijft van u.');
  await card.getByRole('button', { name: /^Dienst weggeven/ }).waitFor();
  const after = (await service.call('GET', '/api/offers?status=open', undefined, seed.tokens.nurse)).body as Array<{ fromNurseId: string }>;
  expect(after.filter((o) => o.fromNurseId === me.nurseId)).toHaveLength(0);

  await page.getByRole('button', { name: 'Kalender' }).click();
  await page.locator('.fc').waitFor();
  await expectAccessible(page, 'nurse calendar');
  // Nothing on the phone screen is wider than the phone.
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await screenshot(page, '17-nurse-calendar');

  await page.getByRole('button', { name: 'Over te nemen' }).click();
  await page.getByRole('heading', { name: 'Diensten die u kunt overnemen' }).waitFor();
  await expectAccessible(page, 'nurse offers');
  await screenshot(page, '18-nurse-offers');

  await page.getByRole('button', { name: 'Agenda op telefoon' }).click();
  const link = page.getByLabel('Agendalink');
  await link.waitFor();
  // "Toevoegen aan agenda" subscribes through webcal://; the QR code is for wide screens only.
  const add = page.getByRole('link', { name: 'Toevoegen aan agenda' });
  expect(await add.getAttribute('href')).toBe((await link.inputValue()).replace(/^http:/, 'webcal:'));
  await page.getByText('iPhone:', { exact: false }).waitFor();
  await page.getByText('Google Agenda', { exact: false }).waitFor();
  await page.getByText('Outlook:', { exact: false }).waitFor();
  await expect(page.locator('img.qr').isVisible()).resolves.toBe(false);
  await page.getByRole('button', { name: 'Kopieer link' }).click();
  await waitText(page.getByRole('status'), 'Link gekopieerd.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await link.inputValue());
  expect(copied).toMatch(new RegExp(`^${service.base}/api/calendar/[^/]+\\.ics$`));
  const feed = await fetch(copied);
  expect(feed.headers.get('content-type')).toContain('text/calendar');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  // A new link replaces the old one on screen; the old one stops working.
  // Only after confirming; cancelling keeps the old link.
  await page.getByRole('button', { name: /^Nieuwe link maken/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await fetch(copied)).status).toBe(200);
  await page.getByRole('button', { name: /^Nieuwe link maken/ }).click();
  await expectAccessible(page, 'nurse new link dialog');
  await dialog.getByRole('button', { name: 'Ja, nieuwe link maken' }).click();
  await waitText(page.getByRole('status'), 'Nieuwe link gemaakt; de oude werkt niet meer.');
  await page.waitForFunction((old) => (document.getElementById('feed-url') as HTMLInputElement).value !== old, copied);
  expect((await fetch(copied)).status).toBe(404);
  expect((await fetch(await link.inputValue())).status).toBe(200);
  await expectAccessible(page, 'nurse feed');
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await screenshot(page, '19-nurse-feed');
  await context.close();

  // On a wide screen the QR code is there, to move the link to a phone.
  const wide = await newContext(browser, service.base);
  const desk = await signIn(wide, seed.tokens.nurse);
  await openTab(desk, 'Agenda op telefoon');
  await desk.getByRole('img', { name: 'QR-code met de agendalink' }).waitFor();
  await screenshot(desk, '19a-nurse-feed-wide');
  await wide.close();
});

test('a coordinator of Utrecht never sees Amsterdam data, on screen or in what the app loads', async () => {
  const context = await newContext(browser, service.base);
  const seen: string[] = [];
  const leaks: string[] = [];
  const reads: Array<Promise<void>> = [];
  context.on('response', (res: Response) => {
    const path = new URL(res.url()).pathname;
    // Reference lists (regions, providers, consortia) are open to every signed-in user by contract.
    // The live event stream never ends, so its body is not read here; what it carries (request
    // ids of the coordinator's own regions, its own pages) is checked end to end.
    if (path.startsWith('/api/') && !['/api/regions', '/api/providers', '/api/consortia', '/api/me/pages/stream'].includes(path)) {
      seen.push(path);
      reads.push(
        res.text().then(
          (body) => {
            if (body.includes('"AMS"') || body.includes('Amsterdam')) leaks.push(path);
          },
          () => undefined,
        ),
      );
    }
  });
  const page = await signIn(context, utrechtCoordinator);
  const amsterdamNurses = ['Anna de Vries', 'Bram Jansen', 'Carla Dekker', 'Hanna de Boer', 'Iris Vos'];
  const check = async () => {
    await page.waitForFunction(() => !document.body.textContent?.includes('Laden…'));
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain('Amsterdam');
    for (const name of amsterdamNurses) expect(text).not.toContain(name);
  };
  await waitText(page.getByRole('heading', { level: 1 }), 'Utrecht');
  await expect(page.getByLabel('Regio').count()).resolves.toBe(0);
  await check();
  await openTab(page, 'Rooster');
  await page.locator('.fc-event').first().waitFor();
  await page.locator('.fc-event').first().click();
  await page.locator('section.panel h3', { hasText: 'Kandidaten' }).waitFor();
  await check();
  for (const tab of ['Per verpleegkundige', 'Dekking per dag', 'Meldingen', 'Ruilverzoeken', 'Afwezigheid', 'Onbezet']) {
    await openTab(page, tab);
    await check();
  }
  await page.waitForTimeout(300);
  await Promise.all(reads);
  expect(leaks).toEqual([]);
  expect(seen.length).toBeGreaterThan(5);
  await context.close();
});

test('a revoked token sends the user back to the sign-in form (the live stream ends, or the next request)', async () => {
  const user = (await service.call('POST', '/api/users', { name: 'Tijdelijke coördinator', role: 'coordinator', regionCodes: ['FRL'] })).body;
  const context = await newContext(browser, service.base);
  const page = await signIn(context, user.token);
  await waitText(page.getByRole('heading', { level: 1 }), 'Friesland');
  // Let the board finish loading first, so the next request is the click's own.
  await openTab(page, 'Rooster');
  await page.locator('.fc-event').first().waitFor();
  expect((await service.call('DELETE', `/api/users/${user.id}`)).status).toBe(204);
  // The app's live stream ends with the access: the form comes back by itself, or at the next request.
  await Promise.race([openTab(page, 'Meldingen').catch(() => undefined), page.getByLabel('Token').waitFor()]);
  await page.getByLabel('Token').waitFor();
  // The form says why it is back, before anything else.
  await waitText(page.getByRole('alert'), 'Uw sessie is verlopen of ingetrokken. Log opnieuw in.');
  await expect(page.evaluate(() => sessionStorage.getItem('wijkwacht.token'))).resolves.toBeNull();
  await context.close();
});

test('coordinator: an assignment beyond the nurse’s contract hours is made, and the warning stays beside her name', async () => {
  // A nurse of the acute team without contract hours (0 a week): any shift is beyond them.
  const future = await slots('acute-screening', afterPlan(22), afterPlan(27));
  const target = future.find((s) => s.status === 'open' && s.assignments.length === 0)!;
  expect(target).toBeDefined();
  const slot = (await service.call('GET', `/api/slots/${target.id}`)).body as { contractId: string; requiredQualifications: string[] };
  const contract = (await service.call('GET', `/api/contracts/${slot.contractId}`)).body as {
    responsibleParty: { type: string; agb?: string; consortiumId?: string };
  };
  const employer =
    contract.responsibleParty.agb ??
    ((await service.call('GET', `/api/consortia/${contract.responsibleParty.consortiumId}`)).body as { leadAgb: string }).leadAgb;
  const nurse = (
    await service.call('POST', '/api/nurses', {
      name: 'Noor Zonderuren',
      employerAgb: employer,
      qualifications: slot.requiredQualifications,
      contractMinutesPerWeek: 0,
    })
  ).body as { id: string; name: string };
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Rooster');
  await page.getByLabel('Functie').selectOption('acute-screening');
  await (await showSlot(page, target.id)).click();
  const panel = page.locator('section.panel');
  await panel.getByRole('button', { name: `Inplannen ${nurse.name}` }).click();
  const note = panel.locator('.people li', { hasText: nurse.name }).getByRole('status');
  await waitText(
    note,
    new RegExp(
      `^${nurse.name} is ingepland\\. Let op, boven de contracturen: in de week van .+ t/m .+ komen de diensten op \\d+ u( \\d+ min)?, \\d+ u( \\d+ min)? meer dan 0 u per week\\.$`,
    ),
  );
  await expect(note.getAttribute('class')).resolves.toContain('message-warning');
  await expectAccessible(page, 'coordinator slot panel with a contract-hours warning');
  await screenshot(page, '04b-coordinator-contract-hours-warning');
  const after = (await service.call('GET', `/api/slots/${target.id}`)).body as SlotRow;
  expect(after.assignments.map((a) => a.nurseId)).toContain(nurse.id);
  await context.close();
});
