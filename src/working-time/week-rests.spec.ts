import { addDays, placeLocal } from '../common/local-time.js';
import { mondayOf, pairStartOf, restsWithin, sundayRestBreach, weeklyRestBreach } from './week-rests.js';
import { checkWorkingTime, type Duty, type DutyType } from './working-time-rules.js';

const AMS = 'Europe/Amsterdam';
const HOUR = 3_600_000;

/** A duty on `date` from `start` to `end` (the next day when not later), in Amsterdam. */
function duty(date: string, start: string, end: string, dutyType: DutyType = 'shift', id?: string): Duty {
  const endDate = end > start ? date : addDays(date, 1);
  return { id, startMs: placeLocal(date, start, AMS), endMs: placeLocal(endDate, end, AMS), dutyType, localDate: date, zone: AMS };
}

/** Day shifts 07:00–15:00 on `days` consecutive dates from `from`. */
function dayShifts(from: string, days: number): Duty[] {
  return Array.from({ length: days }, (_, i) => duty(addDays(from, i), '07:00', '15:00'));
}

describe('the calendar of the week rules', () => {
  it('a week starts on Monday', () => {
    expect(mondayOf('2027-03-03')).toBe('2027-03-01');
    expect(mondayOf('2027-03-07')).toBe('2027-03-01');
    expect(mondayOf('2027-03-08')).toBe('2027-03-08');
  });

  it('the two-week periods are pairs of weeks counted from the week of 1 January 2024', () => {
    expect(pairStartOf('2024-01-01')).toBe('2024-01-01');
    expect(pairStartOf('2024-01-08')).toBe('2024-01-01');
    expect(pairStartOf('2024-01-15')).toBe('2024-01-15');
    expect(pairStartOf('2023-12-25')).toBe('2023-12-18');
    // 165 weeks after 1 January 2024: the second week of its pair.
    expect(pairStartOf('2027-03-01')).toBe('2027-02-22');
    expect(pairStartOf('2027-03-08')).toBe('2027-03-08');
  });

  it('a rest is only counted inside the span asked about', () => {
    const from = placeLocal('2027-03-01', '00:00', AMS);
    const to = placeLocal('2027-03-08', '00:00', AMS);
    // Free until Tuesday 07:00, then one shift: 31 h before it and 129 h after it, inside the week.
    expect(restsWithin(from, to, [duty('2027-03-02', '07:00', '15:00')])).toEqual([31 * HOUR, 129 * HOUR]);
  });
});

describe('weekly-rest (Atw 5:5)', () => {
  it('a week of five day shifts has its 36 h rest at the weekend', () => {
    const week = dayShifts('2027-03-01', 4);
    expect(weeklyRestBreach(duty('2027-03-05', '07:00', '15:00'), week)).toBeNull();
  });

  it('seven day shifts in a row in both weeks of the period leave no rest of 36 h: the seventh is refused', () => {
    const duties = [...dayShifts('2027-02-22', 7), ...dayShifts('2027-03-01', 6)];
    const breach = weeklyRestBreach(duty('2027-03-07', '07:00', '15:00'), duties);
    expect(breach?.rule).toBe('weekly-rest');
    expect(breach?.message).toContain('the week of 2027-03-01');
    // The other duties of that week, in order.
    expect(breach?.causes.map((d) => d.localDate)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06']);
  });

  it('a week without 36 h passes on its two-week period: rests of 32 h and 40 h add up to 72 h', () => {
    // Week 1 of the pair (22–28 Feb): shifts Mon–Thu and a long rest Thu 15:00 → Sat 07:00 (40 h), Sat and Sun.
    const first = [...dayShifts('2027-02-22', 4), ...dayShifts('2027-02-27', 2)];
    // Week 2 (1–7 Mar): Mon–Thu, then a rest Thu 15:00 → Fri 23:00 (32 h), a night Fri–Sat, Sun.
    const second = [...dayShifts('2027-03-01', 4), duty('2027-03-05', '23:00', '07:00'), duty('2027-03-07', '07:00', '15:00')];
    const candidate = duty('2027-03-06', '23:00', '06:00');
    expect(weeklyRestBreach(candidate, [...first, ...second])).toBeNull();
    // Shorten the 40 h rest to 31 h: neither a 36 h rest nor 72 h of 32 h rests.
    const shortened = [...first, duty('2027-02-26', '00:00', '06:00'), ...second];
    expect(weeklyRestBreach(candidate, shortened)?.rule).toBe('weekly-rest');
  });

  it('a rest across the week boundary counts only inside each week', () => {
    // Week 1 (22–28 Feb): Mon–Fri by day; week 2 (1–7 Mar): every day by day, so its period gives no 72 h.
    const duties = [...dayShifts('2027-02-22', 5), ...dayShifts('2027-03-01', 7)];
    // Saturday 04:00–12:00 leaves Saturday 12:00 → Monday 00:00: 36 h inside week 1 (43 h in all).
    expect(weeklyRestBreach(duty('2027-02-27', '04:00', '12:00'), duties)).toBeNull();
    // An hour later leaves 35 h inside week 1, though 42 h in one piece across the boundary.
    const breach = weeklyRestBreach(duty('2027-02-27', '05:00', '13:00'), duties);
    expect(breach?.message).toContain('the week of 2027-02-22 would have no more than 35 h');
  });

  it('a rest across the autumn clock change is an hour longer: 35 h by the clock is 36 h', () => {
    // The week of 25 October 2027 has 169 h. Shifts every day up to Saturday 13:00, then free until Monday 00:00.
    const pairMate = dayShifts('2027-10-18', 7);
    const week = [...dayShifts('2027-10-25', 5)];
    const saturday = duty('2027-10-30', '05:00', '13:00');
    expect(weeklyRestBreach(saturday, [...pairMate, ...week])).toBeNull();
    // The same pattern in an ordinary week: 35 h, no more.
    const may = dayShifts('2027-05-03', 5);
    expect(weeklyRestBreach(duty('2027-05-08', '05:00', '13:00'), [...dayShifts('2027-05-10', 7), ...may])?.rule).toBe('weekly-rest');
  });

  it('a rest across the spring clock change is an hour shorter: 36 h by the clock is 35 h', () => {
    // The week of 22 March 2027 has 167 h; free from Saturday 12:00 to Monday 00:00 is 35 h.
    const week = dayShifts('2027-03-22', 5);
    const pairMate = dayShifts('2027-03-29', 7);
    expect(weeklyRestBreach(duty('2027-03-27', '04:00', '12:00'), [...week, ...pairMate])?.rule).toBe('weekly-rest');
  });

  it('an on-call block is a duty: it breaks the rest as a shift does', () => {
    const week = dayShifts('2027-03-01', 5);
    const pairMate = dayShifts('2027-02-22', 7);
    // Friday 15:00 → Monday 00:00 is 57 h. A block Sunday 12:00 → Monday 00:00 leaves 45 h before it.
    expect(weeklyRestBreach(duty('2027-03-07', '12:00', '00:00', 'on-call'), [...week, ...pairMate])).toBeNull();
    // A block Saturday 08:00 → Sunday 08:00 leaves 17 h and 16 h.
    expect(weeklyRestBreach(duty('2027-03-06', '08:00', '08:00', 'on-call'), [...week, ...pairMate])?.rule).toBe('weekly-rest');
  });

  it('the period counts a rest across its week boundary whole, and a candidate in one week can break the other', () => {
    // Week 1: Mon–Fri by day; week 2: Tue–Sun by day. Week 2's own longest rest is 31 h (Mon 00:00 →
    // Tue 07:00), but the period holds Friday 15:00 → Tuesday 07:00, 88 h in one piece: week 2 passes.
    const duties = [...dayShifts('2027-02-22', 5), ...dayShifts('2027-03-02', 6)];
    expect(weeklyRestBreach(duty('2027-02-22', '16:00', '20:00'), duties)).toBeNull();
    // A Saturday shift in week 1 leaves week 1 its 36 h (Sat 12:00 → Mon 00:00) but cuts the 88 h to
    // 13 h and 67 h: week 2 now fails, and the Saturday shift is what breaks it.
    const breach = weeklyRestBreach(duty('2027-02-27', '04:00', '12:00'), duties);
    expect(breach?.message).toContain('the week of 2027-03-01');
    expect(breach?.causes.map((d) => d.localDate)).toEqual(['2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
  });

  it('checkWorkingTime reports weekly-rest with the week\u2019s other duties as causes', () => {
    const duties = [...dayShifts('2027-02-22', 7), ...dayShifts('2027-03-01', 6)].map((d, i) => ({ ...d, id: `a${i}` }));
    const violations = checkWorkingTime(duty('2027-03-07', '07:00', '15:00'), duties);
    const weekly = violations.find((v) => v.rule === 'weekly-rest');
    expect(weekly?.causes).toHaveLength(6);
  });
});

describe('sunday-rest (Atw 5:6)', () => {
  /** Day shifts on the Sundays of `weeks` consecutive weeks from the Sunday `first`. */
  const sundays = (first: string, weeks: number) => Array.from({ length: weeks }, (_, i) => duty(addDays(first, 7 * i), '07:00', '15:00'));

  it('39 worked Sundays in 52 weeks leave 13 free: the 39th is fine, the 40th is refused', () => {
    const worked = sundays('2027-01-03', 38);
    expect(sundayRestBreach(duty(addDays('2027-01-03', 7 * 38), '07:00', '15:00'), worked)).toBeNull();
    const breach = sundayRestBreach(duty(addDays('2027-01-03', 7 * 39), '07:00', '15:00'), sundays('2027-01-03', 39));
    expect(breach?.rule).toBe('sunday-rest');
    expect(breach?.message).toMatch(/would have 12$/);
    expect(breach?.causes).toHaveLength(39);
  });

  it('the 52 weeks roll: worked Sundays more than 51 weeks apart never share a window', () => {
    // 39 Sundays, a year of free ones, then a Sunday again.
    const worked = sundays('2027-01-03', 39);
    expect(sundayRestBreach(duty(addDays('2027-01-03', 7 * 90), '07:00', '15:00'), worked)).toBeNull();
  });

  it('a night from Saturday 23:00 takes the Sunday', () => {
    const worked = sundays('2027-01-03', 39);
    const saturdayNight = duty(addDays('2027-01-03', 7 * 39 - 1), '23:00', '07:00');
    expect(sundayRestBreach(saturdayNight, worked)?.rule).toBe('sunday-rest');
    // A Saturday evening that ends at midnight does not touch the Sunday.
    expect(sundayRestBreach(duty(addDays('2027-01-03', 7 * 39 - 1), '16:00', '00:00'), worked)).toBeNull();
  });

  it('a Sunday already worked is no new breach', () => {
    const worked = [
      ...sundays('2027-01-03', 39),
      ...sundays('2027-01-03', 40)
        .slice(39)
        .map((d) => ({ ...d, endMs: d.startMs + 2 * HOUR })),
    ];
    expect(sundayRestBreach(duty(addDays('2027-01-03', 7 * 39), '12:00', '15:00'), worked)).toBeNull();
  });

  it('an on-call block takes a Sunday too', () => {
    expect(sundayRestBreach(duty(addDays('2027-01-03', 7 * 39), '08:00', '08:00', 'on-call'), sundays('2027-01-03', 39))?.rule).toBe('sunday-rest');
  });
});
