import {
  compareLargestFirst,
  compareOutcomes,
  compareRatio,
  coverage,
  evenLoads,
  evenNights,
  evenOnCallBlocks,
  evenWeekendDuties,
  fewestChanges,
  honourWishes,
  type Outcome,
  overtimeMinutes,
  PLAN_OBJECTIVE,
  REPAIR_OBJECTIVE,
  shareOf,
  type Tally,
  withinContractHours,
} from './objective.js';

const tally = (over: Partial<Tally> = {}): Tally => ({ minutes: 0, share: 2160, nights: 0, onCallBlocks: 0, weekendDuties: 0, wishesOverridden: 0, ...over });
const outcome = (tallies: Tally[], over: Partial<Outcome> = {}): Outcome => ({ coveredMinutes: 0, changedAssignments: 0, tallies, ...over });

describe('the objective of a plan, term by term', () => {
  it('coverage: more covered position-minutes is better', () => {
    expect(coverage.compare(outcome([], { coveredMinutes: 480 }), outcome([], { coveredMinutes: 960 }))).toBeLessThan(0);
    expect(coverage.compare(outcome([], { coveredMinutes: 960 }), outcome([], { coveredMinutes: 480 }))).toBeGreaterThan(0);
    expect(coverage.compare(outcome([], { coveredMinutes: 480 }), outcome([], { coveredMinutes: 480 }))).toBe(0);
  });

  it('fewest changes: handing fewer existing assignments to another nurse is better', () => {
    expect(fewestChanges.compare(outcome([], { changedAssignments: 3 }), outcome([], { changedAssignments: 1 }))).toBeLessThan(0);
    expect(fewestChanges.compare(outcome([], { changedAssignments: 0 }), outcome([], { changedAssignments: 1 }))).toBeGreaterThan(0);
  });

  it('even loads: the largest relative load is lowered first, whatever the minutes', () => {
    // 1,920 minutes on a 24-hour contract (1,440) is 133 %; moving 480 minutes to a full-timer evens it out.
    const before = outcome([tally({ minutes: 1920, share: 1440 }), tally({ minutes: 960, share: 2160 })]);
    const after = outcome([tally({ minutes: 1440, share: 1440 }), tally({ minutes: 1440, share: 2160 })]);
    expect(evenLoads.compare(before, after)).toBeLessThan(0);
  });

  it('even loads: with the largest equal, the second largest decides (leximax, not only the maximum)', () => {
    const before = outcome([tally({ minutes: 2160 }), tally({ minutes: 2160 }), tally({ minutes: 0 })]);
    const after = outcome([tally({ minutes: 2160 }), tally({ minutes: 1080 }), tally({ minutes: 1080 })]);
    expect(evenLoads.compare(before, after)).toBeLessThan(0);
  });

  it('even nights, on-call blocks and weekend duties: each the most first', () => {
    const spread = (count: keyof Tally) => [outcome([tally({ [count]: 4 }), tally({ [count]: 0 })]), outcome([tally({ [count]: 2 }), tally({ [count]: 2 })])];
    for (const [term, count] of [
      [evenNights, 'nights'],
      [evenOnCallBlocks, 'onCallBlocks'],
      [evenWeekendDuties, 'weekendDuties'],
    ] as const) {
      const [uneven, even] = spread(count);
      expect(term.compare(uneven, even)).toBeLessThan(0);
      expect(term.compare(even, uneven)).toBeGreaterThan(0);
    }
  });

  it('honour wishes: fewer overridden is better', () => {
    expect(honourWishes.compare(outcome([tally({ wishesOverridden: 2 })]), outcome([tally({ wishesOverridden: 1 })]))).toBeLessThan(0);
  });

  it('the terms are compared in api.md’s order: coverage before loads, loads before nights, nights before wishes', () => {
    const a = outcome([tally({ minutes: 2000, nights: 0 })], { coveredMinutes: 1000 });
    const moreCovered = outcome([tally({ minutes: 2100, nights: 5 })], { coveredMinutes: 1480 });
    expect(compareOutcomes(PLAN_OBJECTIVE, a, moreCovered)).toBeLessThan(0);
    const lighter = outcome([tally({ minutes: 1900, nights: 5, wishesOverridden: 3 })], { coveredMinutes: 1000 });
    expect(compareOutcomes(PLAN_OBJECTIVE, a, lighter)).toBeLessThan(0);
    const fewerNights = outcome([tally({ minutes: 2000, nights: 0, wishesOverridden: 3 })], { coveredMinutes: 1000 });
    const moreNights = outcome([tally({ minutes: 2000, nights: 1, wishesOverridden: 0 })], { coveredMinutes: 1000 });
    expect(compareOutcomes(PLAN_OBJECTIVE, fewerNights, moreNights)).toBeGreaterThan(0);
    expect(PLAN_OBJECTIVE.map((t) => t.name)).toEqual(['coverage', 'even-loads', 'even-nights', 'even-on-call-blocks', 'even-weekend-duties', 'honour-wishes']);
  });

  it('a repair plan puts the fewest changes right after coverage', () => {
    expect(REPAIR_OBJECTIVE.map((t) => t.name)).toEqual([
      'coverage',
      'fewest-changes',
      'even-loads',
      'even-nights',
      'even-on-call-blocks',
      'even-weekend-duties',
      'honour-wishes',
    ]);
    const oneChangeEven = outcome([tally({ minutes: 1000 }), tally({ minutes: 1000 })], { changedAssignments: 1 });
    const noChangeUneven = outcome([tally({ minutes: 2000 }), tally({ minutes: 0 })], { changedAssignments: 0 });
    expect(compareOutcomes(REPAIR_OBJECTIVE, oneChangeEven, noChangeUneven)).toBeLessThan(0);
    expect(compareOutcomes(PLAN_OBJECTIVE, oneChangeEven, noChangeUneven)).toBeGreaterThan(0);
  });
});

describe('the arithmetic under the terms', () => {
  it('ratios are compared exactly, without rounding', () => {
    expect(compareRatio(1, 3, 333_333, 1_000_000)).toBeGreaterThan(0);
    expect(compareRatio(2, 6, 1, 3)).toBe(0);
    expect(compareRatio(1, 0, 1_000_000, 1)).toBeGreaterThan(0);
  });

  it('largest first: compares sorted from the top, the shorter list of equal values first', () => {
    const n = (x: number, y: number) => x - y;
    expect(compareLargestFirst([3, 1, 2], [2, 3, 1], n)).toBe(0);
    expect(compareLargestFirst([3, 3, 0], [3, 2, 1], n)).toBeLessThan(0);
    expect(compareLargestFirst([4, 0], [3, 3], n)).toBeLessThan(0);
  });

  it('a nurse without contract hours counts the full-time week of 36 hours', () => {
    expect(shareOf(null)).toBe(2160);
    expect(shareOf(1440)).toBe(1440);
    expect(shareOf(0)).toBe(0);
  });

  it('contract hours over a period: 24 h a week over 31 days is 6,377 1/7 minutes, plus the overtime allowed', () => {
    expect(withinContractHours(6377, 1440, 31, 0)).toBe(true);
    expect(withinContractHours(6378, 1440, 31, 0)).toBe(false);
    // 10 % more: 7,014 6/7.
    expect(withinContractHours(7014, 1440, 31, 10)).toBe(true);
    expect(withinContractHours(7015, 1440, 31, 10)).toBe(false);
    expect(withinContractHours(1, 0, 31, 50)).toBe(false);
  });

  it('overtime minutes are the whole minutes beyond the share over the period', () => {
    expect(overtimeMinutes(6377, 1440, 31)).toBe(0);
    expect(overtimeMinutes(7014, 1440, 31)).toBe(636);
  });
});
