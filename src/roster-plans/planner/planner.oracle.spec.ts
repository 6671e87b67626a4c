import { compareWithOptimum } from '../../../bench/planner-oracle.js';

describe('planner quality against the exact optimum (HiGHS)', () => {
  it('covers as much as the optimum and stays within 5 % of its fairness on 60 generated instances', async () => {
    const figures = await compareWithOptimum(60);
    // The same figures are in bench/RESULTS.md (npm run bench).
    console.log(`planner oracle: ${JSON.stringify({ ...figures, failures: figures.failures.length })}`);
    expect(figures.failures).toEqual([]);
    expect(figures.instances).toBe(60);
    expect(figures.equalCoverage).toBe(60);
    // The instances must include ones where a greedy pass alone falls short, or the test proves little.
    expect(figures.greedyShort).toBeGreaterThan(0);
  });
});
