import fc from 'fast-check';
import rrulePackage from 'rrule';
import type { Options } from 'rrule';
import { runToEnd } from '../common/slices.js';
import { dateOfDayNumber, dayNumber, dayNumberOf, parseRRule, PAUSE, periodsPerCycle, type RecurrenceRule, walkOccurrences, weekdayOf } from './rrule.js';
import { ruleNeverOccurs } from './recurrence.js';

const { RRule, Weekday } = rrulePackage;
const FREQ = { YEARLY: RRule.YEARLY, MONTHLY: RRule.MONTHLY, WEEKLY: RRule.WEEKLY, DAILY: RRule.DAILY };

/** Our walk's dates from `from` through `to`. */
function ours(rule: RecurrenceRule, from: string, to: string, time = '09:00'): string[] {
  const dates: string[] = [];
  for (const item of walkOccurrences(rule, { day: dayNumberOf(from), time }, { lastDay: dayNumberOf(to) }))
    if (item !== PAUSE) dates.push(dateOfDayNumber(item));
  return dates;
}

/** rrule.js's dates for the same rule (the reference, where it agrees with RFC 5545). */
function reference(rule: RecurrenceRule, from: string, to: string): string[] {
  const floating = (date: string, time: string) => new Date(`${date}T${time}Z`);
  const options: Partial<Options> = {
    freq: FREQ[rule.freq],
    interval: rule.interval,
    wkst: rule.wkst,
    dtstart: floating(from, '09:00:00'),
    until: floating(to, '23:59:59'),
  };
  if (rule.count !== null) options.count = rule.count;
  if (rule.byMonth) options.bymonth = rule.byMonth;
  if (rule.byMonthDay) options.bymonthday = rule.byMonthDay;
  if (rule.byYearDay) options.byyearday = rule.byYearDay;
  if (rule.byWeekNo) options.byweekno = rule.byWeekNo;
  const days = [...(rule.byWeekday ?? []).map((w) => new Weekday(w)), ...(rule.byNthWeekday ?? []).map(([w, n]) => new Weekday(w).nth(n))];
  if (days.length > 0) options.byweekday = days;
  return new RRule(options).all().map((d) => d.toISOString().slice(0, 10));
}

describe('day numbers', () => {
  it('1970-01-01 is day 0 and a Thursday', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(weekdayOf(0)).toBe(3);
  });

  it('agree with the JavaScript calendar from 1900 to 2999', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumberOf('1900-01-01'), max: dayNumberOf('2999-12-31') }), (n) => {
        const date = new Date(n * 86_400_000);
        expect(dateOfDayNumber(n)).toBe(date.toISOString().slice(0, 10));
        expect(weekdayOf(n)).toBe((date.getUTCDay() + 6) % 7);
        expect(dayNumberOf(dateOfDayNumber(n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
});

describe('walking a rule', () => {
  const dates = (rrule: string, from: string, to: string) => ours(parseRRule(rrule), from, to);

  it('a weekly rule with INTERVAL=2 keeps to the weeks of DTSTART, counted from WKST', () => {
    // 2027-01-06 is a Wednesday; the weeks run Monday to Sunday.
    expect(dates('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', '2027-01-06', '2027-02-07')).toEqual([
      '2027-01-06',
      '2027-01-18',
      '2027-01-20',
      '2027-02-01',
      '2027-02-03',
    ]);
  });

  it('a yearly rule without BY parts recurs on the day of DTSTART', () => {
    expect(dates('FREQ=YEARLY', '2027-03-15', '2030-12-31')).toEqual(['2027-03-15', '2028-03-15', '2029-03-15', '2030-03-15']);
  });

  it('the first Monday of every month (an ordinal counts within the month)', () => {
    expect(dates('FREQ=MONTHLY;BYDAY=1MO', '2027-01-01', '2027-03-31')).toEqual(['2027-01-04', '2027-02-01', '2027-03-01']);
  });

  it('the 20th Monday of the year (an ordinal counts within the year without BYMONTH)', () => {
    expect(dates('FREQ=YEARLY;BYDAY=20MO', '2027-01-01', '2027-12-31')).toEqual(['2027-05-17']);
  });

  it('the Monday of ISO week 1 can lie in the previous December', () => {
    // Week 1 of 2028 starts on Monday 3 January, of 2029 on 1 January, of 2030 on Monday 31 December 2029.
    expect(dates('FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', '2028-01-01', '2029-12-31')).toEqual(['2028-01-03', '2029-01-01', '2029-12-31']);
  });

  it('week -53 of a 53-week year is its first week, also the days of it in the previous December', () => {
    // 2020 has 53 weeks; its week 1 starts on Monday 30 December 2019.
    expect(dates('FREQ=YEARLY;BYWEEKNO=-53;BYDAY=MO', '2019-01-01', '2020-12-31')).toEqual(['2019-12-30']);
    expect(dates('FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', '2019-01-01', '2020-12-31')).toEqual(['2019-12-30']);
  });

  it('BYDAY with and without ordinals is the union of both (RFC 5545), not their intersection', () => {
    expect(dates('FREQ=MONTHLY;BYDAY=1TU,SU', '2027-02-01', '2027-02-28')).toEqual(['2027-02-02', '2027-02-07', '2027-02-14', '2027-02-21', '2027-02-28']);
  });

  it('BYSETPOS picks from the whole week, and a position beyond it picks nothing', () => {
    expect(dates('FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1', '2027-01-04', '2027-01-24')).toEqual(['2027-01-08', '2027-01-15', '2027-01-22']);
    expect(dates('FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=4', '2027-01-04', '2027-01-24')).toEqual([]);
  });

  it('the last weekday of each year', () => {
    expect(dates('FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2027-01-01', '2029-12-31')).toEqual(['2027-12-31', '2028-12-29', '2029-12-31']);
  });

  it('a walk over the whole window of 1900–2999 visits one period per step, and pauses on the way', () => {
    let pauses = 0;
    let found = 0;
    const walk = walkOccurrences(
      parseRRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO'),
      { day: dayNumberOf('1900-01-01'), time: '09:00' },
      { lastDay: dayNumberOf('2999-12-31') },
    );
    for (const item of walk) {
      if (item === PAUSE) pauses++;
      else found++;
    }
    expect(found).toBeGreaterThan(30);
    // 401,767 days, a pause after every 64.
    expect(pauses).toBe(Math.floor((dayNumberOf('2999-12-31') - dayNumberOf('1900-01-01') + 1) / 64));
  });

  it("a calendar cycle is 400 years of the rule's periods, fewer where INTERVAL shares a factor with it", () => {
    expect(periodsPerCycle(parseRRule('FREQ=DAILY'))).toBe(146_098);
    expect(periodsPerCycle(parseRRule('FREQ=DAILY;INTERVAL=7'))).toBe(20_872);
    expect(periodsPerCycle(parseRRule('FREQ=YEARLY;INTERVAL=4'))).toBe(101);
    expect(periodsPerCycle(parseRRule('FREQ=MONTHLY;INTERVAL=5'))).toBe(961);
  });
});

describe('rules that can never occur', () => {
  const never = (rrule: string, from = '2027-01-01') => runToEnd(ruleNeverOccurs(rrule, from, '09:00', 'Europe/Amsterdam'));

  it.each([
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', '30 February'],
    ['FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31', 'the 31st of a 30-day month'],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30', 'the 30th-from-last of February'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', 'a sixth Monday in a month'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6', 'a sixth-from-last Monday'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'an ordinal beyond the month'],
    ['FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', '29 February every four years from a year after a leap year'],
    ['FREQ=DAILY;INTERVAL=7;BYDAY=TU', 'Tuesdays, every seventh day from a Friday'],
    ['FREQ=DAILY;UNTIL=20261231', 'UNTIL before the first day'],
    ['FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6', 'week 53 in June'],
  ])('%p never occurs (%s)', (rrule) => {
    expect(never(rrule)).toBe(true);
  });

  it.each([
    'FREQ=DAILY',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=SU;BYSETPOS=-5',
    'FREQ=YEARLY;BYWEEKNO=53',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
  ])('%p can occur', (rrule) => {
    // 2028 is a leap year, so 29 February every four years from 2028 occurs.
    expect(never(rrule, '2028-01-01')).toBe(false);
  });

  it('a monthly rule from the 30th of January takes its day from DTSTART: BYMONTH=2 then never occurs', () => {
    expect(never('FREQ=MONTHLY;BYMONTH=2', '2027-01-30')).toBe(true);
    expect(never('FREQ=MONTHLY;BYMONTH=2', '2027-01-28')).toBe(false);
  });
});

describe('property: the walk agrees with rrule.js wherever rrule.js follows RFC 5545', () => {
  const subset = <T>(values: T[], max: number) => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: max });
  const signed = (max: number) => fc.integer({ min: 1, max }).chain((n) => fc.constantFrom(n, -n));
  // Each BYxxx part is left out three times in four, so that most rules occur often enough to compare.
  const sometimes = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
  const rule = fc
    .record({
      freq: fc.constantFrom<RecurrenceRule['freq']>('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.integer({ min: 1, max: 3 }),
      count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
      wkst: fc.integer({ min: 0, max: 6 }),
      byMonth: sometimes(subset([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4)),
      byMonthDay: sometimes(fc.uniqueArray(signed(31), { minLength: 1, maxLength: 3 })),
      byYearDay: sometimes(fc.uniqueArray(signed(366), { minLength: 1, maxLength: 3 })),
      // Week -52 or -53 can be a year's first week, which may start in December: dateutil leaves
      // those December days out (see the example above); RFC 5545 and we keep them.
      byWeekNo: sometimes(
        fc.uniqueArray(
          fc.integer({ min: -51, max: 53 }).filter((n) => n !== 0),
          { minLength: 1, maxLength: 3 },
        ),
      ),
      byWeekday: sometimes(subset([0, 1, 2, 3, 4, 5, 6], 3)),
      byNthWeekday: sometimes(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 6 }), signed(5)), { minLength: 1, maxLength: 2, selector: ([w, n]) => `${w}:${n}` }),
      ),
    })
    .map((r): RecurrenceRule => {
      const yearly = r.freq === 'YEARLY';
      const nth = r.freq === 'MONTHLY' || yearly ? r.byNthWeekday : null;
      return {
        ...r,
        untilLocal: null,
        untilIsUtc: false,
        byMonthDay: r.freq === 'WEEKLY' ? null : r.byMonthDay,
        byYearDay: yearly ? r.byYearDay : null,
        byWeekNo: yearly ? r.byWeekNo : null,
        // dateutil intersects plain and ordinal weekdays; RFC 5545 (and we) take their union.
        byWeekday: nth ? null : r.byWeekday,
        byNthWeekday: nth,
        bySetPos: null,
      };
    });
  const window = fc.tuple(fc.integer({ min: dayNumberOf('2019-01-01'), max: dayNumberOf('2031-12-31') }), fc.integer({ min: 0, max: 900 }));

  it('gives the same dates for random rules and windows', () => {
    fc.assert(
      fc.property(rule, window, (r, [start, length]) => {
        const from = dateOfDayNumber(start);
        const to = dateOfDayNumber(start + length);
        // rrule.js walks to the year 9999 when nothing matches: only rules that can occur are compared.
        fc.pre(!runToEnd(ruleNeverOccursFor(r, from)));
        expect(ours(r, from, to)).toEqual(reference(r, from, to));
      }),
      { numRuns: 300 },
    );
  });
});

/** `ruleNeverOccurs` for a rule given as a value rather than as text. */
function* ruleNeverOccursFor(rule: RecurrenceRule, from: string) {
  const walk = walkOccurrences(rule, { day: dayNumberOf(from), time: '09:00' }, { lastDay: Infinity, maxPeriods: periodsPerCycle(rule) });
  for (const item of walk) {
    if (item === PAUSE) yield PAUSE;
    else return false;
  }
  return true;
}
