import { enumerateOptimum } from './enumeration-oracle.js';
import { focusedInstance, type FocusTheme, seeded, smallInstance } from './instances.js';
import { applyInOrder, lawfulInEveryOrder, ordersOf, planLimitsBroken } from './lawfulness.js';
import type { OracleInput } from './milp-model.js';
import { compareRatio, PlanChecker, solveOracle } from './oracle.js';

/**
 * The MILP of `milp-model.ts` checked against two things it does not share code with: the
 * enumeration oracle (every lawful duty set per nurse, judged by the project's `judgeAssignment` in
 * every order) on instances small enough to enumerate, and the judgement itself applied to the
 * MILP's optimal plan in several orders and to random plans the model accepts or refuses.
 */

const THEMES: FocusTheme[] = ['weekly-rest', 'nights', 'sunday', 'rests', 'hours'];

function smallCases(): [string, OracleInput][] {
  const cases: [string, OracleInput][] = [];
  for (const theme of THEMES) for (let s = 1; s <= 5; s++) cases.push([`${theme} #${s}`, focusedInstance(s * 101, theme)]);
  for (let seed = 1; seed <= 14; seed++) {
    const days = seed % 3 === 0 ? 14 : 7;
    const input = smallInstance(seed * 7919, { nurses: 3 + (seed % 2), days, density: days === 14 ? 0.12 : 0.22 });
    cases.push([`small #${seed}`, { ...input, overtimePct: [0, 10, 50][seed % 3] }]);
  }
  return cases;
}

describe('the MILP oracle against the enumeration and the judgement', () => {
  it('finds the same optimal coverage, largest load and least "most nights" as the enumeration, with a plan the judgement accepts in every order tried', async () => {
    let compared = 0;
    const themes = new Set<string>();
    for (const [label, input] of smallCases()) {
      const enumerated = await enumerateOptimum(input, 400);
      if (!enumerated) continue; // too many lawful sets for one nurse to enumerate
      compared++;
      themes.add(label.split(' ')[0]);
      const milp = await solveOracle(input, { timeLimitSeconds: 10, levels: ['coverage', 'load', 'nights', 'second'] });
      expect({ label, proven: Object.values(milp.levels).every((l) => l.proven) }).toEqual({ label, proven: true });
      expect({ label, covered: milp.coveredMinutes }).toEqual({ label, covered: enumerated.coveredMinutes });
      const sameLoad = enumerated.maxLoad === null ? milp.maxLoad === null : milp.maxLoad !== null && compareRatio(milp.maxLoad, enumerated.maxLoad) === 0;
      expect({ label, load: milp.maxLoad, sameLoad }).toEqual({ label, load: milp.maxLoad, sameLoad: true });
      expect({ label, nights: milp.leastMostNights }).toEqual({ label, nights: enumerated.leastMostNights });
      // The plan of the last level keeps the coverage and the largest load.
      const refusals = ordersOf(input, milp.plan, 4, compared).flatMap((order) => {
        const refused = applyInOrder(input, milp.plan, order);
        return refused ? [`${refused.proposal.nurseId} on ${refused.proposal.slotId}: ${refused.rules.join(', ')}`] : [];
      });
      expect({ label, refusals, limits: planLimitsBroken(input, milp.plan) }).toEqual({ label, refusals: [], limits: [] });
    }
    expect(compared).toBeGreaterThanOrEqual(24);
    expect([...themes].sort()).toEqual(['hours', 'nights', 'rests', 'small', 'sunday', 'weekly-rest']);
  }, 120_000);

  it('accepts a one-nurse plan exactly when the judgement passes it in every order and it keeps contract hours', async () => {
    let accepted = 0;
    let refused = 0;
    for (const theme of THEMES) {
      for (let s = 1; s <= 3; s++) {
        const input = focusedInstance(s * 211, theme);
        const nurse = input.nurses[0];
        const mine = { ...input, nurses: [nurse] };
        const checker = await PlanChecker.create(mine);
        try {
          const rand = seeded(s * 17 + theme.length);
          for (let k = 0; k < 25; k++) {
            const size = 1 + Math.floor(rand() * Math.min(7, input.positions.length));
            const chosen = input.positions.filter(() => rand() < size / input.positions.length).slice(0, 10);
            if (chosen.length === 0) continue;
            const plan = chosen.map((p) => ({ slotId: p.slotId, nurseId: nurse.id }));
            const lawful = lawfulInEveryOrder(nurse, chosen) && planLimitsBroken(mine, plan).length === 0;
            const broken = checker.broken(plan);
            expect({ theme, s, k, slots: plan.map((p) => p.slotId), modelAccepts: broken.length === 0 }).toEqual({
              theme,
              s,
              k,
              slots: plan.map((p) => p.slotId),
              modelAccepts: lawful,
            });
            if (lawful) accepted++;
            else refused++;
          }
        } finally {
          checker.dispose();
        }
      }
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThanOrEqual(40);
    expect(refused).toBeGreaterThanOrEqual(40);
  }, 120_000);
});
