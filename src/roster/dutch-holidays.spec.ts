import { dutchPublicHolidays, easterSunday, kingsDay } from './dutch-holidays.js';

describe('Dutch public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("King's Day 2025 is 26 April because the 27th is a Sunday", () => {
    expect(kingsDay(2025)).toBe('2025-04-26');
    expect(kingsDay(2026)).toBe('2026-04-27');
    expect(kingsDay(2031)).toBe('2031-04-26');
  });

  it('2027 has eleven holidays, with Ascension and Whitsun following Easter', () => {
    const list = dutchPublicHolidays(2027);
    expect(list).toHaveLength(11);
    const byName = Object.fromEntries(list.map((h) => [h.name, h.date]));
    expect(byName['Goede Vrijdag']).toBe('2027-03-26');
    expect(byName['Tweede Paasdag']).toBe('2027-03-29');
    expect(byName['Hemelvaartsdag']).toBe('2027-05-06');
    expect(byName['Eerste Pinksterdag']).toBe('2027-05-16');
    expect(byName['Tweede Pinksterdag']).toBe('2027-05-17');
    expect(byName['Koningsdag']).toBe('2027-04-27');
  });

  it('in 2008 Ascension Day fell on 1 May, so Liberation Day on 5 May stood alone', () => {
    // Easter 2008 was 23 March; Ascension Day is 39 days later.
    const list = dutchPublicHolidays(2008).filter((h) => h.date === '2008-05-01');
    expect(list).toHaveLength(1);
    expect(dutchPublicHolidays(2008).filter((h) => h.date === '2008-05-05')).toHaveLength(1);
  });

  it('in 2016 Ascension Day fell on Liberation Day, 5 May: the list has that date twice, with both names', () => {
    // Easter 2016 was 27 March; 27 March + 39 days = 5 May (as in 2005).
    const list = dutchPublicHolidays(2016);
    expect(list).toHaveLength(11);
    expect(
      list
        .filter((h) => h.date === '2016-05-05')
        .map((h) => h.name)
        .sort(),
    ).toEqual(['Bevrijdingsdag', 'Hemelvaartsdag']);
  });
});
