import { answer, api, type FunctionCode, type Me, type Region } from './api';

/** Reference data every screen names things with: regions (and their zones), providers, consortia. */
export interface Reference {
  me: Me;
  regions: Map<string, Region>;
  providers: Map<string, string>;
  consortia: Map<string, string>;
  insurers: Map<string, string>;
}

export async function loadReference(me: Me): Promise<Reference> {
  const [regions, providers, consortia, insurers] = await Promise.all([
    answer(api.GET('/api/regions')),
    answer(api.GET('/api/providers')),
    answer(api.GET('/api/consortia')),
    answer(api.GET('/api/insurers')),
  ]);
  return {
    me,
    regions: new Map(regions.map((r) => [r.code, r])),
    providers: new Map(providers.map((p) => [p.agb, p.name])),
    consortia: new Map(consortia.map((c) => [c.id, c.name])),
    insurers: new Map(insurers.map((i) => [i.uzovi, i.name])),
  };
}

export function partyName(ref: Reference, party: { type: string; agb?: string; consortiumId?: string }): string {
  if (party.type === 'provider') return ref.providers.get(party.agb ?? '') ?? `AGB ${party.agb}`;
  return ref.consortia.get(party.consortiumId ?? '') ?? String(party.consortiumId);
}

export function zoneOf(ref: Reference, regionCode: string): string {
  return ref.regions.get(regionCode)?.timezone ?? 'Europe/Amsterdam';
}

/** The regions a user plans for: its own as coordinator, all as admin. */
export function plannedRegions(ref: Reference): string[] {
  const all = [...ref.regions.keys()].sort();
  return ref.me.role === 'admin' ? all : all.filter((code) => ref.me.regionCodes.includes(code));
}

/** The functions in the order the sector lists them. */
export const FUNCTION_ORDER: FunctionCode[] = ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'];
