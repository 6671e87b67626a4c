/**
 * PC4 areas (the four digits of a Dutch postcode, 1000–9999) and sets of them as published on an
 * intake line: single codes (`"1011"`) and inclusive ranges (`"1012-1019"`). Pure.
 */

export interface PostcodeRange {
  /** Inclusive. */
  from: number;
  to: number;
}

export const PC4 = /^[1-9]\d{3}$/;
/** One entry of a line's `postcodes`: a PC4, or two joined by a hyphen, the first not after the second. */
export const PC4_ENTRY = /^[1-9]\d{3}(-[1-9]\d{3})?$/;

/** A published entry as a range; null when it is not one (a malformed entry, or a range running backwards). */
export function parseEntry(entry: string): PostcodeRange | null {
  if (!PC4_ENTRY.test(entry)) return null;
  const [a, b] = entry.split('-');
  const from = Number(a);
  const to = Number(b ?? a);
  return from <= to ? { from, to } : null;
}

/** The entries as sorted, disjoint, non-adjacent ranges (malformed entries are left out: the DTO has refused them). */
export function normalise(entries: readonly string[]): PostcodeRange[] {
  const ranges = entries.map(parseEntry).filter((r): r is PostcodeRange => r !== null);
  return mergeRanges(ranges);
}

export function mergeRanges(ranges: readonly PostcodeRange[]): PostcodeRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: PostcodeRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}

/** Whether sorted disjoint ranges contain the PC4 (binary search). */
export function covers(ranges: readonly PostcodeRange[], pc4: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (pc4 < r.from) hi = mid - 1;
    else if (pc4 > r.to) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The first PC4 two sorted disjoint range lists share, or null. */
export function firstShared(a: readonly PostcodeRange[], b: readonly PostcodeRange[]): number | null {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from <= to) return from;
    if (a[i].to < b[j].to) i++;
    else j++;
  }
  return null;
}

/** Whether `outer` (sorted, disjoint) contains every PC4 of `inner` (sorted, disjoint). */
export function containsAll(outer: readonly PostcodeRange[], inner: readonly PostcodeRange[]): boolean {
  let i = 0;
  for (const r of inner) {
    let from = r.from;
    while (from <= r.to) {
      while (i < outer.length && outer[i].to < from) i++;
      if (i >= outer.length || outer[i].from > from) return false;
      from = outer[i].to + 1;
    }
  }
  return true;
}

/** The number of PC4 codes in sorted disjoint ranges. */
export function countOf(ranges: readonly PostcodeRange[]): number {
  return ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
}

export function pc4Text(pc4: number): string {
  return String(pc4).padStart(4, '0');
}
