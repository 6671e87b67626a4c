import { lang } from './i18n';
import { duration, euros, localDate, timeRange } from './format';

/** What the screens print: Dutch formats, the region's zone, money from integer cents. */
describe('web formatting', () => {
  beforeEach(() => (lang.value = 'nl'));

  it('writes integer cents as Dutch euros without floating point, also past 2^53 / 100', () => {
    expect(euros(0)).toBe('€\u00a00,00');
    expect(euros(5)).toBe('€\u00a00,05');
    expect(euros(123456)).toBe('€\u00a01.234,56');
    expect(euros(-1104000)).toBe('−€\u00a011.040,00');
    expect(euros(9_007_199_254_740_991)).toBe('€\u00a090.071.992.547.409,91');
    expect(() => euros(0.5)).toThrow('not integer cents');
    lang.value = 'en';
    expect(euros(123456)).toBe('€1,234.56');
  });

  it("reads times in the region's zone: the spring-forward night is 23:00–07:00 and 7 u", () => {
    expect(timeRange('2027-03-27T23:00:00+01:00', '2027-03-28T07:00:00+02:00', 'Europe/Amsterdam')).toBe('23:00–07:00');
    // The same instants written in UTC still read as Amsterdam wall-clock time.
    expect(timeRange('2027-03-27T22:00:00Z', '2027-03-28T05:00:00Z', 'Europe/Amsterdam')).toBe('23:00–07:00');
    expect(duration(420)).toBe('7 u');
    expect(duration(540)).toBe('9 u');
    expect(duration(450)).toBe('7 u 30 min');
    expect(duration(45)).toBe('45 min');
  });

  it('writes dates the Dutch way', () => {
    expect(localDate('2027-03-27')).toBe('za 27 mrt 2027');
    expect(localDate('2026-11-23', false)).toBe('23 nov 2026');
  });
});
