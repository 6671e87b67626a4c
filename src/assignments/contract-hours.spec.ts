import { placeLocal } from '../common/local-time.js';
import { calendarWeekOf, contractHoursWarning, FULL_TIME_MINUTES_PER_WEEK, type WeekDuty } from './contract-hours.js';

const AMS = 'Europe/Amsterdam';

/** A duty from `date` at `start` to `end` (on the next day when not after the start), in Amsterdam. */
function duty(date: string, start: string, end: string, dutyType: WeekDuty['dutyType'] = 'shift', id?: string): WeekDuty {
  const startMs = placeLocal(date, start, AMS);
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const endMs = placeLocal(end > start ? date : next, end, AMS);
  return { id, localDate: date, startMs, endMs, dutyType };
}

/** Four 8 h days, Monday 1 to Thursday 4 March 2027: 32 h. */
const fourDays = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04'].map((d, i) => duty(d, '07:00', '15:00', 'shift', `a${i}`));

describe('the calendar week of a date', () => {
  it('runs from Monday to Sunday', () => {
    expect(calendarWeekOf('2027-03-03')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(calendarWeekOf('2027-03-01')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(calendarWeekOf('2027-03-07')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
  });

  it('crosses months and years, and dates before 2024', () => {
    expect(calendarWeekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(calendarWeekOf('2023-12-31')).toEqual({ from: '2023-12-25', to: '2023-12-31' });
  });
});

describe('contract hours by hand', () => {
  it('a shift that keeps the week within the contract gives no warning, also when it reaches it exactly', () => {
    expect(contractHoursWarning({ contractMinutesPerWeek: 2400, duties: fourDays, duty: duty('2027-03-05', '07:00', '15:00') })).toBeNull();
  });

  it('a shift that takes the week beyond the contract is a contract-hours warning saying by how much', () => {
    const warning = contractHoursWarning({ contractMinutesPerWeek: 1920, duties: fourDays, duty: duty('2027-03-05', '07:00', '15:30') });
    expect(warning).toEqual({
      rule: 'contract-hours',
      message: 'in the week of 2027-03-01 to 2027-03-07 her shifts come to 40 h 30 min, 8 h 30 min beyond her contract of 32 h a week',
      weekFrom: '2027-03-01',
      weekTo: '2027-03-07',
      shiftMinutes: 40 * 60 + 30,
      contractMinutesPerWeek: 1920,
    });
  });

  it('only shifts whose local date lies in the same Monday-to-Sunday week count', () => {
    const lastWeek = [duty('2027-02-28', '07:00', '15:00'), duty('2027-02-27', '07:00', '19:00')];
    const nextWeek = [duty('2027-03-08', '07:00', '15:00')];
    expect(contractHoursWarning({ contractMinutesPerWeek: 480, duties: [...lastWeek, ...nextWeek], duty: duty('2027-03-01', '07:00', '15:00') })).toBeNull();
  });

  it('a shift starting Sunday 23:00 counts whole in the week of that Sunday, not in the next', () => {
    const sundayNight = duty('2027-03-07', '23:00', '07:00');
    // In its own week it is the one too many...
    expect(contractHoursWarning({ contractMinutesPerWeek: 1920, duties: fourDays, duty: sundayNight })?.rule).toBe('contract-hours');
    // ...and in the next week, where its morning hours fall, it counts for nothing.
    expect(contractHoursWarning({ contractMinutesPerWeek: 480, duties: [sundayNight], duty: duty('2027-03-08', '07:00', '15:00') })).toBeNull();
  });

  it('a night across the spring clock change counts 7 h and across the autumn change 9 h, as elapsed', () => {
    // Saturday 27 March 2027, 23:00–07:00: 7 h; with 32 h already, 39 h is within 39 h...
    const spring = duty('2027-03-27', '23:00', '07:00');
    const springWeek = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25'].map((d) => duty(d, '07:00', '15:00'));
    expect(contractHoursWarning({ contractMinutesPerWeek: 39 * 60, duties: springWeek, duty: spring })).toBeNull();
    // ...and Saturday 30 October 2027, 23:00–07:00: 9 h, so 41 h is 1 h beyond 40 h.
    const autumn = duty('2027-10-30', '23:00', '07:00');
    const autumnWeek = ['2027-10-25', '2027-10-26', '2027-10-27', '2027-10-28'].map((d) => duty(d, '07:00', '15:00'));
    expect(contractHoursWarning({ contractMinutesPerWeek: 40 * 60, duties: autumnWeek, duty: autumn })?.message).toContain('41 h, 1 h beyond');
  });

  it('on-call blocks are not working time: they do not count, and assigning one never warns', () => {
    const blocks = ['2027-03-01', '2027-03-02', '2027-03-03'].map((d) => duty(d, '09:00', '09:00', 'on-call'));
    expect(contractHoursWarning({ contractMinutesPerWeek: 480, duties: blocks, duty: duty('2027-03-04', '07:00', '15:00') })).toBeNull();
    expect(contractHoursWarning({ contractMinutesPerWeek: 0, duties: fourDays, duty: duty('2027-03-05', '09:00', '09:00', 'on-call') })).toBeNull();
  });

  it('a nurse without contract hours counts as 36 h a week', () => {
    expect(FULL_TIME_MINUTES_PER_WEEK).toBe(2160);
    expect(contractHoursWarning({ contractMinutesPerWeek: null, duties: fourDays, duty: duty('2027-03-05', '07:00', '11:00') })).toBeNull();
    expect(contractHoursWarning({ contractMinutesPerWeek: null, duties: fourDays, duty: duty('2027-03-05', '07:00', '11:01') })).toEqual({
      rule: 'contract-hours',
      message: 'in the week of 2027-03-01 to 2027-03-07 her shifts come to 36 h 1 min, 1 min beyond the 36 h a week that counts without contract hours',
      weekFrom: '2027-03-01',
      weekTo: '2027-03-07',
      shiftMinutes: 2161,
      contractMinutesPerWeek: null,
    });
  });

  it('a nurse with 0 contract hours is beyond with any shift', () => {
    expect(contractHoursWarning({ contractMinutesPerWeek: 0, duties: [], duty: duty('2027-03-05', '07:00', '08:00') })?.message).toBe(
      'in the week of 2027-03-01 to 2027-03-07 her shifts come to 1 h, 1 h beyond her contract of 0 h a week',
    );
  });

  it('the new duty is counted once, also when it is already among the duties loaded', () => {
    const friday = duty('2027-03-05', '07:00', '15:00', 'shift', 'new');
    expect(contractHoursWarning({ contractMinutesPerWeek: 2400, duties: [...fourDays, friday], duty: friday })).toBeNull();
  });
});
