import fc from 'fast-check';
import { expandTemplate } from '../roster/recurrence.js';
import { computeMonthlyFee, daysOfMonthInPeriod, type FeeInput } from './fee-calculator.js';
import { positionMinutesOf, roundHalfUpDiv } from './position-minutes.js';

const noFees: FeeInput['terms'] = {
  fixedMonthlyCents: 0,
  perPositionHourCents: 0,
  perInhabitantMonthlyCents: 0,
  slaMinCoverageHundredths: null,
  slaDeductionPerUncoveredHourCents: 0,
};

function input(over: Partial<Omit<FeeInput, 'terms'>> & { terms?: Partial<FeeInput['terms']> }): FeeInput {
  return {
    month: '2027-03',
    validFrom: '2027-01-01',
    lastDay: null,
    population: 0,
    minutes: { positionMinutes: 0, coveredMinutes: 0 },
    ...over,
    terms: { ...noFees, ...(over.terms ?? {}) },
  };
}

describe('monthly availability fee', () => {
  it('a whole month pays the whole fixed amount', () => {
    expect(computeMonthlyFee(input({ terms: { fixedMonthlyCents: 310_000 } }))?.lines.fixedCents).toBe(310_000);
  });

  it('a contract starting on 17 March pays 15 of 31 days of the fixed amount', () => {
    const fee = computeMonthlyFee(input({ validFrom: '2027-03-17', terms: { fixedMonthlyCents: 100_000 } }));
    expect(fee?.daysInPeriod).toBe(15);
    // 100000 × 15 / 31 = 48387.09… → 48387
    expect(fee?.lines.fixedCents).toBe(48_387);
  });

  it('a contract ending on 10 February 2028 (a leap year) pays 10 of 29 days', () => {
    const fee = computeMonthlyFee(input({ month: '2028-02', lastDay: '2028-02-10', terms: { fixedMonthlyCents: 290_000 } }));
    expect(fee?.daysInMonth).toBe(29);
    expect(fee?.lines.fixedCents).toBe(100_000);
  });

  it('a month outside the period gives no statement', () => {
    expect(computeMonthlyFee(input({ validFrom: '2027-04-01' }))).toBeNull();
    expect(daysOfMonthInPeriod('2027-03', '2027-01-01', '2027-02-28')).toBe(0);
  });

  it('capitation is the per-inhabitant amount × population, pro rata', () => {
    const fee = computeMonthlyFee(input({ population: 1_050_000, validFrom: '2027-03-02', terms: { perInhabitantMonthlyCents: 3 } }));
    // 3 × 1050000 × 30 / 31 = 3048387.09… → 3048387
    expect(fee?.lines.capitationCents).toBe(3_048_387);
  });

  it('a 23:00–07:00 night on the last Sunday of March is paid for 7 hours', () => {
    const slots = expandTemplate(
      { rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' },
      { validFrom: '2027-03-27', lastDate: '2027-03-27' },
      'Europe/Amsterdam',
    );
    const minutes = positionMinutesOf(slots.map((s) => ({ durationMinutes: s.durationMinutes, requiredNurses: 1, assignedNurses: 1 })));
    const fee = computeMonthlyFee(input({ minutes, terms: { perPositionHourCents: 4500 } }));
    expect(fee?.positionMinutes).toBe(420);
    expect(fee?.lines.positionHoursCents).toBe(7 * 4500);
  });

  it('the March nights of 2027 add up to 247 position-hours (one night of 7 h)', () => {
    const slots = expandTemplate(
      { rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' },
      { validFrom: '2027-03-01', lastDate: '2027-03-31' },
      'Europe/Amsterdam',
    );
    const minutes = positionMinutesOf(slots.map((s) => ({ durationMinutes: s.durationMinutes, requiredNurses: 2, assignedNurses: 1 })));
    expect(minutes.positionMinutes).toBe((30 * 8 + 7) * 60 * 2);
    expect(minutes.coveredMinutes).toBe((30 * 8 + 7) * 60);
  });

  it('position-hours round half up at exactly half a cent', () => {
    // 1 cent per hour × 30 minutes = 0.5 cent → 1
    expect(
      computeMonthlyFee(input({ minutes: { positionMinutes: 30, coveredMinutes: 30 }, terms: { perPositionHourCents: 1 } }))?.lines.positionHoursCents,
    ).toBe(1);
    // 1 cent per hour × 29 minutes = 0.483 → 0
    expect(
      computeMonthlyFee(input({ minutes: { positionMinutes: 29, coveredMinutes: 29 }, terms: { perPositionHourCents: 1 } }))?.lines.positionHoursCents,
    ).toBe(0);
  });

  it('coverage below the SLA deducts per uncovered hour', () => {
    const fee = computeMonthlyFee(
      input({
        minutes: { positionMinutes: 6000, coveredMinutes: 5700 },
        terms: { perPositionHourCents: 4500, slaMinCoverageHundredths: 9800, slaDeductionPerUncoveredHourCents: 6000 },
      }),
    );
    expect(fee?.coveragePctHundredths).toBe(9500);
    expect(fee?.lines.positionHoursCents).toBe(450_000);
    expect(fee?.lines.deductionCents).toBe(30_000);
    expect(fee?.totalCents).toBe(420_000);
  });

  it('coverage exactly at the SLA minimum deducts nothing', () => {
    const fee = computeMonthlyFee(
      input({
        minutes: { positionMinutes: 10_000, coveredMinutes: 9_800 },
        terms: { perPositionHourCents: 100, slaMinCoverageHundredths: 9800, slaDeductionPerUncoveredHourCents: 6000 },
      }),
    );
    expect(fee?.lines.deductionCents).toBe(0);
  });

  it('the SLA compares exactly, not the rounded percentage', () => {
    // 99.995 % rounds to 100.00 but is still below a 100 % minimum.
    const fee = computeMonthlyFee(
      input({
        minutes: { positionMinutes: 200_000, coveredMinutes: 199_990 },
        terms: { slaMinCoverageHundredths: 10_000, slaDeductionPerUncoveredHourCents: 600, fixedMonthlyCents: 1000 },
      }),
    );
    expect(fee?.coveragePctHundredths).toBe(10_000);
    expect(fee?.lines.deductionCents).toBe(100);
  });

  it('the deduction never exceeds the sum of the three fee lines', () => {
    const fee = computeMonthlyFee(
      input({
        minutes: { positionMinutes: 6000, coveredMinutes: 0 },
        terms: { perPositionHourCents: 100, fixedMonthlyCents: 500, slaMinCoverageHundredths: 9000, slaDeductionPerUncoveredHourCents: 100_000 },
      }),
    );
    expect(fee?.lines.deductionCents).toBe(10_500);
    expect(fee?.totalCents).toBe(0);
  });

  it('a month without slots has 100 % coverage and no deduction', () => {
    const fee = computeMonthlyFee(input({ terms: { slaMinCoverageHundredths: 9800, slaDeductionPerUncoveredHourCents: 6000, fixedMonthlyCents: 100 } }));
    expect(fee?.coveragePctHundredths).toBe(10_000);
    expect(fee?.lines.deductionCents).toBe(0);
    expect(fee?.totalCents).toBe(100);
  });

  it('property: rounding never moves a line by more than half a cent', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const q = roundHalfUpDiv(n, d);
        // |q − n/d| ≤ 1/2  ⇔  |2qd − 2n| ≤ d
        const diff = 2n * q * d - 2n * n;
        expect(diff <= d && -diff <= d).toBe(true);
        if (diff === d || -diff === d) expect(diff).toBe(d); // ties go up
      }),
    );
  });

  it("property: a year's monthly position-minutes add up to the template's total", () => {
    fc.assert(
      fc.property(
        fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=SA,SU', 'FREQ=MONTHLY;BYMONTHDAY=-1'),
        fc.constantFrom('23:00', '02:30', '08:00', '17:00'),
        fc.constantFrom('07:00', '08:00', '02:30', '23:59'),
        fc.integer({ min: 1, max: 4 }),
        (rrule, startTime, endTime, nurses) => {
          const slots = expandTemplate({ rrule, startTime, endTime }, { validFrom: '2027-01-01', lastDate: '2027-12-31' }, 'Europe/Amsterdam');
          const staffed = slots.map((s) => ({ ...s, requiredNurses: nurses, assignedNurses: 0 }));
          const total = positionMinutesOf(staffed).positionMinutes;
          let sum = 0;
          for (let m = 1; m <= 12; m++) {
            const month = `2027-${String(m).padStart(2, '0')}`;
            sum += positionMinutesOf(staffed.filter((s) => s.localDate.startsWith(month))).positionMinutes;
          }
          expect(sum).toBe(total);
        },
      ),
      { numRuns: 40 },
    );
  });
});
