import { expect } from '@jest/globals';
import { ADMIN, bearer } from '../support/test-app.js';
import type { World } from './world.js';

export interface ProviderAtDesk {
  agb: string;
  name: string;
  token: string;
  userId: string;
}

export interface Desk {
  region: string;
  insurer: string;
  providers: ProviderAtDesk[];
  partner: { id: string; token: string };
  coordinator: { id: string; token: string };
}

export type LineSpec = { careKind?: string; postcodes?: string[]; places?: number; primary?: boolean; regionCode?: string };

/**
 * A region with providers (each with a provider user) at the coordination point, a partner and a
 * coordinator of the region. `lines[i]` are provider i's intake lines (default: basic care in
 * 1050–1059 with 3 places); null publishes nothing for it.
 */
export async function desk(w: World, lines: Array<LineSpec[] | null>, over: { region?: Record<string, unknown> } = {}): Promise<Desk> {
  const region = await w.region(over.region);
  const providers: ProviderAtDesk[] = [];
  for (const own of lines) {
    const provider = await w.provider();
    const user = await w.user('provider', { providerAgb: provider.agb });
    const p = { agb: provider.agb, name: provider.name, token: user.token, userId: user.id };
    providers.push(p);
    if (own)
      await publish(
        w,
        p,
        own.map((l) => ({ regionCode: region.code, ...l })),
      );
  }
  const partner = await w.user('partner', { regionCodes: [region.code] });
  const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
  return { region: region.code, insurer: region.preferredInsurerUzovi, providers, partner, coordinator };
}

export async function publish(w: World, p: { agb: string; token: string }, lines: LineSpec[], intakePhone = '020 555 0123') {
  const res = await w.t.http
    .put(`/api/providers/${p.agb}/intake`)
    .set(bearer(p.token))
    .send({
      intakePhone,
      lines: lines.map((l) => ({ careKind: 'basic', postcodes: ['1050-1059'], places: 3, ...l })),
    });
  if (res.status !== 200) throw new Error(`PUT intake → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function referralBody(regionCode: string, over: Record<string, unknown> = {}) {
  return {
    regionCode,
    postcode: '1053',
    careKinds: ['basic'],
    urgency: 'today',
    startOn: '2026-11-23',
    referrerReference: 'OLVG-TRF-88412',
    callbackPhone: '+31205991111',
    ...over,
  };
}

export async function refer(w: World, d: Desk, over: Record<string, unknown> = {}, token = d.partner.token) {
  const res = await w.t.http.post('/api/referrals').set(bearer(token)).send(referralBody(d.region, over));
  expect(res.status).toBe(201);
  return res.body as Record<string, any>;
}

export async function referral(w: World, id: string, token = ADMIN) {
  const res = await w.t.http.get(`/api/referrals/${id}`).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body as Record<string, any>;
}
