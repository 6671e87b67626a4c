import { qualityInstance, type QualityInstanceOptions } from './instances.js';
import { solveOracle } from './oracle.js';
import { type Comparison, compareWithOptimum } from './quality.js';

/**
 * The planner against the exact optimum of the row MILP (`milp-model.ts`, solved by `oracle.ts`) on
 * generated region fortnights and three-week periods of 6–10 nurses, with both clock changes and
 * one where weekly rest binds (the optimum covers less with it than without):
 * coverage equal to the optimum, the largest relative load within 1 % of the optimum's at that
 * coverage, and the most nights for one nurse at most one above the least possible at that coverage
 * and largest load (api.md's objective, levels 1–3). Each MILP level has 10 s; the instances are
 * sized so that every level is proven optimal well within that on two busy cores.
 *
 * Expectations the current planner misses are marked `it.failing` with the gap measured when they
 * were written; the lead turns them into `it` when the planner reaches them.
 */

const INSTANCES: [string, number, QualityInstanceOptions][] = [
  ['6 nurses, two weeks over the spring clock change', 7, { nurses: 6, weeks: 2, demand: 0.85 }],
  ['10 nurses, two weeks over the autumn clock change', 100, { nurses: 10, weeks: 2, demand: 0.85 }],
  ['6 nurses, three weeks over the autumn clock change', 131, { nurses: 6, weeks: 3, demand: 0.85 }],
  ['6 nurses, two weeks from a Wednesday where weekly rest binds', 5, { nurses: 6, weeks: 2, demand: 1 }],
];

/** Coverage of the weekly-rest instance without the weekly-rest rows: more than with them. */
let withoutWeeklyRest = { coveredMinutes: 0, proven: false };

const figures = new Map<string, Comparison>();

beforeAll(async () => {
  for (const [label, seed, options] of INSTANCES) {
    const comparison = await compareWithOptimum(label, qualityInstance(seed, options), {
      timeLimitSeconds: 30,
      levels: ['coverage', 'load', 'nights'],
      shuffles: 2,
    });
    figures.set(label, comparison);
    if (label === weeklyRest) {
      const relaxed = await solveOracle(qualityInstance(seed, options), { timeLimitSeconds: 30, levels: ['coverage'], omit: ['weekly-rest'] });
      withoutWeeklyRest = { coveredMinutes: relaxed.coveredMinutes, proven: relaxed.levels.coverage?.proven ?? false };
    }
    // The figures of the report (and of bench/RESULTS.md's planner section).
    console.log(
      `planner quality, ${label}: ${JSON.stringify({ planner: comparison.planner, optimum: { ...comparison.optimum, refusals: comparison.optimum.refusals.length }, gaps: comparison.gaps })}`,
    );
  }
}, 240_000);

const of = (label: string) => figures.get(label) as Comparison;
const [spring, autumn, threeWeeks, weeklyRest] = INSTANCES.map(([label]) => label);

describe('the planner against the MILP optimum (6–10 nurses, 2–3 weeks)', () => {
  it('has instances with both clock changes, each MILP level proven optimal, and the MILP plans accepted by the judgement in every order tried', () => {
    expect(INSTANCES.map(([label]) => of(label).clockChange)).toEqual([true, true, true, true]);
    expect(INSTANCES.map(([label]) => of(label).from.slice(5, 7))).toEqual(['03', '10', '10', '10']);
    // Weekly rest binds: without its rows the optimum would cover more.
    expect(withoutWeeklyRest.proven).toBe(true);
    expect(withoutWeeklyRest.coveredMinutes).toBeGreaterThan(of(weeklyRest).optimum.coveredMinutes);
    for (const [label] of INSTANCES) {
      const c = of(label);
      expect({ label, proven: c.optimum.proven }).toEqual({ label, proven: { coverage: true, load: true, nights: true } });
      expect({ label, refusals: c.optimum.refusals, limits: c.optimum.limitsBroken }).toEqual({ label, refusals: [], limits: [] });
    }
  });

  it("the planner's plans break no rule as the MILP reads the law", () => {
    for (const [label] of INSTANCES) expect({ label, broken: of(label).planner.brokenRules }).toEqual({ label, broken: [] });
  });

  describe('coverage equals the optimum', () => {
    it(spring, () => expect(of(spring).gaps.coverageMinutes).toBe(0));
    it(autumn, () => expect(of(autumn).gaps.coverageMinutes).toBe(0));
    it.failing(`${threeWeeks} (measured: the planner covers 1440 minutes less than the optimum)`, () => expect(of(threeWeeks).gaps.coverageMinutes).toBe(0));
    it.failing(`${weeklyRest} (measured: the planner covers 1440 minutes less than the optimum)`, () => expect(of(weeklyRest).gaps.coverageMinutes).toBe(0));
  });

  describe('the largest relative load within 1 % of the optimum at that coverage', () => {
    it.failing(`${spring} (measured: 4.41 % above, 0.9861 against 0.9444)`, () => expect(of(spring).gaps.maxLoadPct).toBeLessThanOrEqual(1));
    it(autumn, () => expect(of(autumn).gaps.maxLoadPct).toBeLessThanOrEqual(1));
    // Meaningful only at equal coverage: with less coverage the planner's load is not comparable.
    it.failing(`${threeWeeks} (measured: coverage short, see above; the load itself equals the optimum's)`, () => {
      expect(of(threeWeeks).gaps.coverageMinutes).toBe(0);
      expect(of(threeWeeks).gaps.maxLoadPct).toBeLessThanOrEqual(1);
    });
    it.failing(`${weeklyRest} (measured: coverage short, see above; the load itself equals the optimum's)`, () => {
      expect(of(weeklyRest).gaps.coverageMinutes).toBe(0);
      expect(of(weeklyRest).gaps.maxLoadPct).toBeLessThanOrEqual(1);
    });
  });

  describe('the most nights for one nurse at most one above the least possible at that coverage and load', () => {
    it(spring, () => expect(of(spring).gaps.nightsAbove).toBeLessThanOrEqual(1));
    it(autumn, () => expect(of(autumn).gaps.nightsAbove).toBeLessThanOrEqual(1));
    it(threeWeeks, () => expect(of(threeWeeks).gaps.nightsAbove).toBeLessThanOrEqual(1));
    it(weeklyRest, () => expect(of(weeklyRest).gaps.nightsAbove).toBeLessThanOrEqual(1));
  });
});
