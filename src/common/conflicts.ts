import type { ConflictingDuty, Violation } from './codes.js';

/** The nurse record that holds a named duty, where the loader said (a person may have several records). */
const holders = new WeakMap<ConflictingDuty, string>();

/** Records which nurse record holds the duty a violation names; not part of the answer. */
export function heldBy(duty: ConflictingDuty, nurseId: string): ConflictingDuty {
  holders.set(duty, nurseId);
  return duty;
}

/**
 * A violation's `conflictsWith` only where the caller may see that duty: an admin always, a
 * coordinator in its regions, a nurse its own duties (`judgedNurseId`: the nurse judged) — those
 * of its own record, not those of another record of the same person (another employer's roster).
 * Of a list, the duties the caller may see stay; none left, the field goes.
 */
export function conflictsVisibleTo(
  who: { role: string; regionCodes: readonly string[]; nurseId: string | null },
  violations: readonly Violation[],
  judgedNurseId?: string,
): Violation[] {
  const visible = (c: ConflictingDuty) =>
    who.role === 'admin' ||
    (who.role === 'coordinator' && who.regionCodes.includes(c.regionCode)) ||
    (who.role === 'nurse' && judgedNurseId !== undefined && who.nurseId === judgedNurseId && (holders.get(c) ?? judgedNurseId) === judgedNurseId);
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
