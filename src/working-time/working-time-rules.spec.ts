import { placeLocal } from '../common/local-time.js';
import { checkWorkingTime, Duty, isNightShift, lateNightsBefore } from './working-time-rules.js';

const AMS = 'Europe/Amsterdam';

/** A duty from local "YYYY-MM-DD HH:mm" to local "YYYY-MM-DD HH:mm" in Amsterdam. */
function duty(from: string, to: string, dutyType: Duty['dutyType'] = 'shift'): Duty {
  const [fd, ft] = from.split(' ');
  const [td, tt] = to.split(' ');
  return { startMs: placeLocal(fd, ft, AMS), endMs: placeLocal(td, tt, AMS), dutyType, zone: AMS, localDate: fd };
}
const onCall = (from: string, to: string) => duty(from, to, 'on-call');
const rules = (candidate: Duty, existing: Duty[]) => checkWorkingTime(candidate, existing).map((v) => v.rule);

describe('working-time rules', () => {
  describe('max-shift-length', () => {
    it('a 12-hour shift is allowed', () => {
      expect(rules(duty('2027-06-01 07:00', '2027-06-01 19:00'), [])).toEqual([]);
    });
    it('a shift of 12 h 1 min is refused', () => {
      expect(rules(duty('2027-06-01 07:00', '2027-06-01 19:01'), [])).toEqual(['max-shift-length']);
    });
    it('an on-call block may last 24 h but not 25 h', () => {
      expect(rules(onCall('2027-06-01 08:00', '2027-06-02 08:00'), [])).toEqual([]);
      expect(rules(onCall('2027-06-01 08:00', '2027-06-02 09:00'), [])).toEqual(['max-shift-length']);
    });
  });

  describe('max-night-shift-length', () => {
    it('a 10-hour night shift is allowed, 10 h 30 min is not', () => {
      expect(rules(duty('2027-06-01 21:00', '2027-06-02 07:00'), [])).toEqual([]);
      expect(rules(duty('2027-06-01 21:00', '2027-06-02 07:30'), [])).toEqual(['max-night-shift-length']);
    });
    it('exactly one hour between 00:00 and 06:00 does not make a night shift', () => {
      expect(isNightShift(duty('2027-06-01 05:00', '2027-06-01 13:00'))).toBe(false);
      expect(isNightShift(duty('2027-06-01 04:59', '2027-06-01 12:59'))).toBe(true);
    });
  });

  describe('daily-rest', () => {
    const previous = duty('2027-06-01 12:00', '2027-06-01 20:00');
    // An earlier shortened rest (10 h) three days before.
    const earlierShortened = [duty('2027-05-29 12:00', '2027-05-29 20:00'), duty('2027-05-30 06:00', '2027-05-30 14:00')];

    it('11 h of rest is enough even when a shortened rest was used this week', () => {
      expect(rules(duty('2027-06-02 07:00', '2027-06-02 15:00'), [previous, ...earlierShortened])).toEqual([]);
    });
    it('10 h 59 min of rest is a shortened rest: refused when one was already used within 7×24 h', () => {
      expect(rules(duty('2027-06-02 06:59', '2027-06-02 14:59'), [previous, ...earlierShortened])).toEqual(['daily-rest']);
    });
    it('the reduction to 8 h used once is allowed', () => {
      expect(rules(duty('2027-06-02 04:00', '2027-06-02 05:00'), [previous])).toEqual([]);
    });
    it('the reduction to 8 h used twice within 7×24 h is refused', () => {
      const firstShortening = [duty('2027-06-04 12:00', '2027-06-04 20:00'), duty('2027-06-05 04:00', '2027-06-05 05:00')];
      expect(rules(duty('2027-06-02 04:00', '2027-06-02 05:00'), [previous, ...firstShortening])).toEqual(['daily-rest']);
    });
    it('a second shortened daily rest starting exactly 7×24 h after the first is allowed', () => {
      // The first rest starts at 20:00 on 1 June; the window [t, t + 7×24 h) ends just before 20:00 on 8 June.
      const later = [duty('2027-06-08 12:00', '2027-06-08 20:00'), duty('2027-06-09 06:00', '2027-06-09 14:00')];
      expect(rules(duty('2027-06-02 06:00', '2027-06-02 14:00'), [previous, ...later])).toEqual([]);
    });
    it('a second shortened daily rest starting one minute less than 7×24 h after the first is refused', () => {
      const later = [duty('2027-06-08 12:00', '2027-06-08 19:59'), duty('2027-06-09 06:00', '2027-06-09 14:00')];
      expect(rules(duty('2027-06-02 06:00', '2027-06-02 14:00'), [previous, ...later])).toEqual(['daily-rest']);
    });
    it('a second reduction more than 7×24 h later is allowed', () => {
      const later = [duty('2027-06-09 12:00', '2027-06-09 20:00'), duty('2027-06-10 04:00', '2027-06-10 05:00')];
      expect(rules(duty('2027-06-02 04:00', '2027-06-02 05:00'), [previous, ...later])).toEqual([]);
    });
    it('less than 8 h of rest is always refused', () => {
      expect(rules(duty('2027-06-02 03:59', '2027-06-02 05:00'), [previous])).toEqual(['daily-rest']);
    });
    it('a rest across the autumn clock change counts real time: 10 wall-clock hours are 11 real hours', () => {
      const before = duty('2027-10-30 12:00', '2027-10-30 20:00');
      const shortened = [duty('2027-10-27 12:00', '2027-10-27 20:00'), duty('2027-10-28 06:00', '2027-10-28 14:00')];
      expect(rules(duty('2027-10-31 06:00', '2027-10-31 14:00'), [before, ...shortened])).toEqual([]);
    });
    it('on-call blocks do not count for daily rest', () => {
      expect(rules(duty('2027-06-02 06:00', '2027-06-02 14:00'), [onCall('2027-06-01 18:00', '2027-06-02 00:00')])).toEqual([]);
    });
  });

  describe('rest-after-night', () => {
    const shortenedEarlier = [duty('2027-05-29 12:00', '2027-05-29 20:00'), duty('2027-05-30 06:00', '2027-05-30 14:00')];
    it('after a night ending after 02:00, 14 h of rest is enough', () => {
      const night = duty('2027-06-01 23:00', '2027-06-02 07:00');
      expect(rules(duty('2027-06-02 21:00', '2027-06-03 01:00'), [night, ...shortenedEarlier])).toEqual([]);
    });
    it('a shortened rest after a night and a shortened daily rest in the same 7×24 h are both allowed: each rule has its own allowance', () => {
      const night = duty('2027-06-01 23:00', '2027-06-02 07:00');
      expect(rules(duty('2027-06-02 19:00', '2027-06-02 23:00'), [night, ...shortenedEarlier])).toEqual([]);
    });
    it('a shortened daily rest is allowed in the same 7×24 h as a shortened rest after a night', () => {
      const nightThenShortened = [duty('2027-05-29 23:00', '2027-05-30 07:00'), duty('2027-05-30 19:00', '2027-05-30 23:00')];
      const previous = duty('2027-06-01 12:00', '2027-06-01 20:00');
      expect(rules(duty('2027-06-02 06:00', '2027-06-02 14:00'), [...nightThenShortened, previous])).toEqual([]);
    });
    it('two shortened rests after a night within 7×24 h are refused', () => {
      const first = [duty('2027-06-01 23:00', '2027-06-02 07:00'), duty('2027-06-02 19:00', '2027-06-02 23:00')];
      const night = duty('2027-06-05 23:00', '2027-06-06 07:00');
      expect(rules(duty('2027-06-06 19:00', '2027-06-06 23:00'), [...first, night])).toEqual(['rest-after-night']);
    });
    it('a second shortened rest after a night starting exactly 7×24 h after the first is allowed', () => {
      const first = [duty('2027-06-01 23:00', '2027-06-02 07:00'), duty('2027-06-02 19:00', '2027-06-02 23:00')];
      const night = duty('2027-06-08 23:00', '2027-06-09 07:00');
      expect(rules(duty('2027-06-09 19:00', '2027-06-09 23:00'), [...first, night])).toEqual([]);
    });
    it('after a night ending at 01:30, 11 h of rest is enough', () => {
      const night = duty('2027-06-01 17:30', '2027-06-02 01:30');
      expect(isNightShift(night)).toBe(true);
      expect(rules(duty('2027-06-02 12:30', '2027-06-02 20:30'), [night, ...shortenedEarlier])).toEqual([]);
    });
  });

  describe('rest-after-night-series', () => {
    const nights = [duty('2027-06-01 23:00', '2027-06-02 07:00'), duty('2027-06-02 23:00', '2027-06-03 07:00'), duty('2027-06-03 23:00', '2027-06-04 07:00')];
    it('after three consecutive nights a shift 34 h later is refused', () => {
      expect(rules(duty('2027-06-05 17:00', '2027-06-05 23:00'), nights)).toEqual(['rest-after-night-series']);
    });
    it('after three consecutive nights a shift 46 h later is allowed', () => {
      expect(rules(duty('2027-06-06 05:00', '2027-06-06 13:00'), nights)).toEqual([]);
    });
    it('the third night itself is refused when the next shift is too close', () => {
      const next = duty('2027-06-05 17:00', '2027-06-05 23:00');
      expect(rules(nights[2], [nights[0], nights[1], next])).toContain('rest-after-night-series');
    });
    it('after two nights only the ordinary rest applies', () => {
      expect(rules(duty('2027-06-04 17:00', '2027-06-04 23:00'), nights.slice(0, 2))).toEqual([]);
    });
  });

  describe('max-week-hours', () => {
    const week = ['01', '02', '03', '04', '05'].map((d) => duty(`2027-06-${d} 07:00`, `2027-06-${d} 19:00`));
    it('60 hours in 7×24 h is allowed', () => {
      expect(rules(week[4], week.slice(0, 4))).toEqual([]);
    });
    it('one more hour in the same 7×24 h is refused', () => {
      expect(rules(duty('2027-06-06 07:00', '2027-06-06 08:00'), week)).toEqual(['max-week-hours']);
    });
    it('shifts are clipped at the window edge', () => {
      expect(rules(duty('2027-06-08 07:00', '2027-06-08 08:00'), week)).toEqual([]);
    });
  });

  describe('max-nights-16-weeks', () => {
    // 36 nights ending after 02:00, every other day from 1 March.
    const nights: Duty[] = [];
    for (let i = 0; i < 36; i++) {
      const d = new Date(Date.UTC(2027, 2, 1 + 2 * i)).toISOString().slice(0, 10);
      const next = new Date(Date.UTC(2027, 2, 2 + 2 * i)).toISOString().slice(0, 10);
      nights.push(duty(`${d} 23:00`, `${next} 07:00`));
    }
    it('the 36th night in 16 weeks is allowed', () => {
      expect(rules(nights[35], nights.slice(0, 35))).toEqual([]);
    });
    it('the 37th night in 16 weeks is refused', () => {
      expect(rules(duty('2027-05-12 23:00', '2027-05-13 07:00'), nights)).toEqual(['max-nights-16-weeks']);
    });
    it('counts the nights that start in the 16 weeks before an instant', () => {
      expect(lateNightsBefore(placeLocal('2027-05-12', '23:00', AMS), nights)).toBe(36);
    });
  });

  describe('on-call-frequency', () => {
    const blocks = [
      onCall('2027-06-01 18:00', '2027-06-02 08:00'),
      onCall('2027-06-03 18:00', '2027-06-04 08:00'),
      onCall('2027-06-05 18:00', '2027-06-06 08:00'),
    ];
    it('a fourth on-call block in 7×24 h is refused', () => {
      expect(rules(onCall('2027-06-07 18:00', '2027-06-08 08:00'), blocks)).toEqual(['on-call-frequency']);
    });
    it('a block exactly 7×24 h after the first is allowed', () => {
      expect(rules(onCall('2027-06-08 18:00', '2027-06-09 08:00'), blocks)).toEqual([]);
    });
    it('a 33rd block in 16 weeks is refused', () => {
      const many: Duty[] = [];
      for (let i = 0; i < 32; i++) {
        const d = new Date(Date.UTC(2027, 2, 1 + 3 * i)).toISOString().slice(0, 10);
        many.push(onCall(`${d} 18:00`, `${d} 22:00`));
      }
      expect(rules(onCall('2027-06-05 18:00', '2027-06-05 22:00'), many)).toEqual(['on-call-frequency']);
    });
  });

  describe('on-call-near-night', () => {
    const night = duty('2027-06-01 23:00', '2027-06-02 07:00');
    it('an on-call block 13 h after a night shift is refused', () => {
      expect(rules(onCall('2027-06-02 20:00', '2027-06-03 08:00'), [night])).toEqual(['on-call-near-night']);
    });
    it('an on-call block 14 h after a night shift is allowed', () => {
      expect(rules(onCall('2027-06-02 21:00', '2027-06-03 08:00'), [night])).toEqual([]);
    });
    it('an on-call block ending 10 h before a night shift is refused, 11 h before is allowed', () => {
      expect(rules(onCall('2027-06-01 08:00', '2027-06-01 13:00'), [night])).toEqual(['on-call-near-night']);
      expect(rules(onCall('2027-06-01 08:00', '2027-06-01 12:00'), [night])).toEqual([]);
    });
    it('a night shift starting 10 h after an on-call block ends is refused too', () => {
      expect(rules(night, [onCall('2027-06-01 08:00', '2027-06-01 13:00')])).toEqual(['on-call-near-night']);
    });
  });

  it('every broken rule is listed at once', () => {
    const nights = [duty('2027-06-01 23:00', '2027-06-02 07:00'), duty('2027-06-02 23:00', '2027-06-03 07:00'), duty('2027-06-03 23:00', '2027-06-04 07:00')];
    const result = rules(duty('2027-06-04 12:00', '2027-06-05 01:00'), nights);
    expect(result).toEqual(expect.arrayContaining(['max-shift-length', 'rest-after-night', 'rest-after-night-series']));
  });
});
