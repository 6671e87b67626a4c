/// <reference lib="dom" />
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, launchBrowser, newContext, pageErrors, screenshot, expectAccessible, signIn, startService, waitText } from './support.js';

/**
 * The roster planner in the board, in Chromium against the production build with the demo data:
 * a coordinator fills the roster ("Rooster aanvullen"), reviews the provisional duties, the load
 * per nurse and the positions left open, discards, meets a stale proposal and applies a fresh
 * one; a nurse on a phone marks a day "liever niet" and withdraws it.
 */

const ZONE = 'Europe/Amsterdam';
let service: Awaited<ReturnType<typeof startService>>;
let seed: DemoSeed;
let browser: Browser;

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

interface PlanBody {
  id: string;
  status: string;
  from: string;
  to: string;
  proposals: Array<{ slotId: string; nurseId: string; nurseName: string; function: string }>;
  unfilled: Array<{ slotId: string; reasons: Array<{ rule: string; nurses: number }> }>;
  nurses: Array<{ nurseId: string; name: string }>;
  summary: { proposed: number; unfilled: number };
}

/** Presses the button that makes a proposal and returns the plan the service answered. */
async function propose(page: Page, button: string): Promise<PlanBody> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/roster-plans');
  await page.getByRole('button', { name: button, exact: true }).click();
  const res = await answered;
  expect(res.status()).toBe(201);
  return (await res.json()) as PlanBody;
}

test('coordinator: "Rooster aanvullen" draws a provisional proposal with the load per nurse; discard, a stale proposal, then apply', async () => {
  const context = await newContext(browser, service.base);
  const page = await signIn(context, seed.tokens.coordinator);
  await page.goto('/rooster');
  await page.locator('.fc-event').first().waitFor();

  // The period asked for: the month shown, from today at the earliest.
  await page.getByRole('button', { name: 'Rooster aanvullen', exact: true }).click();
  const start = today().toISODate() as string;
  await expect(page.getByLabel('Eerste dag').inputValue()).resolves.toBe(start);
  await expect(page.getByLabel('Laatste dag (tot en met)').inputValue()).resolves.toBe(today().endOf('month').toISODate());
  // Two weeks, whatever the day of the month the test runs on.
  const end = today().plus({ days: 13 }).toISODate() as string;
  await page.getByLabel('Laatste dag (tot en met)').fill(end);
  const first = await propose(page, 'Voorstel maken');
  expect(first).toMatchObject({ status: 'proposed', from: start, to: end });
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

  // The load per nurse: every candidate nurse, hours before → after.
  const load = page.getByRole('table', { name: /Uren in de periode/ });
  await expect(load.locator('tbody tr').count()).resolves.toBe(first.nurses.length);
  const busiest = first.proposals[0].nurseName;
  await expect(
    load
      .getByRole('row', { name: new RegExp(busiest) })
      .first()
      .textContent(),
  ).resolves.toMatch(/→/);
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

  // Discard: nothing changes, the provisional duties go.
  await page.getByRole('button', { name: 'Voorstel verwerpen' }).click();
  await waitText(page.getByRole('status'), 'Voorstel verworpen; er is niets veranderd.');
  // The calendar loads its events again without the proposal.
  await page.waitForFunction(() => document.querySelectorAll('.fc-event.slot-proposal').length === 0);
  expect((await service.call('GET', `/api/roster-plans/${first.id}`)).body.status).toBe('discarded');

  // A proposal the region outruns: an absence recorded meanwhile makes it stale.
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
