/**
 * Position-minutes as the service defines them for coverage and fees: position = duration ×
 * nurses required; covered counts the assigned nurses up to the requirement. The coverage
 * endpoint answers per month, the heatmap needs them per function and day, so the app sums the
 * slots it has loaded. A test (test/web-position-minutes.spec.ts) keeps this copy equal to the
 * service's own (src/fees/position-minutes.ts); the web app imports no server code.
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

export function positionMinutesOf(slots: Iterable<StaffedSlot>): PositionMinutes {
  let positionMinutes = 0;
  let coveredMinutes = 0;
  for (const slot of slots) {
    positionMinutes += slot.durationMinutes * slot.requiredNurses;
    coveredMinutes += slot.durationMinutes * Math.min(slot.assignedNurses, slot.requiredNurses);
  }
  return { positionMinutes, coveredMinutes };
}
