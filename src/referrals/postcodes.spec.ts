import fc from 'fast-check';
import { containsAll, countOf, covers, firstShared, mergeRanges, normalise, parseEntry } from './postcodes.js';

describe('PC4 areas as published', () => {
  it('reads a code and an inclusive range; refuses a backwards range, a leading zero and other shapes', () => {
    expect(parseEntry('1011')).toEqual({ from: 1011, to: 1011 });
    expect(parseEntry('1012-1019')).toEqual({ from: 1012, to: 1019 });
    expect(parseEntry('1019-1012')).toBeNull();
    expect(parseEntry('0999')).toBeNull();
    expect(parseEntry('1012 - 1019')).toBeNull();
    expect(parseEntry('1012AB')).toBeNull();
  });

  it('merges overlapping and adjacent entries into sorted disjoint ranges', () => {
    expect(normalise(['1020-1029', '1011', '1012-1019', '1025'])).toEqual([{ from: 1011, to: 1029 }]);
    expect(normalise(['1050', '1040-1041'])).toEqual([
      { from: 1040, to: 1041 },
      { from: 1050, to: 1050 },
    ]);
  });

  it('finds the first shared PC4 of two sets, and none for disjoint ones', () => {
    expect(firstShared(normalise(['1010-1020']), normalise(['1000-1005', '1018-1030']))).toBe(1018);
    expect(firstShared(normalise(['1010-1020']), normalise(['1021-1030']))).toBeNull();
  });

  it('agrees with a code-by-code reading (property)', () => {
    const entry = fc.tuple(fc.integer({ min: 1000, max: 1060 }), fc.integer({ min: 0, max: 10 })).map(([a, n]) => (n === 0 ? String(a) : `${a}-${a + n}`));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 8 }), (a, b) => {
        const codes = (entries: string[]) => {
          const set = new Set<number>();
          for (const e of entries) {
            const r = parseEntry(e)!;
            for (let c = r.from; c <= r.to; c++) set.add(c);
          }
          return set;
        };
        const setA = codes(a);
        const setB = codes(b);
        const ra = normalise(a);
        const rb = normalise(b);
        expect(countOf(ra)).toBe(setA.size);
        for (let c = 995; c <= 1075; c++) expect(covers(ra, c)).toBe(setA.has(c));
        const shared = [...setA].filter((c) => setB.has(c)).sort((x, y) => x - y);
        expect(firstShared(ra, rb)).toBe(shared[0] ?? null);
        expect(containsAll(ra, rb)).toBe([...setB].every((c) => setA.has(c)));
        expect(mergeRanges([...ra, ...rb])).toEqual(normalise([...a, ...b]));
      }),
    );
  });
});
