import fc from 'fast-check';
import { compareRanked, isStale, lightOf, type MatchLine, type MatchReferral, type Placement, rankProviders } from './matching.js';
import { normalise } from './postcodes.js';
import { CARE_KINDS, type CareKind, type OfferAnswer } from './referral-codes.js';

const NOW = Date.parse('2026-12-08T10:00:00+01:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function line(agb: string, careKind: CareKind, over: Partial<MatchLine> & { postcodes?: string[] } = {}): MatchLine {
  const { postcodes, ...rest } = over;
  return {
    id: `${agb}-${careKind}`,
    agb,
    name: `Aanbieder ${agb}`,
    regionCode: 'AMS',
    careKind,
    ranges: normalise(postcodes ?? ['1050-1059']),
    places: 3,
    primary: false,
    publishedAt: NOW - HOUR,
    ...rest,
  };
}

function referral(over: Partial<MatchReferral> = {}): MatchReferral {
  return { regionCode: 'AMS', postcode: '1053', careKinds: ['basic'], offers: [], capacityStaleHours: 24, ...over };
}

const order = (lines: MatchLine[], r = referral(), history: Placement[] = []) => rankProviders(r, lines, history, NOW).ranked.map((p) => p.agb);
const reasons = (lines: MatchLine[], r = referral(), history: Placement[] = []) =>
  Object.fromEntries(rankProviders(r, lines, history, NOW).skipped.map((s) => [s.agb, s.reason]));

describe('who can take a referral', () => {
  it('a provider with a line covering the PC4 for the care kind, with places, published recently, is ranked', () => {
    const { ranked, skipped } = rankProviders(referral(), [line('75000001', 'basic')], [], NOW);
    expect(ranked).toEqual([{ agb: '75000001', name: 'Aanbieder 75000001', primary: false, places: 3, acceptedLast30Days: 0, lineIds: ['75000001-basic'] }]);
    expect(skipped).toEqual([]);
  });

  it('a single PC4 and both ends of a range count as covered', () => {
    const lines = [
      line('75000001', 'basic', { postcodes: ['1053'] }),
      line('75000002', 'basic', { postcodes: ['1053-1060'] }),
      line('75000003', 'basic', { postcodes: ['1040-1053'] }),
    ];
    expect(order(lines)).toEqual(['75000001', '75000002', '75000003']);
  });

  it('every care kind asked must be covered; the line of each kind is the one an acceptance takes a place from', () => {
    const lines = [line('75000001', 'basic'), line('75000001', 'wound-care', { places: 2 })];
    const { ranked } = rankProviders(referral({ careKinds: ['wound-care', 'basic'] }), lines, [], NOW);
    expect(ranked[0]).toMatchObject({ places: 2, lineIds: ['75000001-wound-care', '75000001-basic'] });
  });

  it('lines in another region do not count, and their providers are not the region’s', () => {
    const { ranked, skipped } = rankProviders(referral(), [line('75000001', 'basic', { regionCode: 'UTR' })], [], NOW);
    expect(ranked).toEqual([]);
    expect(skipped).toEqual([]);
  });
});

describe('why a provider of the region is skipped', () => {
  it('outside-area: none of its lines covers the PC4', () => {
    expect(reasons([line('75000001', 'basic', { postcodes: ['1060-1069'] })])).toEqual({ '75000001': 'outside-area' });
  });

  it('care-kind: it covers the PC4 but not for every kind asked', () => {
    expect(reasons([line('75000001', 'basic')], referral({ careKinds: ['basic', 'palliative'] }))).toEqual({ '75000001': 'care-kind' });
  });

  it('no-places: a matched line has no places left', () => {
    const lines = [line('75000001', 'basic'), line('75000001', 'wound-care', { places: 0 })];
    expect(reasons(lines, referral({ careKinds: ['basic', 'wound-care'] }))).toEqual({ '75000001': 'no-places' });
  });

  it('stale: it has not published for longer than the region’s capacityStaleHours (exactly that long is still fresh)', () => {
    const lines = [line('75000001', 'basic', { publishedAt: NOW - 24 * HOUR - 1 }), line('75000002', 'basic', { publishedAt: NOW - 24 * HOUR })];
    expect(reasons(lines)).toEqual({ '75000001': 'stale' });
    expect(order(lines)).toEqual(['75000002']);
  });

  it('declined, timed-out and withdrawn: it was offered this referral before', () => {
    const lines = [line('75000001', 'basic'), line('75000002', 'basic'), line('75000003', 'basic')];
    const offers = [
      { agb: '75000001', answer: 'declined' as const },
      { agb: '75000002', answer: 'timed-out' as const },
      { agb: '75000003', answer: 'withdrawn' as const },
    ];
    expect(reasons(lines, referral({ offers }))).toEqual({ '75000001': 'declined', '75000002': 'timed-out', '75000003': 'withdrawn' });
  });

  it('the first reason is given, in the order outside-area, care-kind, no-places, stale, declined', () => {
    const r = referral({ careKinds: ['basic', 'palliative'], offers: [{ agb: '75000001', answer: 'declined' }] });
    // Declined, but now also without places and grey: no-places comes first.
    const lines = [line('75000001', 'basic', { places: 0, publishedAt: NOW - 30 * HOUR }), line('75000001', 'palliative')];
    expect(reasons(lines, r)).toEqual({ '75000001': 'no-places' });
    expect(reasons([line('75000001', 'basic', { publishedAt: NOW - 30 * HOUR }), line('75000001', 'palliative')], r)).toEqual({ '75000001': 'stale' });
    expect(reasons([line('75000001', 'basic', { places: 0 })], r)).toEqual({ '75000001': 'care-kind' });
  });

  it('a provider with the open or the accepted offer is in neither list', () => {
    const lines = [line('75000001', 'basic'), line('75000002', 'basic')];
    const open = rankProviders(referral({ offers: [{ agb: '75000001', answer: null }] }), lines, [], NOW);
    expect(open.ranked.map((p) => p.agb)).toEqual(['75000002']);
    expect(open.skipped).toEqual([]);
    const accepted = rankProviders(referral({ offers: [{ agb: '75000001', answer: 'accepted' }] }), lines, [], NOW);
    expect(accepted.ranked.map((p) => p.agb)).toEqual(['75000002']);
    expect(accepted.skipped).toEqual([]);
  });

  it('the skipped are listed by AGB, each once, with its name', () => {
    const lines = [line('75000003', 'basic', { places: 0 }), line('75000001', 'palliative'), line('75000001', 'wound-care')];
    expect(rankProviders(referral(), lines, [], NOW).skipped).toEqual([
      { agb: '75000001', name: 'Aanbieder 75000001', reason: 'care-kind' },
      { agb: '75000003', name: 'Aanbieder 75000003', reason: 'no-places' },
    ]);
  });
});

describe('the order of the ranking', () => {
  it('a primary line comes first, even with fewer places', () => {
    expect(order([line('75000001', 'basic', { places: 9 }), line('75000002', 'basic', { places: 1, primary: true })])).toEqual(['75000002', '75000001']);
  });

  it('a provider is primary when any line it matches on is primary', () => {
    const lines = [
      line('75000001', 'basic'),
      line('75000001', 'wound-care', { primary: true }),
      line('75000002', 'basic', { places: 9 }),
      line('75000002', 'wound-care', { places: 9 }),
    ];
    expect(order(lines, referral({ careKinds: ['basic', 'wound-care'] }))).toEqual(['75000001', '75000002']);
  });

  it('then the most places, counting the fewest over the kinds asked', () => {
    const lines = [
      line('75000001', 'basic', { places: 9 }),
      line('75000001', 'palliative', { places: 1 }),
      line('75000002', 'basic', { places: 2 }),
      line('75000002', 'palliative', { places: 2 }),
    ];
    expect(order(lines, referral({ careKinds: ['basic', 'palliative'] }))).toEqual(['75000002', '75000001']);
  });

  it('then the fewest referrals accepted in the region in the last 30 days (older ones do not count)', () => {
    const lines = [line('75000001', 'basic'), line('75000002', 'basic')];
    const history = [
      { agb: '75000001', placedAt: NOW - 2 * DAY },
      { agb: '75000002', placedAt: NOW - 31 * DAY },
      { agb: '75000002', placedAt: NOW - 40 * DAY },
    ];
    expect(order(lines, referral(), history)).toEqual(['75000002', '75000001']);
    const { ranked } = rankProviders(referral(), lines, history, NOW);
    expect(ranked.map((p) => p.acceptedLast30Days)).toEqual([0, 1]);
  });

  it('then the AGB', () => {
    expect(order([line('75000009', 'basic'), line('75000002', 'basic'), line('75000005', 'basic')])).toEqual(['75000002', '75000005', '75000009']);
  });
});

describe('lights', () => {
  it('green from 2 places, orange at 1, red at 0, grey when stale whatever the places', () => {
    expect(lightOf(2, NOW, 24, NOW)).toBe('green');
    expect(lightOf(99, NOW, 24, NOW)).toBe('green');
    expect(lightOf(1, NOW, 24, NOW)).toBe('orange');
    expect(lightOf(0, NOW, 24, NOW)).toBe('red');
    expect(lightOf(5, NOW - 2 * HOUR - 1, 2, NOW)).toBe('grey');
    expect(isStale(NOW - 2 * HOUR, 2, NOW)).toBe(false);
  });
});

describe('properties', () => {
  const agbs = ['75000001', '75000002', '75000003', '75000004', '75000005', '75000006'];
  const arbLine = fc.record({
    agb: fc.constantFrom(...agbs),
    careKind: fc.constantFrom(...CARE_KINDS),
    regionCode: fc.constantFrom('AMS', 'AMS', 'UTR'),
    from: fc.integer({ min: 1000, max: 1100 }),
    span: fc.integer({ min: 0, max: 40 }),
    places: fc.integer({ min: 0, max: 4 }),
    primary: fc.boolean(),
  });
  const arbInput = fc.record({
    lines: fc.array(arbLine, { maxLength: 40 }),
    stale: fc.subarray(agbs),
    postcode: fc.integer({ min: 1000, max: 1140 }),
    careKinds: fc.uniqueArray(fc.constantFrom(...CARE_KINDS), { minLength: 1, maxLength: 3 }),
    offers: fc.uniqueArray(
      fc.record({ agb: fc.constantFrom(...agbs), answer: fc.constantFrom<OfferAnswer | null>(null, 'declined', 'timed-out', 'withdrawn', 'accepted') }),
      {
        selector: (o) => o.agb,
        maxLength: 4,
      },
    ),
    history: fc.array(fc.record({ agb: fc.constantFrom(...agbs), ageDays: fc.integer({ min: 0, max: 60 }) }), { maxLength: 10 }),
  });

  /** Lines as a provider publishes them: one line per region, kind and PC4 (the service refuses overlaps). */
  function build(input: typeof arbInput extends fc.Arbitrary<infer T> ? T : never) {
    const seen = new Set<string>();
    const lines: MatchLine[] = [];
    input.lines.forEach((l, i) => {
      const key = `${l.agb}|${l.regionCode}|${l.careKind}`;
      if (seen.has(key)) return;
      seen.add(key);
      lines.push({
        id: `line-${i}`,
        agb: l.agb,
        name: `Aanbieder ${l.agb}`,
        regionCode: l.regionCode,
        careKind: l.careKind,
        ranges: normalise([`${l.from}-${l.from + l.span}`]),
        places: l.places,
        primary: l.primary,
        publishedAt: input.stale.includes(l.agb) ? NOW - 48 * HOUR : NOW - HOUR,
      });
    });
    const r = referral({ postcode: String(input.postcode), careKinds: input.careKinds, offers: input.offers });
    const history = input.history.map((h) => ({ agb: h.agb, placedAt: NOW - h.ageDays * DAY }));
    return { lines, r, history };
  }

  it('a provider is never ranked twice, nor one that was offered the referral before', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { lines, r, history } = build(input);
        const { ranked } = rankProviders(r, lines, history, NOW);
        const agbsRanked = ranked.map((p) => p.agb);
        expect(new Set(agbsRanked).size).toBe(agbsRanked.length);
        for (const agb of agbsRanked) expect(r.offers.some((o) => o.agb === agb)).toBe(false);
      }),
    );
  });

  it('a ranked provider covers the PC4 in the region for every kind asked, with places, and is not grey', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { lines, r, history } = build(input);
        for (const p of rankProviders(r, lines, history, NOW).ranked) {
          for (const kind of r.careKinds) {
            const own = lines.find(
              (l) =>
                l.agb === p.agb && l.regionCode === 'AMS' && l.careKind === kind && l.ranges.some((x) => x.from <= input.postcode && input.postcode <= x.to),
            );
            expect(own).toBeDefined();
            expect(own!.places).toBeGreaterThan(0);
            expect(isStale(own!.publishedAt, 24, NOW)).toBe(false);
          }
        }
      }),
    );
  });

  it('a provider that covers the PC4 and every kind with places, fresh and not offered before, is never skipped', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { lines, r, history } = build(input);
        const { ranked, skipped } = rankProviders(r, lines, history, NOW);
        for (const agb of agbs) {
          const fits = r.careKinds.every((kind) =>
            lines.some(
              (l) =>
                l.agb === agb &&
                l.regionCode === 'AMS' &&
                l.careKind === kind &&
                l.places > 0 &&
                l.ranges.some((x) => x.from <= input.postcode && input.postcode <= x.to),
            ),
          );
          if (!fits || input.stale.includes(agb) || r.offers.some((o) => o.agb === agb)) continue;
          expect(skipped.some((s) => s.agb === agb)).toBe(false);
          expect(ranked.some((p) => p.agb === agb)).toBe(true);
        }
      }),
    );
  });

  it('every provider of the region is either ranked, skipped, or holds the open or accepted offer — exactly one of these', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { lines, r, history } = build(input);
        const { ranked, skipped } = rankProviders(r, lines, history, NOW);
        const ofRegion = new Set(lines.filter((l) => l.regionCode === 'AMS').map((l) => l.agb));
        const holding = new Set(r.offers.filter((o) => o.answer === null || o.answer === 'accepted').map((o) => o.agb));
        const listed = [...ranked.map((p) => p.agb), ...skipped.map((s) => s.agb)];
        expect(new Set(listed).size).toBe(listed.length);
        for (const agb of ofRegion) expect(listed.includes(agb) !== holding.has(agb)).toBe(true);
        for (const agb of listed) expect(ofRegion.has(agb)).toBe(true);
      }),
    );
  });

  it('the ranking is in the documented order', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { lines, r, history } = build(input);
        const { ranked } = rankProviders(r, lines, history, NOW);
        for (let i = 1; i < ranked.length; i++) expect(compareRanked(ranked[i - 1], ranked[i])).toBeLessThan(0);
      }),
    );
  });
});
