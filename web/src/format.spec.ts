import { lang } from './i18n';
import { coverageText, duration, euros, localDate, normPercent, percent, percentOf, timeRange } from './format';

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

  it('writes every percentage one way: "33,3 %", a decimal comma and a non-breaking space, one decimal rounded down', () => {
    expect(percent(33.33)).toBe('33,3\u00a0%');
    expect(percent(66.67)).toBe('66,6\u00a0%');
    expect(percent(99.96)).toBe('99,9\u00a0%');
    expect(percent(100)).toBe('100\u00a0%');
    expect(percent(0)).toBe('0\u00a0%');
    expect(percent(92.5)).toBe('92,5\u00a0%');
    // Two-decimal figures that a double holds just below their value still round down correctly.
    expect(percent(57.3)).toBe('57,3\u00a0%');
    expect(percent(4.35)).toBe('4,3\u00a0%');
    expect(percent(0.29)).toBe('0,2\u00a0%');
    expect(() => percent(-1)).toThrow('not a percentage');
    lang.value = 'en';
    expect(percent(33.33)).toBe('33.3%');
    expect(percent(100)).toBe('100%');
  });

  it('a share of integer minutes is rounded down in integers: 56160 of 57600 is 97,5 %, 1 of 3 is 33,3 %', () => {
    expect(percentOf(56160, 57600)).toBe('97,5\u00a0%');
    expect(percentOf(1, 3)).toBe('33,3\u00a0%');
    expect(percentOf(2, 3)).toBe('66,6\u00a0%');
    expect(percentOf(9999, 10000)).toBe('99,9\u00a0%');
    expect(percentOf(7, 7)).toBe('100\u00a0%');
    expect(() => percentOf(1, 0)).toThrow('not a share');
  });

  it('a norm is written exactly as agreed, in the same way: 97,55 %, 95 %', () => {
    expect(normPercent(97.55)).toBe('97,55\u00a0%');
    expect(normPercent(95)).toBe('95\u00a0%');
    expect(normPercent(97.5)).toBe('97,5\u00a0%');
    lang.value = 'en';
    expect(normPercent(97.55)).toBe('97.55%');
  });

  it('coverage without rostered hours reads "nog niet geroosterd", not 100 %', () => {
    expect(coverageText(100, 0)).toBe('nog niet geroosterd');
    expect(coverageText(100, 420)).toBe('100\u00a0%');
    expect(coverageText(33.33, 180)).toBe('33,3\u00a0%');
    lang.value = 'en';
    expect(coverageText(100, 0)).toBe('not rostered yet');
  });
});
