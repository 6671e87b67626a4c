/// <reference lib="dom" />
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, newContext, pageErrors, screenshot, expectAccessible, signIn, startService, waitText } from './support.js';

/**
 * The roster planner in the board, in Chromium against the production build with the demo data:
 * a coordinator fills the roster ("Rooster aanvullen", overtime allowed), reviews the provisional
 * duties, the load per nurse against contract hours (a nurse above 100 % coloured and named) and
 * the positions left open, finds the proposal again after a tab switch and a reload, sees it in the
 * names grid (a month on a 1366 px screen, every day), discards, meets a stale proposal and
 * applies a fresh one; after a sick report "Vervanging zoeken" shows the chain of changes, meets a
 * stale plan with a way forward, and applies; a nurse on a phone marks a day "liever niet" and
 * withdraws it.
 */

const ZONE = 'Europe/Amsterdam';
let service: Awaited<ReturnType<typeof startService>>;
let seed: DemoSeed;
let browser: Browser;
let reliefId: string;

beforeAll(async () => {
  service = await startService();
  seed = await seedDemo(service.base, ADMIN_TOKEN);
  // The demo's planner has staffed the coming weeks; the coordinator then added extra evening
  // duties for the next two weeks, which a new proposal fills.
  const contracts = (await service.call('GET', '/api/contracts?regionCode=AMS')).body as Array<{ id: string; function: string }>;
  const nights = contracts.find((c) => c.function === 'unplanned-night-care')!;
  const extra = await service.call('POST', `/api/contracts/${nights.id}/templates`, {
    name: 'Extra avond',
    rrule: 'FREQ=DAILY;COUNT=14',
    startTime: '15:00',
    endTime: '23:00',
    requiredQualifications: ['district-nurse'],
  });
  expect(extra.status).toBe(201);
  // A relief nurse on 8 h a week whom the coordinator gave three of those evenings by hand: above
  // her contract hours for the next two weeks (the service warns, never refuses, a hand assignment).
  const relief = await service.call('POST', '/api/nurses', {
    name: 'Wil Oproep',
    employerAgb: '75010001',
    qualifications: ['district-nurse'],
    contractMinutesPerWeek: 480,
  });
  expect(relief.status).toBe(201);
  reliefId = relief.body.id;
  const evenings = (
    (await service.call('GET', `/api/slots?regionCode=AMS&function=unplanned-night-care&from=${inDays(2)}&to=${inDays(8)}`)).body as Array<{
      id: string;
      start: string;
      localDate: string;
    }>
  ).filter((s) => DateTime.fromISO(s.start).setZone(ZONE).hour === 15);
  for (const day of [2, 5, 8]) {
    const evening = evenings.find((s) => s.localDate === inDays(day))!;
    expect((await service.call('POST', `/api/slots/${evening.id}/assignments`, { nurseId: reliefId })).status).toBe(201);
  }
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const today = () => DateTime.now().setZone(ZONE);
const inDays = (n: number) => today().plus({ days: n }).toISODate() as string;

interface PlanBody {
  id: string;
  regionCode: string;
  status: string;
  from: string;
  to: string;
  overtimePct: number;
  repair: boolean;
  proposals: Array<{ slotId: string; nurseId: string; nurseName: string; function: string; localDate: string; replacesAssignmentId?: string }>;
  unfilled: Array<{ slotId: string; reasons: Array<{ rule: string; nurses: number }> }>;
  nurses: Array<{
    nurseId: string;
    name: string;
    contractMinutesPerWeek: number | null;
    minutesBefore: number;
    minutesProposed: number;
    overtimeMinutes: number;
  }>;
  summary: { proposed: number; unfilled: number; changed: number };
}

/** Presses the button that makes a proposal and returns the plan the service answered. */
async function propose(page: Page, button: string, within: Page | ReturnType<Page['locator']> = page): Promise<PlanBody> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/roster-plans');
  await within.getByRole('button', { name: button, exact: true }).click();
  const res = await answered;
  expect(res.status()).toBe(201);
  return (await res.json()) as PlanBody;
}

/** Clicks a tab of the main menu (its name may carry a count: "Onbezet 4"). */
async function openTab(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('button', { name: new RegExp(`^${name}( \\d+)?$`) })
    .click();
}

/** "+2 u 17 min overuren", as the board names minutes beyond contract hours. */
function overtimeWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `+${h > 0 ? `${h} u` : ''}${h > 0 && m > 0 ? ' ' : ''}${m > 0 ? `${m} min` : ''} overuren`;
}

test('coordinator: "Rooster aanvullen" with overtime allowed draws a provisional proposal and the load against contract hours; it survives a tab switch and a reload, and shows in the names grid', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.goto('/rooster');
  await page.locator('.fc-event').first().waitFor();

  // The period asked for: the month shown, from today at the earliest; no overtime unless chosen.
  await page.getByRole('button', { name: 'Rooster aanvullen', exact: true }).click();
  const start = today().toISODate() as string;
  await expect(page.getByLabel('Eerste dag').inputValue()).resolves.toBe(start);
  await expect(page.getByLabel('Laatste dag (tot en met)').inputValue()).resolves.toBe(today().endOf('month').toISODate());
  await expect(page.getByLabel('Overuren toestaan (%)').inputValue()).resolves.toBe('0');
  // Two weeks, whatever the day of the month the test runs on.
  const end = inDays(13);
  await page.getByLabel('Laatste dag (tot en met)').fill(end);
  // More than 50 % is refused in words before anything is sent.
  let sent = 0;
  const count = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/roster-plans') sent++;
  };
  page.on('request', count);
  await page.getByLabel('Overuren toestaan (%)').fill('60');
  await page.getByRole('button', { name: 'Voorstel maken', exact: true }).click();
  await waitText(page.getByRole('alert'), 'Kies voor overuren een heel percentage van 0 tot en met 50.');
  expect(sent).toBe(0);
  page.off('request', count);
  await page.getByLabel('Overuren toestaan (%)').fill('10');
  const first = await propose(page, 'Voorstel maken');
  expect(first).toMatchObject({ status: 'proposed', from: start, to: end, overtimePct: 10, repair: false });
  expect(first.proposals.length).toBeGreaterThan(0);

  // The function with the most proposals, drawn striped and named "Voorstel".
  const counts = new Map<string, number>();
  for (const p of first.proposals) counts.set(p.function, (counts.get(p.function) ?? 0) + 1);
  const fn = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  await page.getByLabel('Functie').selectOption(fn);
  const provisional = page.locator('.fc-event.slot-proposal:visible');
  await provisional.first().waitFor();
  await expect(provisional.first().getAttribute('aria-label')).resolves.toMatch(/Voorstel: /);
  await expect(provisional.first().evaluate((el) => getComputedStyle(el).borderTopStyle)).resolves.toBe('dashed');
  await page.getByText('Voorstel (nog niet ingepland)').waitFor();
  await waitText(page.locator('.plan-figures'), new RegExp(`Voorgesteld${first.summary.proposed} dienst`));
  await waitText(page.locator('.plan-figures'), /Overuren toegestaan10\u00a0%/);

  // The load per nurse against contract hours: every candidate, the most loaded first; a nurse
  // above 100 % coloured and named with her overtime, the others not.
  const load = page.getByRole('table', { name: /Uren in de periode/ });
  await expect(load.locator('tbody tr').count()).resolves.toBe(first.nurses.length);
  const days = 14;
  const relative = (n: PlanBody['nurses'][number]) => (n.minutesBefore + n.minutesProposed) / (n.contractMinutesPerWeek ?? 2160);
  const expected = [...first.nurses].sort((a, b) => relative(b) - relative(a) || a.name.localeCompare(b.name, 'nl'));
  await expect(load.locator('tbody th').allTextContents()).resolves.toEqual(expected.map((n) => n.name));
  const relief = first.nurses.find((n) => n.nurseId === reliefId)!;
  expect(relief).toMatchObject({ minutesBefore: 1440, minutesProposed: 0, overtimeMinutes: 480 });
  const reliefRow = load.getByRole('row', { name: /Wil Oproep/ });
  await waitText(reliefRow.locator('td.load-pct'), '150\u00a0%▲ +8 u overuren');
  const calm = expected.find((n) => n.overtimeMinutes === 0 && n.contractMinutesPerWeek)!;
  const calmRow = load.getByRole('row', { name: new RegExp(calm.name) });
  const pct = Math.floor((1000 * 7 * (calm.minutesBefore + calm.minutesProposed)) / (calm.contractMinutesPerWeek! * days)) / 10;
  await waitText(calmRow.locator('td.load-pct'), `${String(pct).replace('.', ',')}\u00a0%`);
  const background = (row: typeof reliefRow) => row.locator('td.load-pct').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(reliefRow)).not.toBe(await background(calmRow));
  for (const n of first.nurses.filter((x) => x.overtimeMinutes > 0))
    await expect(load.getByRole('row', { name: new RegExp(n.name) }).textContent()).resolves.toContain(overtimeWords(n.overtimeMinutes));
  await expect(load.locator('.load-flag').count()).resolves.toBe(first.nurses.filter((x) => x.overtimeMinutes > 0).length);
  // Open places with their reasons in words (when the plan leaves any).
  if (first.unfilled.length > 0) {
    const reason = first.unfilled.find((u) => u.reasons.some((r) => r.nurses > 1));
    if (reason)
      await page
        .locator('.plan-reasons li')
        .filter({ hasText: /verpleegkundigen: / })
        .first()
        .waitFor();
  } else {
    await page.getByText('Alle open plekken in deze periode zijn in het voorstel bezet.').waitFor();
  }
  await expectAccessible(page, 'roster plan proposal');
  await screenshot(page, '20-coordinator-roster-plan');

  // A tab switch and a reload find the proposal again (GET /api/roster-plans?status=proposed); the month stays in the address.
  const heading = page.getByRole('heading', { name: /^Voorstel .* – / });
  await openTab(page, 'Onbezet');
  await page.getByRole('heading', { name: /^De komende 14 dagen/ }).waitFor();
  await openTab(page, 'Rooster');
  await heading.waitFor();
  expect(new URL(page.url()).searchParams.get('maand')).toBe(today().toFormat('yyyy-MM'));
  await page.reload();
  await heading.waitFor();
  await page.locator('.fc-event.slot-proposal').first().waitFor();
  await waitText(load.getByRole('row', { name: /Wil Oproep/ }).locator('td.load-pct'), /\+8 u overuren/);
  expect(new URL(page.url()).searchParams.get('maand')).toBe(today().toFormat('yyyy-MM'));

  // The names grid of the month of the first proposal, on a 1366 px screen: every day shows.
  const month = DateTime.fromISO(first.proposals[0].localDate, { zone: 'UTC' });
  await page.setViewportSize({ width: 1366, height: 768 });
  // A wish in that month, marked in the grid ("LN", liever niet).
  const wishDay = month.endOf('month').toISODate() as string;
  expect((await service.call('POST', `/api/nurses/${reliefId}/wishes`, { date: wishDay, kind: 'rather-not' })).status).toBe(201);
  await page.goto(`/raster?weergave=maand&maand=${month.toFormat('yyyy-MM')}`);
  const grid = page.locator('table.roster-grid');
  await grid.locator('.grid-proposal').first().waitFor();
  const headers = grid.locator('thead th');
  await expect(headers.count()).resolves.toBe(month.daysInMonth! + 2);
  for (let i = 2; i < month.daysInMonth! + 2; i++) {
    const box = (await headers.nth(i).boundingBox())!;
    expect({ day: i - 1, inside: box.x >= 0 && box.x + box.width <= 1366 && box.width >= 20 }).toEqual({ day: i - 1, inside: true });
  }
  const scroll = await grid.evaluate((el) => ({ table: el.scrollWidth, box: el.parentElement!.clientWidth, page: document.documentElement.scrollWidth }));
  expect(scroll.table).toBeLessThanOrEqual(scroll.box);
  expect(scroll.page).toBeLessThanOrEqual(1366);
  // Weekends shaded; the proposal drawn apart (striped, dashed) and named; the wish marked.
  const weekendDays = Array.from({ length: month.daysInMonth! }, (_, i) => month.plus({ days: i })).filter((d) => d.weekday >= 6).length;
  await expect(grid.locator('thead th.grid-weekend').count()).resolves.toBe(weekendDays);
  const inMonth = first.proposals.filter((p) => p.localDate.startsWith(month.toFormat('yyyy-MM')));
  await expect(grid.locator('.grid-proposal').count()).resolves.toBe(inMonth.length);
  const drawn = grid.locator(`.grid-proposal button[data-slot-id="${inMonth[0].slotId}"]`).first();
  await expect(drawn.textContent()).resolves.toMatch(/^Voorstel: /);
  await expect(drawn.evaluate((el) => getComputedStyle(el.parentElement!).borderTopStyle)).resolves.toBe('dashed');
  const reliefGridRow = grid.locator('tbody tr', { has: page.locator('th', { hasText: 'Wil Oproep' }) });
  await expect(reliefGridRow.locator('.grid-wish').textContent()).resolves.toMatch(/^LN liever niet$/);
  await expect(grid.locator('thead th').nth(1).textContent()).resolves.toMatch(/met voorstel/);
  await expectAccessible(page, 'names grid month with a proposal');
  await screenshot(page, '23-coordinator-grid-month-plan');
  // A cell opens its slot.
  await drawn.click();
  await page.locator('section.panel').getByRole('heading', { name: 'Kandidaten' }).waitFor();
  expect(new URL(page.url()).searchParams.get('dienst')).toBe(inMonth[0].slotId);
  await page.keyboard.press('Escape');

  // A week of the relief nurse's evenings: her hours against 8 h, above it coloured and named.
  await page.setViewportSize({ width: 1400, height: 900 });
  const week = DateTime.fromISO(inDays(5), { zone: 'UTC' }).startOf('week');
  await page.goto(`/raster?datum=${week.toISODate()}`);
  await grid.locator('.grid-proposal, .grid-duty').first().waitFor();
  const evenings = [2, 5, 8].filter((d) => inDays(d) >= (week.toISODate() as string) && inDays(d) <= (week.plus({ days: 6 }).toISODate() as string)).length;
  const weekHours = grid
    .locator('tbody tr', { has: page.locator('th', { hasText: 'Wil Oproep' }) })
    .locator('td.grid-hours')
    .first();
  await waitText(weekHours, new RegExp(`^${evenings * 8} u / 8 u${evenings * 8 > 8 ? `.*\\+${evenings * 8 - 8} u overuren` : ''}`));
  expect(await weekHours.evaluate((el) => el.classList.contains('load-over'))).toBe(evenings > 1);
  await screenshot(page, '24-coordinator-grid-week-plan');

  // Discard: nothing changes, the provisional duties go.
  await page.getByRole('button', { name: 'Voorstel verwerpen' }).click();
  await waitText(page.getByRole('status'), 'Voorstel verworpen; er is niets veranderd.');
  await page.waitForFunction(() => document.querySelectorAll('.grid-proposal').length === 0);
  expect((await service.call('GET', `/api/roster-plans/${first.id}`)).body.status).toBe('discarded');
  await context.close();
});

test('coordinator: a proposal the roster outran is refused with a way forward; a fresh one is applied', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.goto('/rooster');
  await page.locator('.fc-event').first().waitFor();
  const end = inDays(13);
  // A proposal the region outruns: an absence recorded meanwhile makes it stale.
  await expect(page.getByRole('heading', { name: /^Voorstel .* – / }).count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Rooster aanvullen', exact: true }).click();
  await page.getByLabel('Laatste dag (tot en met)').fill(end);
  const second = await propose(page, 'Voorstel maken');
  const far = today().plus({ days: 200 }).toISODate();
  const absence = await service.call('POST', `/api/nurses/${second.nurses[second.nurses.length - 1].nurseId}/absences`, {
    from: far,
    to: far,
    reason: 'training',
  });
  expect(absence.status).toBe(201);
  await page.getByRole('button', { name: 'Voorstel doorvoeren' }).click();
  await waitText(page.getByRole('alert'), /Het rooster is veranderd sinds dit voorstel is gemaakt; maak een nieuw voorstel\./);
  expect((await service.call('GET', `/api/roster-plans/${second.id}`)).body.status).toBe('proposed');

  // A fresh proposal, applied: every proposal becomes an assignment, the calendar shows them.
  const third = await propose(page, 'Nieuw voorstel maken');
  expect(third.proposals.length).toBeGreaterThan(0);
  await page.getByLabel('Functie').selectOption(third.proposals[0].function);
  await page.locator('.fc-event.slot-proposal:visible').first().waitFor();
  await page.getByRole('button', { name: 'Voorstel doorvoeren' }).click();
  await waitText(page.getByRole('status'), `Doorgevoerd: ${third.proposals.length === 1 ? '1 dienst' : `${third.proposals.length} diensten`} ingepland.`);
  await page.waitForFunction(() => document.querySelectorAll('.fc-event.slot-proposal').length === 0);
  const shown = third.proposals.find((p) => p.function === third.proposals[0].function)!;
  const slot = (await service.call('GET', `/api/slots/${shown.slotId}`)).body as { status: string; assignments: Array<{ nurseId: string }> };
  expect(slot.assignments.map((a) => a.nurseId)).toContain(shown.nurseId);
  const event = page.locator(`.fc-event[data-id="${shown.slotId}"]`);
  await waitText(event, new RegExp(slot.status === 'covered' ? 'Gedekt' : 'Deels'));
  expect((await service.call('GET', `/api/roster-plans/${third.id}`)).body.status).toBe('applied');
  await screenshot(page, '21-coordinator-roster-plan-applied');
  await context.close();
});

test('coordinator: after a sick report "Vervanging zoeken" shows the chain of changes before anything happens; a plan the roster outran is said with a way forward; "Doorvoeren" applies it', async () => {
  // A night nurse of Amsterdam with duties in the coming days falls ill for three days.
  const staff = (
    (await service.call('GET', '/api/nurses', undefined, seed.tokens.coordinator)).body as Array<{ id: string; name: string; employerAgb: string }>
  ).filter((n) => n.employerAgb === '75010001' && n.id !== reliefId);
  let sick: { id: string; name: string } | undefined;
  let duties: Array<{ id: string; slotId: string; localDate: string }> = [];
  for (const n of staff) {
    duties = (await service.call('GET', `/api/nurses/${n.id}/shifts?from=${inDays(1)}&to=${inDays(3)}`)).body;
    if (duties.length >= 2) {
      sick = n;
      break;
    }
  }
  expect(sick).toBeDefined();
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await openTab(page, 'Afwezigheid');
  await page.getByLabel('Verpleegkundige').selectOption({ label: sick!.name });
  await page.getByLabel('Van (datum)').fill(inDays(1));
  await page.getByLabel('Tot en met (datum)').fill(inDays(3));
  await page.getByLabel('Reden').selectOption('sick');
  const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/nurses\/[^/]+\/absences$/.test(new URL(r.url()).pathname));
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  const gone = ((await (await recorded).json()) as { cancelledAssignments: Array<{ slotId: string; start: string }> }).cancelledAssignments;
  expect(gone.map((c) => c.slotId).sort()).toEqual(duties.map((d) => d.slotId).sort());
  const cancelled = page.getByRole('region', { name: 'Vervallen diensten' });
  await cancelled.waitFor();
  await expect(cancelled.locator('li.gap-row').count()).resolves.toBe(gone.length);

  // "Vervanging zoeken": a repair plan over the days of the cancelled duties.
  // The weeks of the cancelled duties (a plan holds each nurse to her contract share over its
  // days: over whole weeks that is her weekly hours), with the overtime allowed.
  const dates = gone.map((c) => DateTime.fromISO(c.start).setZone(ZONE).toISODate() as string).sort();
  const weeks = {
    from: DateTime.fromISO(dates[0], { zone: 'UTC' }).startOf('week').toISODate(),
    to: DateTime.fromISO(dates[dates.length - 1], { zone: 'UTC' })
      .endOf('week')
      .toISODate(),
  };
  await waitText(cancelled.locator('.repair-find p').first(), new RegExp(`^De planner zoekt vervanging in de weken van `));
  await cancelled.getByLabel('Overuren toestaan (%)').fill('20');
  const repair = await propose(page, 'Vervanging zoeken', cancelled);
  expect(repair).toMatchObject({ status: 'proposed', repair: true, regionCode: 'AMS', ...weeks, overtimePct: 20 });
  expect(repair.proposals.length).toBeGreaterThan(0);
  const chain = cancelled.locator('.repair-chain li');
  await chain.first().waitFor();
  await expect(chain.count()).resolves.toBe(repair.proposals.length);
  const texts = await chain.locator('.chain-text').allTextContents();
  for (const text of texts) expect(text).toMatch(/^.+ neemt de (nacht|dag|avond|bereikbaarheidsdienst) van \S+ \d{1,2} \S+( over van .+)?$/);
  // Each duty the sick nurse left says whom it comes from; each hand-over too.
  const vacated = new Set(duties.map((d) => d.slotId));
  for (const p of repair.proposals) {
    const line = texts.find((x) => x.startsWith(`${p.nurseName} neemt`) && (p.replacesAssignmentId ? / over van /.test(x) : true));
    expect({ proposal: p.slotId, line: line ?? null }).toEqual({ proposal: p.slotId, line: expect.any(String) });
    if (!p.replacesAssignmentId && vacated.has(p.slotId))
      expect(texts.filter((x) => x.startsWith(p.nurseName) && x.endsWith(`over van ${sick!.name} (afwezig)`)).length).toBeGreaterThan(0);
  }
  // Nothing has happened yet.
  for (const p of repair.proposals) {
    const slot = (await service.call('GET', `/api/slots/${p.slotId}`)).body as { assignments: Array<{ nurseId: string }> };
    expect(slot.assignments.map((a) => a.nurseId)).not.toContain(p.nurseId);
  }
  await expectAccessible(page, 'repair chain');
  await screenshot(page, '25-coordinator-repair-chain');

  // The roster changes meanwhile: "Doorvoeren" is refused whole, in words, with "Opnieuw zoeken".
  const other = repair.nurses.find((n) => n.nurseId !== sick!.id)!;
  const far = today().plus({ days: 210 }).toISODate();
  expect((await service.call('POST', `/api/nurses/${other.nurseId}/absences`, { from: far, to: far, reason: 'training' })).status).toBe(201);
  await cancelled.getByRole('button', { name: 'Doorvoeren' }).click();
  await waitText(
    cancelled.getByRole('alert'),
    'Het rooster is veranderd sinds deze vervanging is gezocht; er is niets veranderd. Zoek opnieuw vervanging op het rooster van nu.',
  );
  expect((await service.call('GET', `/api/roster-plans/${repair.id}`)).body.status).toBe('proposed');
  const again = await propose(page, 'Opnieuw zoeken', cancelled);
  expect(again.repair).toBe(true);
  // The plan the roster outran is discarded, so that nothing reopens it.
  let status = '';
  for (let i = 0; i < 50 && status !== 'discarded'; i++) {
    status = (await service.call('GET', `/api/roster-plans/${repair.id}`)).body.status;
    if (status !== 'discarded') await page.waitForTimeout(100);
  }
  expect(status).toBe('discarded');
  await cancelled.locator('.repair-chain li').first().waitFor();
  await expect(cancelled.locator('.repair-chain li').count()).resolves.toBe(again.proposals.length);

  // "Doorvoeren": every change happens, in one go.
  expect(again.proposals.length).toBeGreaterThan(0);
  await cancelled.getByRole('button', { name: 'Doorvoeren' }).click();
  await waitText(
    cancelled.getByRole('status'),
    `Doorgevoerd: ${again.proposals.length === 1 ? '1 dienst' : `${again.proposals.length} diensten`}, waarvan ${again.summary.changed} overgedragen.`,
  );
  for (const p of again.proposals) {
    const slot = (await service.call('GET', `/api/slots/${p.slotId}`)).body as { assignments: Array<{ id: string; nurseId: string }> };
    expect(slot.assignments.map((a) => a.nurseId)).toContain(p.nurseId);
    if (p.replacesAssignmentId) expect(slot.assignments.map((a) => a.id)).not.toContain(p.replacesAssignmentId);
  }
  expect((await service.call('GET', `/api/roster-plans/${again.id}`)).body.status).toBe('applied');

  // The names grid marks her absence on its days.
  await page.goto(`/raster?datum=${inDays(1)}`);
  const row = page.locator('table.roster-grid tbody tr', { has: page.locator('th', { hasText: sick!.name }) });
  await row.locator('.grid-absent').first().waitFor();
  await expect(row.locator('.grid-absent').first().textContent()).resolves.toBe('ziek');
  await context.close();
});

test('nurse (phone): marks a day "liever niet", is told a second wish for it exists, and withdraws it', async () => {
  // The demo gave this nurse a wish for the coming Saturday; she starts this test without any.
  for (const w of (await service.call('GET', '/api/me/wishes', undefined, seed.tokens.nurse)).body as Array<{ id: string }>) {
    expect((await service.call('DELETE', `/api/wishes/${w.id}`, undefined, seed.tokens.nurse)).status).toBe(204);
  }
  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, seed.tokens.nurse);
  await page.getByRole('button', { name: 'Liever niet', exact: true }).click();
  await page.getByRole('heading', { name: 'Dagen waarop ik liever niet werk' }).waitFor();
  await page.getByText('U heeft geen wensen voor de komende tijd.').waitFor();

  const day = today().plus({ days: 10 });
  await page.getByLabel('Datum').fill(day.toISODate() as string);
  await page.getByRole('button', { name: 'Liever niet werken', exact: true }).click();
  await waitText(page.getByRole('status'), /^Genoteerd: .* liever niet\.$/);
  const wishes = (await service.call('GET', `/api/me/wishes`, undefined, seed.tokens.nurse)).body as Array<{ id: string; date: string }>;
  expect(wishes.map((w) => w.date)).toEqual([day.toISODate()]);
  await page.locator('.wish-list li').first().waitFor();

  // The same day again: answered in words, nothing added.
  await page.getByRole('button', { name: 'Liever niet werken', exact: true }).click();
  await waitText(page.getByRole('alert'), 'Voor deze dag heeft u al een wens.');
  await expect(page.locator('.wish-list li').count()).resolves.toBe(1);
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await expectAccessible(page, 'nurse wishes');
  await screenshot(page, '22-nurse-wishes');

  await page.getByRole('button', { name: /^Intrekken/ }).click();
  await waitText(page.getByRole('status'), /^Wens voor .* ingetrokken\.$/);
  await page.getByText('U heeft geen wensen voor de komende tijd.').waitFor();
  expect((await service.call('GET', `/api/me/wishes`, undefined, seed.tokens.nurse)).body).toEqual([]);
  await context.close();
});
