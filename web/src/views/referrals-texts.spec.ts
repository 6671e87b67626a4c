import { leftText, phoneText, runsOf, toE164 } from './referrals-texts';

const NOW = Date.parse('2026-12-08T10:00:00+01:00');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('the coordination point’s words', () => {
  it('what is left of an answer time, in whole minutes rounded up, hours from the first hour', () => {
    expect(leftText(at(23 * 60_000), NOW)).toBe('23 min');
    expect(leftText(at(22 * 60_000 + 1), NOW)).toBe('23 min');
    expect(leftText(at(45_000), NOW)).toBe('45 s');
    expect(leftText(at(120 * 60_000), NOW)).toBe('2 u');
    expect(leftText(at(479 * 60_000), NOW)).toBe('7 u 59 min');
    expect(leftText(at(0), NOW)).toBe('verlopen');
  });

  it('Dutch numbers as people write them; others as given', () => {
    expect(phoneText('+31205550123')).toBe('020 555 0123');
    expect(phoneText('+31612345678')).toBe('06 12345678');
    expect(phoneText('+31582555010')).toBe('058 255 5010');
    expect(phoneText('+31313555010')).toBe('0313 555010');
    expect(phoneText('+3225551212')).toBe('+3225551212');
  });

  it('a number typed the Dutch way becomes E.164; what cannot be one is refused', () => {
    expect(toE164('020 599 1111')).toBe('+31205991111');
    expect(toE164('+32 2 555 12 12')).toBe('+3225551212');
    expect(toE164('0032 2 555 12 12')).toBe('+3225551212');
    expect(toE164('12')).toBeNull();
    expect(toE164('bel me')).toBeNull();
  });

  it('consecutive postcodes that read alike are one run; a gap or a difference starts another', () => {
    const rows = ['1011', '1012', '1013', '1015', '1016', '1017'].map((postcode, i) => ({ postcode, key: i === 5 ? 'b' : 'a', value: i }));
    expect(runsOf(rows)).toEqual([
      { from: '1011', to: '1013', value: 0 },
      { from: '1015', to: '1016', value: 3 },
      { from: '1017', to: '1017', value: 5 },
    ]);
  });
});
