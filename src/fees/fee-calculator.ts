import { daysBetween, monthBounds } from '../common/local-time.js';
import { PositionMinutes, coveragePctHundredths, roundHalfUpDiv } from './position-minutes.js';

/**
 * The monthly availability fee of one contract, exactly as api.md defines it. Pure: integer
 * arithmetic in BigInt, multiply before divide, one round-half-up per line.
 */
export interface FeeTerms {
  fixedMonthlyCents: number;
  perPositionHourCents: number;
  perInhabitantMonthlyCents: number;
  /** Minimum coverage in hundredths of a percent (9850 = 98.5 %), or null without an SLA. */
  slaMinCoverageHundredths: number | null;
  slaDeductionPerUncoveredHourCents: number;
}

export interface FeeInput {
  month: string;
  validFrom: string;
  /** Last day of the period (inclusive) or null for open-ended. */
  lastDay: string | null;
  population: number;
  terms: FeeTerms;
  minutes: PositionMinutes;
}

export interface FeeLines {
  fixedCents: number;
  capitationCents: number;
  positionHoursCents: number;
  deductionCents: number;
}

export interface FeeResult {
  daysInPeriod: number;
  daysInMonth: number;
  positionMinutes: number;
  coveredMinutes: number;
  coveragePctHundredths: number;
  lines: FeeLines;
  totalCents: number;
}

/** Days of the month inside the contract period. */
export function daysOfMonthInPeriod(month: string, validFrom: string, lastDay: string | null): number {
  const { first, last } = monthBounds(month);
  const from = validFrom > first ? validFrom : first;
  const to = lastDay !== null && lastDay < last ? lastDay : last;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount exceeds the safe integer range');
  return Number(value);
}

/** Returns null when the contract has no day in the month (no statement then). */
export function computeMonthlyFee(input: FeeInput): FeeResult | null {
  const { days } = monthBounds(input.month);
  const a = daysOfMonthInPeriod(input.month, input.validFrom, input.lastDay);
  if (a === 0) return null;
  const D = BigInt(days);
  const A = BigInt(a);
  const t = input.terms;
  const position = BigInt(input.minutes.positionMinutes);
  const covered = BigInt(input.minutes.coveredMinutes);

  const fixed = roundHalfUpDiv(BigInt(t.fixedMonthlyCents) * A, D);
  const capitation = roundHalfUpDiv(BigInt(t.perInhabitantMonthlyCents) * BigInt(input.population) * A, D);
  const positionHours = roundHalfUpDiv(BigInt(t.perPositionHourCents) * position, 60n);

  let deduction = 0n;
  // Compared exactly: 100 × covered < minPct × position, with minPct in hundredths.
  if (t.slaMinCoverageHundredths !== null && 10_000n * covered < BigInt(t.slaMinCoverageHundredths) * position) {
    deduction = roundHalfUpDiv(BigInt(t.slaDeductionPerUncoveredHourCents) * (position - covered), 60n);
    const cap = fixed + capitation + positionHours;
    if (deduction > cap) deduction = cap;
  }
  const total = fixed + capitation + positionHours - deduction;
  return {
    daysInPeriod: a,
    daysInMonth: days,
    positionMinutes: input.minutes.positionMinutes,
    coveredMinutes: input.minutes.coveredMinutes,
    coveragePctHundredths: coveragePctHundredths(input.minutes),
    lines: {
      fixedCents: toSafeNumber(fixed),
      capitationCents: toSafeNumber(capitation),
      positionHoursCents: toSafeNumber(positionHours),
      deductionCents: toSafeNumber(deduction),
    },
    totalCents: toSafeNumber(total),
  };
}
