/**
 * Position-minutes, the one definition shared by fee statements and coverage:
 * position = duration × nurses required; covered counts assigned nurses up to the requirement.
 */
export interface StaffedSlot {
  durationMinutes: number;
  requiredNurses: number;
  assignedNurses: number;
}

export interface PositionMinutes {
  positionMinutes: number;
  coveredMinutes: number;
}

export function slotPositionMinutes(slot: StaffedSlot): PositionMinutes {
  return {
    positionMinutes: slot.durationMinutes * slot.requiredNurses,
    coveredMinutes: slot.durationMinutes * Math.min(slot.assignedNurses, slot.requiredNurses),
  };
}

export function positionMinutesOf(slots: Iterable<StaffedSlot>): PositionMinutes {
  let positionMinutes = 0;
  let coveredMinutes = 0;
  for (const slot of slots) {
    const one = slotPositionMinutes(slot);
    positionMinutes += one.positionMinutes;
    coveredMinutes += one.coveredMinutes;
  }
  return { positionMinutes, coveredMinutes };
}

/** 100 × covered / position in hundredths of a percent, rounded half up; 100 % with no slots. */
export function coveragePctHundredths(pm: PositionMinutes): number {
  if (pm.positionMinutes === 0) return 10_000;
  return Number(roundHalfUpDiv(BigInt(pm.coveredMinutes) * 10_000n, BigInt(pm.positionMinutes)));
}

export function coveragePct(pm: PositionMinutes): number {
  return coveragePctHundredths(pm) / 100;
}

/** numerator / denominator rounded half up, for non-negative integers. */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n || numerator < 0n) throw new RangeError('roundHalfUpDiv expects numerator ≥ 0 and denominator > 0');
  return (numerator * 2n + denominator) / (denominator * 2n);
}
