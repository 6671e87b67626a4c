import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FeeDto, SlaDto } from './dto/create-contract.dto.js';
import { CreateRegionDto } from '../reference/dto/create-region.dto.js';
import { CreateTemplateDto } from '../roster/dto/create-template.dto.js';
import { computeMonthlyFee } from '../fees/fee-calculator.js';
import { MAX_FEE_CENTS, MAX_PER_INHABITANT_MONTHLY_CENTS, MAX_POSITION_MINUTES_PER_MONTH, MAX_REGION_POPULATION, MAX_REQUIRED_NURSES } from './fee-bounds.js';

/** The property names whose validation fails for this plain body. */
function refused<T extends object>(cls: new () => T, body: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(cls, body), { forbidUnknownValues: false }).map((e) => e.property);
}

describe('fee bounds', () => {
  it('a contract at every upper bound, with the largest roster a month can hold, yields a safe total', () => {
    const worst = {
      month: '2027-10',
      validFrom: '2027-01-01',
      lastDay: null,
      population: MAX_REGION_POPULATION,
      minutes: { positionMinutes: MAX_POSITION_MINUTES_PER_MONTH, coveredMinutes: MAX_POSITION_MINUTES_PER_MONTH },
      terms: {
        fixedMonthlyCents: MAX_FEE_CENTS,
        perPositionHourCents: MAX_FEE_CENTS,
        perInhabitantMonthlyCents: MAX_PER_INHABITANT_MONTHLY_CENTS,
        slaMinCoverageHundredths: 10_000,
        slaDeductionPerUncoveredHourCents: MAX_FEE_CENTS,
      },
    };
    const fee = computeMonthlyFee(worst);
    expect(fee?.lines).toEqual({
      fixedCents: 1_000_000_000,
      capitationCents: 100_000_000_000_000,
      positionHoursCents: 7_440_000_000_000_000,
      deductionCents: 0,
    });
    expect(fee?.totalCents).toBe(7_540_001_000_000_000);
    expect(Number.isSafeInteger(fee?.totalCents)).toBe(true);
    expect(MAX_POSITION_MINUTES_PER_MONTH).toBeLessThan(2 ** 31 - 1);
  });

  it('the deduction at its bound with nothing covered never exceeds the fee lines', () => {
    const fee = computeMonthlyFee({
      month: '2027-10',
      validFrom: '2027-01-01',
      lastDay: null,
      population: 0,
      minutes: { positionMinutes: MAX_POSITION_MINUTES_PER_MONTH, coveredMinutes: 0 },
      terms: {
        fixedMonthlyCents: 0,
        perPositionHourCents: 1,
        perInhabitantMonthlyCents: 0,
        slaMinCoverageHundredths: 10_000,
        slaDeductionPerUncoveredHourCents: MAX_FEE_CENTS,
      },
    });
    expect(fee?.lines.deductionCents).toBe(fee?.lines.positionHoursCents);
    expect(fee?.totalCents).toBe(0);
  });

  it('the contract fee parts and SLA deduction are refused one cent above their bound', () => {
    expect(
      refused(FeeDto, { fixedMonthlyCents: MAX_FEE_CENTS, perPositionHourCents: MAX_FEE_CENTS, perInhabitantMonthlyCents: MAX_PER_INHABITANT_MONTHLY_CENTS }),
    ).toEqual([]);
    expect(
      refused(FeeDto, {
        fixedMonthlyCents: MAX_FEE_CENTS + 1,
        perPositionHourCents: MAX_FEE_CENTS + 1,
        perInhabitantMonthlyCents: MAX_PER_INHABITANT_MONTHLY_CENTS + 1,
      }),
    ).toEqual(['fixedMonthlyCents', 'perPositionHourCents', 'perInhabitantMonthlyCents']);
    expect(refused(SlaDto, { minCoveragePct: 98, deductionPerUncoveredHourCents: MAX_FEE_CENTS })).toEqual([]);
    expect(refused(SlaDto, { minCoveragePct: 98, deductionPerUncoveredHourCents: MAX_FEE_CENTS + 1 })).toEqual(['deductionPerUncoveredHourCents']);
  });

  it('the region population and nurses per slot the bounds rely on are enforced where they are entered', () => {
    const region = { code: 'AMS', name: 'Amsterdam', preferredInsurerUzovi: '3311' };
    expect(refused(CreateRegionDto, { ...region, population: MAX_REGION_POPULATION })).toEqual([]);
    expect(refused(CreateRegionDto, { ...region, population: MAX_REGION_POPULATION + 1 })).toEqual(['population']);
    const template = { name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' };
    expect(refused(CreateTemplateDto, { ...template, requiredNurses: MAX_REQUIRED_NURSES })).toEqual([]);
    expect(refused(CreateTemplateDto, { ...template, requiredNurses: MAX_REQUIRED_NURSES + 1 })).toEqual(['requiredNurses']);
  });
});
