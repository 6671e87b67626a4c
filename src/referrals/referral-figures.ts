/**
 * The figures of a region's referrals in a month (api.md, "Figures"): pure, computed in one place.
 *
 * Over the referrals created in the local month:
 * - `referrals`, `placed`, `cancelled`; `escalated`: those for which nobody was left to offer to at
 *   some moment (the desk was paged), whatever happened after; `closedOutside`: closed by the desk
 *   as `placed-outside`.
 * - Minutes to placement: from creation to acceptance, rounded half up to whole minutes; median
 *   and 90th percentile by nearest rank (null without placements).
 * - `placedWithinNormPct`: placed within the region's placementNormMinutes for its urgency
 *   (exactly the norm counts as within), over the referrals whose norm has been decided: every
 *   one except those still open before their norm passed and those cancelled or closed as
 *   `no-longer-needed` before it passed (withdrawn, not missed). A referral closed as
 *   `placed-outside` counts as not placed within the norm. Two decimals, half up; null when none.
 * - `offersPerPlacement`: the offers made for the placed referrals divided by their number, two
 *   decimals, half up; null without placements.
 * - `declines` per reason and `timeouts`: over every offer of these referrals.
 * - `byCareKind`: for each care kind, the referrals asking for it (a referral asking for two
 *   kinds counts under both), placed, and the median minutes to placement.
 * - `capacityGreenPct` (capacityGreenPct below): per care kind, the share of the month so far in
 *   which every PC4 that the kind's lines cover had a line with room.
 */
import { percentTwoDecimals } from '../requests/response-figures.js';
import { isStale } from './matching.js';
import { containsAll, mergeRanges, normalise, type PostcodeRange } from './postcodes.js';
import {
  CARE_KINDS,
  type CareKind,
  type CloseOutcome,
  DECLINE_REASONS,
  type DeclineReason,
  type OfferAnswer,
  type ReferralStatus,
  type ReferralUrgency,
} from './referral-codes.js';

export interface ReferralFacts {
  urgency: ReferralUrgency;
  careKinds: readonly CareKind[];
  status: ReferralStatus;
  createdAt: number;
  escalatedAt: number | null;
  placedAt: number | null;
  closedAt: number | null;
  outcome: CloseOutcome | null;
  cancelledAt: number | null;
  offers: ReadonlyArray<{ answer: OfferAnswer | null; reason: DeclineReason | null }>;
}

export type UrgencyMinutes = Record<ReferralUrgency, number>;

/** Milliseconds as whole minutes, half up; an acceptance stamped before its referral (clocks of two instances) took 0. */
export function wholeMinutesHalfUp(ms: number): number {
  return ms <= 0 ? 0 : Math.floor((ms + 30_000) / 60_000);
}

function nearestRank(sorted: readonly number[], pct: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)];
}

/** part / whole with two decimals, half up, from integers. */
function ratioTwoDecimals(part: number, whole: number): number {
  return Math.floor((part * 200 + whole) / (2 * whole)) / 100;
}

function minutesToPlacement(r: ReferralFacts): number | null {
  return r.placedAt === null ? null : wholeMinutesHalfUp(r.placedAt - r.createdAt);
}

/** Whether the referral's norm has been decided by `now`, and if so whether it was met. */
export function normOutcome(r: ReferralFacts, norms: UrgencyMinutes, now: number): 'within' | 'missed' | 'undecided' {
  const norm = norms[r.urgency];
  const minutes = minutesToPlacement(r);
  if (minutes !== null) return minutes <= norm ? 'within' : 'missed';
  const deadline = r.createdAt + norm * 60_000;
  const withdrawnAt = r.cancelledAt ?? (r.outcome === 'no-longer-needed' ? r.closedAt : null);
  if (withdrawnAt !== null && withdrawnAt < deadline) return 'undecided';
  if (r.outcome === 'placed-outside') return 'missed';
  return now >= deadline ? 'missed' : 'undecided';
}

export function referralFigures(referrals: readonly ReferralFacts[], norms: UrgencyMinutes, now: number) {
  const placed = referrals.filter((r) => r.placedAt !== null);
  const minutes = placed.map((r) => minutesToPlacement(r) as number).sort((a, b) => a - b);
  const outcomes = referrals.map((r) => normOutcome(r, norms, now));
  const decided = outcomes.filter((o) => o !== 'undecided').length;
  const declines = Object.fromEntries(DECLINE_REASONS.map((reason) => [reason, 0])) as Record<DeclineReason, number>;
  let timeouts = 0;
  for (const r of referrals) {
    for (const o of r.offers) {
      if (o.answer === 'declined' && o.reason) declines[o.reason]++;
      if (o.answer === 'timed-out') timeouts++;
    }
  }
  const offersForPlaced = placed.reduce((n, r) => n + r.offers.length, 0);
  return {
    referrals: referrals.length,
    placed: placed.length,
    escalated: referrals.filter((r) => r.escalatedAt !== null).length,
    cancelled: referrals.filter((r) => r.status === 'cancelled').length,
    closedOutside: referrals.filter((r) => r.status === 'closed' && r.outcome === 'placed-outside').length,
    medianMinutesToPlacement: nearestRank(minutes, 50),
    p90MinutesToPlacement: nearestRank(minutes, 90),
    placedWithinNormPct: decided ? percentTwoDecimals(outcomes.filter((o) => o === 'within').length, decided) : null,
    offersPerPlacement: placed.length ? ratioTwoDecimals(offersForPlaced, placed.length) : null,
    declines,
    timeouts,
    byCareKind: CARE_KINDS.map((careKind) => {
      const asking = referrals.filter((r) => r.careKinds.includes(careKind));
      const kindMinutes = asking
        .map(minutesToPlacement)
        .filter((m): m is number => m !== null)
        .sort((a, b) => a - b);
      return { careKind, referrals: asking.length, placed: kindMinutes.length, medianMinutesToPlacement: nearestRank(kindMinutes, 50) };
    }),
  };
}

/** A provider's lines as they were from `at` on (see IntakeSnapshotEntity). */
export interface CapacitySnapshot {
  agb: string;
  at: number;
  publishedAt: number;
  lines: ReadonlyArray<{ regionCode: string; careKind: CareKind; postcodes: readonly string[]; places: number }>;
}

/**
 * Per care kind, the share of [from, to) in which at least one non-grey line with places > 0
 * covered each PC4 of the region that any line of that kind covered at some moment of [from, to).
 * Measured continuously (to the millisecond), not sampled per hour; two decimals, half up. Null
 * for a kind no line of the region offered in the window, and for every kind when the window is
 * empty (a month that has not begun). A provider's snapshot holds from its `at` until its next
 * one; before a provider's first snapshot it had no lines. Staleness uses the region's current
 * capacityStaleHours.
 */
export function capacityGreenPct(
  snapshots: readonly CapacitySnapshot[],
  regionCode: string,
  capacityStaleHours: number,
  from: number,
  to: number,
): Array<{ careKind: CareKind; pct: number | null }> {
  if (to <= from) return CARE_KINDS.map((careKind) => ({ careKind, pct: null }));
  const byProvider = new Map<string, CapacitySnapshot[]>();
  for (const s of [...snapshots].sort((a, b) => a.at - b.at)) {
    const own = byProvider.get(s.agb);
    if (own) own.push(s);
    else byProvider.set(s.agb, [s]);
  }
  // Each provider's snapshots as segments [start, end) clipped to the window, with their region lines parsed once.
  interface Segment {
    agb: string;
    start: number;
    end: number;
    publishedAt: number;
    /** The first millisecond at which its lines read grey. */
    staleFrom: number;
    lines: Array<{ careKind: CareKind; ranges: PostcodeRange[]; places: number }>;
  }
  const segments: Segment[] = [];
  for (const [agb, own] of byProvider) {
    own.forEach((s, i) => {
      const start = Math.max(s.at, from);
      const end = Math.min(i + 1 < own.length ? own[i + 1].at : Infinity, to);
      if (start >= end) return;
      const lines = s.lines.filter((l) => l.regionCode === regionCode).map((l) => ({ careKind: l.careKind, ranges: normalise(l.postcodes), places: l.places }));
      // isStale(publishedAt, hours, t) holds from publishedAt + hours on (to the millisecond after).
      const staleFrom = s.publishedAt + capacityStaleHours * 3_600_000 + 1;
      segments.push({ agb, start, end, publishedAt: s.publishedAt, staleFrom, lines });
    });
  }
  const total = to - from;
  return CARE_KINDS.map((careKind) => {
    const area = mergeRanges(segments.flatMap((s) => s.lines.filter((l) => l.careKind === careKind).flatMap((l) => l.ranges)));
    if (!area.length) return { careKind, pct: null };
    const cuts = new Set<number>([from, to]);
    for (const s of segments) {
      cuts.add(s.start);
      cuts.add(s.end);
      if (s.staleFrom > s.start && s.staleFrom < s.end) cuts.add(s.staleFrom);
    }
    const times = [...cuts].sort((a, b) => a - b);
    let green = 0;
    for (let i = 0; i + 1 < times.length; i++) {
      const t = times[i];
      const room = mergeRanges(
        segments
          .filter((s) => s.start <= t && t < s.end && !isStale(s.publishedAt, capacityStaleHours, t))
          .flatMap((s) => s.lines.filter((l) => l.careKind === careKind && l.places > 0).flatMap((l) => l.ranges)),
      );
      if (containsAll(room, area)) green += times[i + 1] - t;
    }
    return { careKind, pct: percentTwoDecimals(green, total) };
  });
}
