import { capacityGreenPct, type CapacitySnapshot, normOutcome, type ReferralFacts, referralFigures, wholeMinutesHalfUp } from './referral-figures.js';

const T0 = Date.parse('2026-12-01T00:00:00+01:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const NORMS = { today: 120, 'within-24h': 480, planned: 2880 };

function referral(over: Partial<ReferralFacts> = {}): ReferralFacts {
  return {
    urgency: 'today',
    careKinds: ['basic'],
    status: 'offered',
    createdAt: T0,
    escalatedAt: null,
    placedAt: null,
    closedAt: null,
    outcome: null,
    cancelledAt: null,
    offers: [{ answer: null, reason: null }],
    ...over,
  };
}

const placedAfter = (minutes: number, over: Partial<ReferralFacts> = {}) =>
  referral({ status: 'placed', placedAt: T0 + minutes * MIN, offers: [{ answer: 'accepted', reason: null }], ...over });

describe('figures of a month’s referrals', () => {
  it('counts by outcome: placed, escalated at some moment, cancelled, closed as placed elsewhere', () => {
    const f = referralFigures(
      [
        placedAfter(10),
        placedAfter(20, { escalatedAt: T0 + 5 * MIN }),
        referral({ status: 'escalated', escalatedAt: T0 }),
        referral({ status: 'cancelled', cancelledAt: T0 + MIN }),
        referral({ status: 'closed', closedAt: T0 + HOUR, outcome: 'placed-outside' }),
        referral({ status: 'closed', closedAt: T0 + HOUR, outcome: 'no-longer-needed' }),
      ],
      NORMS,
      T0 + 10 * HOUR,
    );
    expect(f).toMatchObject({ referrals: 6, placed: 2, escalated: 2, cancelled: 1, closedOutside: 1 });
  });

  it('minutes to placement are whole minutes half up; median and 90th percentile by nearest rank', () => {
    expect(wholeMinutesHalfUp(29_999)).toBe(0);
    expect(wholeMinutesHalfUp(30_000)).toBe(1);
    expect(wholeMinutesHalfUp(-5)).toBe(0);
    const f = referralFigures(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((m) => placedAfter(m)),
      NORMS,
      T0 + 10 * HOUR,
    );
    expect(f.medianMinutesToPlacement).toBe(50);
    expect(f.p90MinutesToPlacement).toBe(90);
    expect(referralFigures([], NORMS, T0).medianMinutesToPlacement).toBeNull();
  });

  it('placement within the norm: exactly the norm is within; open before the norm and withdrawn before it do not count', () => {
    const within = placedAfter(120);
    const late = placedAfter(121);
    const openFresh = referral({ createdAt: T0 + 9 * HOUR });
    const openLate = referral();
    const cancelledEarly = referral({ status: 'cancelled', cancelledAt: T0 + 30 * MIN });
    const cancelledLate = referral({ status: 'cancelled', cancelledAt: T0 + 3 * HOUR });
    const notNeeded = referral({ status: 'closed', outcome: 'no-longer-needed', closedAt: T0 + MIN });
    const outside = referral({ status: 'closed', outcome: 'placed-outside', closedAt: T0 + MIN });
    const now = T0 + 10 * HOUR;
    expect([within, late, openFresh, openLate, cancelledEarly, cancelledLate, notNeeded, outside].map((r) => normOutcome(r, NORMS, now))).toEqual([
      'within',
      'missed',
      'undecided',
      'missed',
      'undecided',
      'missed',
      'undecided',
      'missed',
    ]);
    // 1 within of 5 decided.
    expect(referralFigures([within, late, openFresh, openLate, cancelledEarly, cancelledLate, notNeeded, outside], NORMS, now).placedWithinNormPct).toBe(20);
    expect(referralFigures([openFresh], NORMS, now).placedWithinNormPct).toBeNull();
  });

  it('the norm is the one of the referral’s urgency', () => {
    expect(normOutcome(placedAfter(400, { urgency: 'within-24h' }), NORMS, T0 + 10 * HOUR)).toBe('within');
    expect(normOutcome(placedAfter(400, { urgency: 'today' }), NORMS, T0 + 10 * HOUR)).toBe('missed');
  });

  it('offers per placement counts the offers of the placed referrals, two decimals half up', () => {
    const f = referralFigures(
      [
        placedAfter(10, {
          offers: [
            { answer: 'declined', reason: 'no-places' },
            { answer: 'accepted', reason: null },
          ],
        }),
        placedAfter(10),
        placedAfter(10),
        referral({
          offers: [
            { answer: 'timed-out', reason: null },
            { answer: null, reason: null },
          ],
        }),
      ],
      NORMS,
      T0,
    );
    // 4 offers for 3 placements: 1.333… → 1.33.
    expect(f.offersPerPlacement).toBe(1.33);
    expect(referralFigures([referral()], NORMS, T0).offersPerPlacement).toBeNull();
  });

  it('declines are counted per reason, every reason listed; timeouts over every offer', () => {
    const f = referralFigures(
      [
        referral({
          offers: [
            { answer: 'declined', reason: 'no-places' },
            { answer: 'declined', reason: 'no-places' },
            { answer: 'declined', reason: 'other' },
            { answer: 'timed-out', reason: null },
            { answer: 'withdrawn', reason: null },
          ],
        }),
        referral({ offers: [{ answer: 'timed-out', reason: null }] }),
      ],
      NORMS,
      T0,
    );
    expect(f.declines).toEqual({ 'no-places': 2, 'no-expertise': 0, 'outside-area': 0, other: 1 });
    expect(f.timeouts).toBe(2);
  });

  it('by care kind: a referral asking two kinds counts under both; every kind is listed', () => {
    const f = referralFigures(
      [placedAfter(10, { careKinds: ['basic', 'wound-care'] }), placedAfter(30, { careKinds: ['basic'] }), referral({ careKinds: ['palliative'] })],
      NORMS,
      T0,
    );
    expect(f.byCareKind).toEqual([
      { careKind: 'basic', referrals: 2, placed: 2, medianMinutesToPlacement: 10 },
      { careKind: 'palliative', referrals: 1, placed: 0, medianMinutesToPlacement: null },
      { careKind: 'wound-care', referrals: 1, placed: 1, medianMinutesToPlacement: 10 },
      { careKind: 'infusion-therapy', referrals: 0, placed: 0, medianMinutesToPlacement: null },
      { careKind: 'dementia-case-management', referrals: 0, placed: 0, medianMinutesToPlacement: null },
    ]);
  });
});

describe('the share of the month with room', () => {
  const snap = (agb: string, at: number, lines: CapacitySnapshot['lines'], publishedAt = at): CapacitySnapshot => ({ agb, at, publishedAt, lines });
  const basic = (postcodes: string[], places: number, regionCode = 'AMS') => ({ regionCode, careKind: 'basic' as const, postcodes, places });
  const pctOf = (snapshots: CapacitySnapshot[], to = T0 + 10 * HOUR, stale = 1000) =>
    capacityGreenPct(snapshots, 'AMS', stale, T0, to).find((c) => c.careKind === 'basic')!.pct;

  it('a kind covered with room all the time is 100 %, a kind nobody offers has no figure', () => {
    const all = capacityGreenPct([snap('A', T0 - HOUR, [basic(['1050-1059'], 2)])], 'AMS', 24, T0, T0 + 10 * HOUR);
    expect(all.find((c) => c.careKind === 'basic')!.pct).toBe(100);
    expect(all.find((c) => c.careKind === 'palliative')!.pct).toBeNull();
  });

  it('time without places counts against the share', () => {
    // Room for 4 of 10 hours: 0 places from 4 h on.
    expect(pctOf([snap('A', T0 - HOUR, [basic(['1050'], 1)]), snap('A', T0 + 4 * HOUR, [basic(['1050'], 0)], T0 - HOUR)])).toBe(40);
  });

  it('every PC4 any line covers must have room: one provider covering half is not enough', () => {
    const snapshots = [snap('A', T0 - HOUR, [basic(['1050-1054'], 3)]), snap('B', T0 - HOUR, [basic(['1055-1059'], 0)])];
    expect(pctOf(snapshots)).toBe(0);
    // B gets room after 5 h: green for the last half.
    expect(pctOf([...snapshots, snap('B', T0 + 5 * HOUR, [basic(['1055-1059'], 1)])])).toBe(50);
  });

  it('grey lines do not count: a provider that has not published within capacityStaleHours', () => {
    // Published 1 h before the window; stale after 3 h: green for 2 of 10 hours.
    expect(pctOf([snap('A', T0 - HOUR, [basic(['1050'], 2)])], T0 + 10 * HOUR, 3)).toBe(20);
  });

  it('before a provider’s first snapshot it had no lines; lines of other regions do not count', () => {
    expect(pctOf([snap('A', T0 + 5 * HOUR, [basic(['1050'], 2)])])).toBe(50);
    expect(pctOf([snap('A', T0 - HOUR, [basic(['1050'], 2, 'UTR')])])).toBeNull();
  });

  it('an empty window (a month not begun) has no figures', () => {
    expect(capacityGreenPct([snap('A', T0, [basic(['1050'], 2)])], 'AMS', 24, T0, T0).every((c) => c.pct === null)).toBe(true);
  });
});
