/**
 * Does the nurse work in the region? Her `regionCodes` name the regions she works in; without
 * them (null) she works in every region where her employer is responsible, which the caller
 * decides by drawing on the responsible parties' nurses only. Pure.
 */
export function worksIn(nurse: { regionCodes: readonly string[] | null }, regionCode: string): boolean {
  return nurse.regionCodes === null || nurse.regionCodes.includes(regionCode);
}
