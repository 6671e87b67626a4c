/**
 * Matching a referral to the providers that can take it: pure (api.md, "Matching").
 *
 * A provider can take the referral when, in the referral's region, for every care kind asked it has
 * an intake line covering the referral's PC4, with places > 0, its capacity is not grey (published
 * within the region's capacityStaleHours), and it has not been offered this referral before. The
 * order: a provider with a `primary` line among those it matches on first; then the most places
 * (the fewest over the kinds asked); then the fewest referrals it accepted in the region in the
 * last 30 days; then the AGB. Every other provider of the region (one with an intake line there)
 * is `skipped` with the first reason that applies, looked for in the order of SKIP_REASONS. A
 * provider with an open or accepted offer of this referral is in neither list.
 */
import { covers, type PostcodeRange } from './postcodes.js';
import type { CareKind, Light, OfferAnswer, SkipReason } from './referral-codes.js';

export const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

export interface MatchReferral {
  regionCode: string;
  /** PC4, four digits. */
  postcode: string;
  careKinds: readonly CareKind[];
  /** Every offer of this referral so far (answer null while open). */
  offers: ReadonlyArray<{ agb: string; answer: OfferAnswer | null }>;
  /** The region's capacityStaleHours. */
  capacityStaleHours: number;
}

export interface MatchLine {
  id: string;
  agb: string;
  /** The provider's name, for what people read. */
  name: string;
  regionCode: string;
  careKind: CareKind;
  /** Sorted, disjoint (see postcodes.normalise). */
  ranges: readonly PostcodeRange[];
  places: number;
  primary: boolean;
  /** The provider's last publication. */
  publishedAt: number;
}

/** A referral accepted by a provider in the region (placedAt: when). */
export interface Placement {
  agb: string;
  placedAt: number;
}

export interface RankedProvider {
  agb: string;
  name: string;
  primary: boolean;
  /** The fewest places over the kinds asked. */
  places: number;
  acceptedLast30Days: number;
  /** The line matched for each care kind asked, in the referral's order: an acceptance takes a place from each. */
  lineIds: string[];
}

export interface SkippedProvider {
  agb: string;
  name: string;
  reason: SkipReason;
}

export interface Ranking {
  ranked: RankedProvider[];
  skipped: SkippedProvider[];
}

/** Whether a provider that last published at `publishedAt` reads grey at `now`. */
export function isStale(publishedAt: number, capacityStaleHours: number, now: number): boolean {
  return now - publishedAt > capacityStaleHours * 3_600_000;
}

/** A line's light: grey when stale, else green (2 places or more), orange (1), red (0). */
export function lightOf(places: number, publishedAt: number, capacityStaleHours: number, now: number): Light {
  if (isStale(publishedAt, capacityStaleHours, now)) return 'grey';
  return places >= 2 ? 'green' : places === 1 ? 'orange' : 'red';
}

/** The order of the ranking: primary first, then most places, then fewest acceptances in 30 days, then the AGB. */
export function compareRanked(a: RankedProvider, b: RankedProvider): number {
  if (a.primary !== b.primary) return a.primary ? -1 : 1;
  if (a.places !== b.places) return b.places - a.places;
  if (a.acceptedLast30Days !== b.acceptedLast30Days) return a.acceptedLast30Days - b.acceptedLast30Days;
  return a.agb < b.agb ? -1 : a.agb > b.agb ? 1 : 0;
}

export function rankProviders(referral: MatchReferral, lines: readonly MatchLine[], history: readonly Placement[], now: number): Ranking {
  const pc4 = Number(referral.postcode);
  const since = now - HISTORY_DAYS * DAY_MS;
  const accepted = new Map<string, number>();
  for (const p of history) if (p.placedAt > since && p.placedAt <= now) accepted.set(p.agb, (accepted.get(p.agb) ?? 0) + 1);
  const offered = new Map<string, OfferAnswer | null>();
  for (const o of referral.offers) offered.set(o.agb, o.answer);

  // The region's providers, each with its lines there.
  const byProvider = new Map<string, MatchLine[]>();
  for (const line of lines) {
    if (line.regionCode !== referral.regionCode) continue;
    const own = byProvider.get(line.agb);
    if (own) own.push(line);
    else byProvider.set(line.agb, [line]);
  }

  const ranked: RankedProvider[] = [];
  const skipped: SkippedProvider[] = [];
  for (const [agb, own] of byProvider) {
    const answer = offered.get(agb);
    // Out for an answer now, or accepted: neither a candidate nor passed by.
    if (offered.has(agb) && (answer === null || answer === 'accepted')) continue;
    const name = own[0].name;
    const covering = own.filter((l) => covers(l.ranges, pc4));
    // One line per care kind: a provider's lines never overlap for one region and kind.
    const matched = referral.careKinds.map((kind) => covering.find((l) => l.careKind === kind));
    let reason: SkipReason | null = null;
    if (covering.length === 0) reason = 'outside-area';
    else if (matched.some((l) => l === undefined)) reason = 'care-kind';
    else if (matched.some((l) => (l as MatchLine).places <= 0)) reason = 'no-places';
    else if (isStale(own[0].publishedAt, referral.capacityStaleHours, now)) reason = 'stale';
    else if (answer === 'declined' || answer === 'timed-out' || answer === 'withdrawn') reason = answer;
    if (reason) {
      skipped.push({ agb, name, reason });
      continue;
    }
    const lines = matched as MatchLine[];
    ranked.push({
      agb,
      name,
      primary: lines.some((l) => l.primary),
      places: Math.min(...lines.map((l) => l.places)),
      acceptedLast30Days: accepted.get(agb) ?? 0,
      lineIds: lines.map((l) => l.id),
    });
  }
  ranked.sort(compareRanked);
  skipped.sort((a, b) => (a.agb < b.agb ? -1 : a.agb > b.agb ? 1 : 0));
  return { ranked, skipped };
}
