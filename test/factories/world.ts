import { expect } from '@jest/globals';
import { ADMIN, bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Test data factories: each creates a record through the API (as admin unless told otherwise)
 * and returns its body, so a test says only what matters to it.
 */
export class World {
  private seq = 0;
  constructor(readonly t: TestApp) {}

  private next() {
    return ++this.seq;
  }

  async post(path: string, body: unknown, token = ADMIN, status = 201) {
    const res = await this.t.http
      .post(path)
      .set(bearer(token))
      .send(body as object);
    if (res.status !== status) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async insurer(uzovi = String(3300 + this.next())) {
    return this.post('/api/insurers', { uzovi, name: `Verzekeraar ${uzovi}` });
  }

  async region(over: Record<string, unknown> = {}) {
    const code = (over.code as string) ?? `R${this.next()}`;
    const insurer = over.preferredInsurerUzovi ?? (await this.insurer()).uzovi;
    return this.post('/api/regions', { code, name: `Regio ${code}`, population: 100_000, preferredInsurerUzovi: insurer, ...over });
  }

  async provider(agb = String(75_000_000 + this.next())) {
    return this.post('/api/providers', { agb, name: `Zorgaanbieder ${agb}` });
  }

  async nurse(employerAgb: string, over: Record<string, unknown> = {}) {
    return this.post('/api/nurses', {
      name: `Verpleegkundige ${this.next()}`,
      employerAgb,
      qualifications: ['district-nurse'],
      phone: '+31 20 555 0101',
      ...over,
    });
  }

  async user(role: string, extra: Record<string, unknown> = {}) {
    return this.post('/api/users', { name: `${role} ${this.next()}`, role, ...extra });
  }

  /** A region with its preferred insurer, a provider and a contract for the function. */
  async contracted(over: Record<string, unknown> = {}) {
    const region = await this.region(over.region as Record<string, unknown>);
    const provider = await this.provider();
    const contract = await this.post('/api/contracts', {
      regionCode: region.code,
      insurerUzovi: region.preferredInsurerUzovi,
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: provider.agb },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      fee: { perPositionHourCents: 4500 },
      ...(over.contract as object),
    });
    return { region, provider, contract };
  }

  async template(contractId: string, over: Record<string, unknown> = {}, token = ADMIN) {
    return this.post(
      `/api/contracts/${contractId}/templates`,
      { name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00', requiredQualifications: ['district-nurse'], ...over },
      token,
    );
  }

  async slots(regionCode: string, from: string, to: string, token = ADMIN) {
    const res = await this.t.http.get('/api/slots').query({ regionCode, from, to }).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as Array<Record<string, any>>;
  }

  async slotOn(regionCode: string, date: string) {
    const slots = await this.slots(regionCode, date, date);
    if (!slots.length) throw new Error(`no slot on ${date}`);
    return slots[0];
  }
}

/** A fresh app and its factories for one suite: `beforeAll(async () => ({ t, w } = await startWorld()))`. */
export async function startWorld(env: Record<string, string> = {}): Promise<{ t: TestApp; w: World }> {
  const t = await startTestApp(env);
  return { t, w: new World(t) };
}
