/// <reference lib="dom" />
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, pageErrors, screenshot, seriousAccessibilityFindings, signIn, startService, waitText } from './browser/support.js';

/**
 * A nurse's pages on a phone-sized screen: a partner raises a request, the page appears live
 * (the event stream), the nurse says "Ik ga" and later "Afgerond", and the service agrees.
 */
let service: Awaited<ReturnType<typeof startService>>;
let browser: Browser;

beforeAll(async () => {
  service = await startService();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

async function must(method: string, path: string, body?: unknown, token?: string) {
  const res = await service.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

test('a nurse sees a page arrive live on a phone, acknowledges it and resolves it', async () => {
  const now = DateTime.now().setZone('Europe/Amsterdam');
  const today = now.toISODate()!;
  await must('POST', '/api/insurers', { uzovi: '3311', name: 'Zorgverzekeraar Amstel' });
  await must('POST', '/api/regions', { code: 'AMS', name: 'Amsterdam', population: 1000, preferredInsurerUzovi: '3311' });
  await must('POST', '/api/providers', { agb: '75010001', name: 'Wijkzorg Amstel' });
  const contract = await must('POST', '/api/contracts', {
    regionCode: 'AMS',
    insurerUzovi: '3311',
    function: 'acute-screening',
    responsibleParty: { type: 'provider', agb: '75010001' },
    validFrom: now.minus({ days: 1 }).toISODate(),
    validTo: now.plus({ days: 3 }).toISODate(),
  });
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  await must('POST', `/api/contracts/${contract.id}/templates`, { name: 'Nu', rrule: 'FREQ=DAILY', startTime: hh(now.hour), endTime: hh(now.hour + 2) });
  const [slot] = await must('GET', `/api/slots?regionCode=AMS&from=${today}&to=${today}`);
  const nurse = await must('POST', '/api/nurses', { name: 'Anna de Vries', employerAgb: '75010001', qualifications: ['district-nurse'] });
  await must('POST', `/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  const nurseUser = await must('POST', '/api/users', { name: 'Anna de Vries', role: 'nurse', nurseId: nurse.id });
  const partner = await must('POST', '/api/users', { name: 'Huisartsenpost', role: 'partner', regionCodes: ['AMS'] });

  const context = await newContext(browser, service.base, { mobile: true });
  const page = await signIn(context, nurseUser.token);
  await page.getByRole('button', { name: 'Oproepen' }).click();
  await page.getByText('Geen oproepen.').waitFor();
  await page.getByText('Nieuwe oproepen verschijnen hier vanzelf.').waitFor();

  const request = await must(
    'POST',
    '/api/requests',
    { regionCode: 'AMS', function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: 'HAP-0042', callbackPhone: '+31201234567' },
    partner.token,
  );
  const card = page.locator(`li[data-request="${request.id}"]`);
  await waitText(card.locator('strong'), /^Oproep · /);
  expect(await card.textContent()).toContain('postcode 1012');
  expect(await card.locator('a[href="tel:+31201234567"]').count()).toBe(1);
  expect(await seriousAccessibilityFindings(page)).toEqual([]);
  await screenshot(page, 'requests-01-nurse-paged');

  await card.getByRole('button', { name: 'Ik ga' }).click();
  await waitText(card.locator('strong'), /^Onderweg · /);
  expect((await must('GET', `/api/requests/${request.id}`)).status).toBe('acknowledged');
  await screenshot(page, 'requests-02-nurse-on-the-way');

  await card.getByLabel('Uitkomst').selectOption({ label: 'telefonisch advies' });
  await card.getByRole('button', { name: 'Afgerond' }).click();
  await waitText(card.locator('strong'), /^Afgerond · /);
  expect(await must('GET', `/api/requests/${request.id}`)).toMatchObject({ status: 'resolved', outcome: 'advice-by-phone' });
  await context.close();
}, 120_000);
