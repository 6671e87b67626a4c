/// <reference lib="dom" />
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { type DemoSeed, seedDemo } from '../../src/demo/seed.js';
import { ADMIN_TOKEN, expectAccessible, launchBrowser, newContext, pageErrors, screenshot, signIn, startService, waitText } from './support.js';

/**
 * A nurse offers a shift to a named colleague from its card and the colleague finds it under
 * "Over te nemen"; a coordinator whose session ends while assigning is told what was not saved
 * and, signed in again in the same tab, redoes it. The production build with the demo data.
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

const today = () => DateTime.now().setZone('Europe/Amsterdam').toISODate()!;
const inDays = (n: number) => DateTime.now().setZone('Europe/Amsterdam').plus({ days: n }).toISODate()!;

interface ShiftRow {
  id: string;
  localDate: string;
}
interface OfferCandidateRow {
  nurseId: string;
  name: string;
  fits: boolean;
  rules: string[];
}

test('nurse (phone): offers a shift to a named colleague from its card; the colleague sees it under Over te nemen', async () => {
  const shifts = (await service.call('GET', `/api/me/shifts?from=${today()}&to=${inDays(55)}`, undefined, seed.tokens.nurse)).body as ShiftRow[];
  const offered = new Set(
    ((await service.call('GET', '/api/offers', undefined, seed.tokens.nurse)).body as Array<{ assignmentId: string; status: string }>)
      .filter((o) => o.status === 'open' || o.status === 'accepted')
      .map((o) => o.assignmentId),
  );
  // The last shift not yet offered, and a colleague it fits.
  let shift: ShiftRow | undefined;
  let colleague: OfferCandidateRow | undefined;
  for (const s of [...shifts].reverse().filter((x) => !offered.has(x.id))) {
    const list = (await service.call('GET', `/api/assignments/${s.id}/offer-candidates`, undefined, seed.tokens.nurse)).body as OfferCandidateRow[];
    colleague = list.find((c) => c.fits);
    if (colleague) {
      shift = s;
      break;
    }
  }
  expect(shift && colleague).toBeTruthy();
  const colleagueUser = (await service.call('POST', '/api/users', { name: `Collega ${colleague!.name}`, role: 'nurse', nurseId: colleague!.nurseId })).body as {
    token: string;
  };

  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, seed.tokens.nurse);
  const index = shifts.findIndex((s) => s.id === shift!.id);
  const card = page.locator('li.shift').nth(index);
  await card.getByRole('button', { name: /^Dienst weggeven/ }).waitFor();
  await card.getByRole('button', { name: /^Ruilen met collega/ }).click();
  const pick = card.getByLabel('Collega');
  await pick.waitFor();
  await pick.selectOption(colleague!.nurseId);
  await expectAccessible(page, 'nurse swap picker');
  await screenshot(page, 'nurse-swap-picker');
  await card.getByRole('button', { name: 'Aanbieden' }).click();
  await waitText(card.getByRole('status'), new RegExp(`^Aangeboden aan ${colleague!.name};`));
  await waitText(card.locator('.badge-pending'), `Aangeboden aan ${colleague!.name}`);
  await card.getByRole('button', { name: /^Intrekken/ }).waitFor();
  const made = (
    (await service.call('GET', '/api/offers?status=open', undefined, seed.tokens.nurse)).body as Array<{ id: string; assignmentId: string; toNurseId: string }>
  ).find((o) => o.assignmentId === shift!.id);
  expect(made?.toNurseId).toBe(colleague!.nurseId);
  await context.close();

  // The colleague, on her phone, finds it under "Over te nemen", from this nurse.
  const theirs = await newContext(browser, service.base, { mobile: true });
  const other = await signIn(theirs, colleagueUser.token);
  await other.getByRole('button', { name: 'Over te nemen' }).click();
  await other.getByRole('heading', { name: 'Diensten die u kunt overnemen' }).waitFor();
  const offerCard = other.locator('li.shift', { hasText: `van ${seed.nurseName}` });
  await offerCard.getByRole('button', { name: /^Overnemen/ }).waitFor();
  await expectAccessible(other, 'colleague offers');
  await screenshot(other, 'nurse-swap-colleague');
  await theirs.close();
  // Withdrawn again, so that the demo stays as it was.
  expect((await service.call('POST', `/api/offers/${made!.id}/withdraw`, {}, seed.tokens.nurse)).status).toBe(200);
});

test('coordinator: an assignment made after the session ended is kept and named; only the same user is offered it again, and redone it is saved', async () => {
  const newCoordinator = async () =>
    (await service.call('POST', '/api/users', { name: 'Coördinator Amsterdam (tijdelijk)', role: 'coordinator', regionCodes: ['AMS'] })).body as {
      id: string;
      token: string;
    };
  const first = await newCoordinator();
  // An open position in the coming two weeks: a staffed one whose nurse is taken off again (the
  // demo's planner leaves none that a nurse could still take), so that nurse fits it.
  const staffed = (
    (await service.call('GET', `/api/slots?regionCode=AMS&from=${inDays(2)}&to=${inDays(13)}`)).body as Array<{
      id: string;
      assignments: Array<{ id: string; nurseId: string }>;
    }>
  ).filter((s) => s.assignments.length > 0);
  let slotId: string | undefined;
  let fit: { nurseId: string; name: string } | undefined;
  for (const s of staffed) {
    const [taken] = s.assignments;
    expect((await service.call('DELETE', `/api/assignments/${taken.id}`)).status).toBeLessThan(300);
    fit = ((await service.call('GET', `/api/slots/${s.id}/candidates`)).body as Array<{ nurseId: string; name: string; violations: unknown[] }>).find(
      (c) => c.nurseId === taken.nurseId && c.violations.length === 0,
    );
    if (fit) {
      slotId = s.id;
      break;
    }
  }
  expect(slotId && fit).toBeTruthy();

  const context = await newContext(browser, service.base);
  const page = await signIn(context, first.token);
  await page.goto(`/?dienst=${slotId}`);
  const panel = page.locator('section.panel');
  await panel.getByRole('heading', { name: 'Kandidaten' }).waitFor();
  const assign = panel.locator('li.candidate', { hasText: fit!.name }).getByRole('button', { name: `Inplannen ${fit!.name}` });
  await assign.waitFor();
  // The session ends (the user is revoked) while the panel is open.
  expect((await service.call('DELETE', `/api/users/${first.id}`)).status).toBeLessThan(300);
  await assign.click();
  await waitText(page.locator('.pending-action'), 'Uw sessie is verlopen; log opnieuw in om het inplannen af te ronden.');
  await expectAccessible(page, 'session ended with an action pending');
  await screenshot(page, 'pending-action-sign-in');
  expect(
    ((await service.call('GET', `/api/slots/${slotId}`)).body as { assignments: Array<{ nurseId: string }> }).assignments.map((a) => a.nurseId),
  ).not.toContain(fit!.nurseId);

  // Someone else signs in on the same tab: the action was not theirs, so it is not offered, and
  // nothing of it stays in the tab.
  const second = await newCoordinator();
  await page.getByLabel('Token').fill(second.token);
  await page.getByLabel('Token').press('Enter');
  await page.getByRole('button', { name: 'Uitloggen', exact: true }).waitFor();
  await expect(page.locator('.pending-action').count()).resolves.toBe(0);
  await expect(page.evaluate(() => sessionStorage.getItem('wijkwacht.pending-action'))).resolves.toBeNull();

  // Now the second coordinator's session ends as she assigns (the service answers 401 once):
  // signed in again as herself, the action is offered and, redone, saved.
  await page.goto(`/?dienst=${slotId}`);
  await assign.waitFor();
  await page.route('**/api/slots/*/assignments', (route) =>
    route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, message: 'session ended' }) }),
  );
  await assign.click();
  await waitText(page.locator('.pending-action'), 'Uw sessie is verlopen; log opnieuw in om het inplannen af te ronden.');
  await page.unroute('**/api/slots/*/assignments');
  await page.getByLabel('Token').fill(second.token);
  await page.getByLabel('Token').press('Enter');
  const notice = page.locator('.pending-action');
  await waitText(notice.locator('p').first(), 'Nog niet opgeslagen: het inplannen, omdat uw sessie was verlopen.');
  await notice.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await waitText(page.getByRole('status').filter({ hasText: 'Gelukt' }), 'Gelukt: het inplannen is alsnog opgeslagen.');
  expect(((await service.call('GET', `/api/slots/${slotId}`)).body as { assignments: Array<{ nurseId: string }> }).assignments.map((a) => a.nurseId)).toContain(
    fit!.nurseId,
  );
  await expect(page.evaluate(() => sessionStorage.getItem('wijkwacht.pending-action'))).resolves.toBeNull();
  await context.close();
});

test('nurse (phone): taking over a shift offered by name while breaking a rule is accepted, says so at once, and leaves the decision to the coordinator', async () => {
  const shifts = (await service.call('GET', `/api/me/shifts?from=${inDays(1)}&to=${inDays(55)}`, undefined, seed.tokens.nurse)).body as Array<
    ShiftRow & { slotId: string }
  >;
  const offered = new Set(
    ((await service.call('GET', '/api/offers', undefined, seed.tokens.nurse)).body as Array<{ assignmentId: string; status: string }>)
      .filter((o) => o.status === 'open' || o.status === 'accepted')
      .map((o) => o.assignmentId),
  );
  // A shift of the demo nurse and a colleague of the party who would break a working-time rule by taking it.
  type Judged = { nurseId: string; name: string; violations: Array<{ rule: string }> };
  let shift: (ShiftRow & { slotId: string }) | undefined;
  let colleague: Judged | undefined;
  for (const s of shifts.filter((x) => !offered.has(x.id))) {
    const judged = (await service.call('GET', `/api/slots/${s.slotId}/candidates?replacing=${s.id}`)).body as Judged[];
    colleague = judged.find((c) => c.violations.length > 0 && c.violations.every((v) => !['employer', 'qualification', 'absence'].includes(v.rule)));
    if (colleague) {
      shift = s;
      break;
    }
  }
  expect(shift && colleague).toBeTruthy();
  const offer = (await service.call('POST', `/api/assignments/${shift!.id}/offers`, { toNurseId: colleague!.nurseId }, seed.tokens.nurse)).body as {
    id: string;
  };
  const colleagueUser = (await service.call('POST', '/api/users', { name: `Collega ${colleague!.name} (regel)`, role: 'nurse', nurseId: colleague!.nurseId }))
    .body as { token: string };

  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, colleagueUser.token);
  await page.getByRole('button', { name: 'Over te nemen' }).click();
  const offerCard = page.locator('li.shift', { hasText: `van ${seed.nurseName}` });
  await offerCard.getByRole('button', { name: /^Overnemen/ }).click();
  const note = page.locator('.message-warning');
  await waitText(note, /^Overgenomen, maar u breekt hiermee een regel; de coördinator beslist\. .+/);
  await expectAccessible(page, 'colleague took a shift that breaks a rule');
  await screenshot(page, 'nurse-swap-breaks-rule');
  await context.close();
  // Accepted, not approved: the demo nurse keeps the shift until the coordinator decides; rejected again for the next tests.
  const after = ((await service.call('GET', '/api/offers?status=accepted')).body as Array<{ id: string; takerNurseId: string }>).find((o) => o.id === offer.id);
  expect(after?.takerNurseId).toBe(colleague!.nurseId);
  expect((await service.call('POST', `/api/offers/${offer.id}/reject`, {})).status).toBe(200);
});
