import type { Violation } from './codes.js';

/**
 * A violation's `conflictsWith` only where the caller may see that duty: an admin always, a
 * coordinator in its regions, a nurse its own duties (`judgedNurseId`: the nurse judged).
 */
export function conflictsVisibleTo(
  who: { role: string; regionCodes: readonly string[]; nurseId: string | null },
  violations: readonly Violation[],
  judgedNurseId?: string,
): Violation[] {
  return violations.map((v) => {
    if (!v.conflictsWith) return v;
    const c = v.conflictsWith;
    const visible =
      who.role === 'admin' ||
      (who.role === 'coordinator' && who.regionCodes.includes(c.regionCode)) ||
      (who.role === 'nurse' && judgedNurseId !== undefined && who.nurseId === judgedNurseId);
    if (visible) return v;
    const { conflictsWith: _hidden, ...rest } = v;
    return rest;
  });
}
