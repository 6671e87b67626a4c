import type { ConflictingDuty, Violation } from './codes.js';

/**
 * A violation's `conflictsWith` only where the caller may see that duty: an admin always, a
 * coordinator in its regions, a nurse its own duties (`judgedNurseId`: the nurse judged). Of a
 * list, the duties the caller may see stay; none left, the field goes.
 */
export function conflictsVisibleTo(
  who: { role: string; regionCodes: readonly string[]; nurseId: string | null },
  violations: readonly Violation[],
  judgedNurseId?: string,
): Violation[] {
  const visible = (c: ConflictingDuty) =>
    who.role === 'admin' ||
    (who.role === 'coordinator' && who.regionCodes.includes(c.regionCode)) ||
    (who.role === 'nurse' && judgedNurseId !== undefined && who.nurseId === judgedNurseId);
  return violations.map((v) => {
    if (!v.conflictsWith) return v;
    const { conflictsWith, ...rest } = v;
    if (Array.isArray(conflictsWith)) {
      const shown = conflictsWith.filter(visible);
      return shown.length ? { ...rest, conflictsWith: shown } : rest;
    }
    return visible(conflictsWith) ? v : rest;
  });
}
