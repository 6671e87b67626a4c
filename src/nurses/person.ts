/**
 * Nurse records with the same BIG number are one person (domain.md, "Working-time rules"): the
 * working-time rules count the duties of all of them. A record without a BIG number is a person
 * of its own. Pure.
 */

/** The person a record belongs to: equal for records of one person, different otherwise. */
export function personKeyOf(nurse: { id: string; bigNumber: string | null }): string {
  return nurse.bigNumber ? `big:${nurse.bigNumber}` : `nurse:${nurse.id}`;
}

/**
 * For each of `nurseIds`, the ids of every record of its person (itself included, sorted), given
 * the records loaded: the asked ones and every record sharing a BIG number with one of them. An
 * id of no loaded record is left out.
 */
export function recordsByPerson(nurseIds: readonly string[], loaded: ReadonlyArray<{ id: string; bigNumber: string | null }>): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const n of loaded) {
    const key = personKeyOf(n);
    const list = byPerson.get(key) ?? [];
    if (!list.includes(n.id)) list.push(n.id);
    byPerson.set(key, list);
  }
  for (const list of byPerson.values()) list.sort();
  const byId = new Map(loaded.map((n) => [n.id, n]));
  const result = new Map<string, string[]>();
  for (const id of nurseIds) {
    const n = byId.get(id);
    if (n) result.set(id, byPerson.get(personKeyOf(n)) ?? [id]);
  }
  return result;
}
