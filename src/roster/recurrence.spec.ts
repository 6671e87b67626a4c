import fc from 'fast-check';
import { formatInstant } from '../common/local-time.js';
import { expandTemplate, parseRRule, RecurrenceError, slotOn } from './recurrence.js';

const AMS = 'Europe/Amsterdam';
const year2027 = { validFrom: '2027-01-01', lastDate: '2027-12-31' };
const night = { rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' };
// A fast-check seed whose 60 runs include a template ending inside Amsterdam's spring-forward gap.
const SEED = 232;

function slotOnDate(pattern: Parameters<typeof expandTemplate>[0], date: string) {
  const slot = expandTemplate(pattern, year2027, AMS).find((s) => s.localDate === date);
  if (!slot) throw new Error(`no slot on ${date}`);
  return slot;
}

describe('recurrence expansion', () => {
  it('a 23:00–07:00 night on the last Saturday of March lasts 7 hours', () => {
    const slot = slotOnDate(night, '2027-03-27');
    expect(slot.durationMinutes).toBe(7 * 60);
    expect(formatInstant(slot.startMs, AMS)).toBe('2027-03-27T23:00:00+01:00');
    expect(formatInstant(slot.endMs, AMS)).toBe('2027-03-28T07:00:00+02:00');
  });

  it('a 23:00–07:00 night on the last Saturday of October lasts 9 hours', () => {
    const slot = slotOnDate(night, '2027-10-30');
    expect(slot.durationMinutes).toBe(9 * 60);
    expect(formatInstant(slot.startMs, AMS)).toBe('2027-10-30T23:00:00+02:00');
    expect(formatInstant(slot.endMs, AMS)).toBe('2027-10-31T07:00:00+01:00');
  });

  it('an ordinary night lasts 8 hours', () => {
    expect(slotOnDate(night, '2027-06-12').durationMinutes).toBe(480);
  });

  // api.md: a local time that does not exist (spring forward) moves forward by the gap.
  it('02:30 on the spring-forward Sunday does not exist and becomes 03:30 summer time', () => {
    const slot = slotOnDate({ rrule: 'FREQ=DAILY', startTime: '02:30', endTime: '06:00' }, '2027-03-28');
    expect(formatInstant(slot.startMs, AMS)).toBe('2027-03-28T03:30:00+02:00');
    expect(slot.durationMinutes).toBe(150);
  });

  it("a 03:00–02:30 shift into the last Sunday of March ends at 03:30 summer time, half an hour into the next day's shift", () => {
    const slots = expandTemplate({ rrule: 'FREQ=DAILY', startTime: '03:00', endTime: '02:30' }, { validFrom: '2027-03-27', lastDate: '2027-03-28' }, AMS);
    expect(slots).toHaveLength(2);
    expect(formatInstant(slots[0].endMs, AMS)).toBe('2027-03-28T03:30:00+02:00');
    expect(slots[0].durationMinutes).toBe(23 * 60 + 30);
    expect(slots[0].endMs - slots[1].startMs).toBe(30 * 60_000);
  });

  it('a 23:00–02:30 shift on the night into the last Sunday of October ends at the first 02:30, still on summer time', () => {
    const slot = slotOnDate({ rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '02:30' }, '2027-10-30');
    expect(formatInstant(slot.endMs, AMS)).toBe('2027-10-31T02:30:00+02:00');
    expect(slot.durationMinutes).toBe(210);
  });

  it('02:30 on the fall-back Sunday is the first 02:30, still on summer time', () => {
    const slot = slotOnDate({ rrule: 'FREQ=DAILY', startTime: '02:30', endTime: '06:00' }, '2027-10-31');
    expect(formatInstant(slot.startMs, AMS)).toBe('2027-10-31T02:30:00+02:00');
    expect(slot.durationMinutes).toBe(270);
  });

  it('an occurrence inside the spring-forward gap whose end is not after its start gives no slot', () => {
    // 02:30 moves to 03:30 while 03:00 exists: the end would precede the start.
    expect(slotOn('2027-03-28', '02:30', '03:00', AMS)).toBeNull();
    // 02:00–02:30 moves forward as a whole to 03:00–03:30.
    expect(slotOn('2027-03-28', '02:00', '02:30', AMS)?.durationMinutes).toBe(30);
    const slots = expandTemplate({ rrule: 'FREQ=DAILY', startTime: '02:30', endTime: '03:00' }, year2027, AMS);
    expect(slots.map((s) => s.localDate)).not.toContain('2027-03-28');
    expect(slots).toHaveLength(364);
  });

  it('equal start and end times give 24 hours, 23 across spring forward and 25 across fall back', () => {
    const day = { rrule: 'FREQ=DAILY', startTime: '08:00', endTime: '08:00' };
    expect(slotOnDate(day, '2027-06-01').durationMinutes).toBe(24 * 60);
    expect(slotOnDate(day, '2027-03-27').durationMinutes).toBe(23 * 60);
    expect(slotOnDate(day, '2027-10-30').durationMinutes).toBe(25 * 60);
  });

  it('exdates are skipped', () => {
    const slots = expandTemplate({ ...night, exdates: ['2027-12-25', '2027-12-31'] }, { validFrom: '2027-12-20', lastDate: '2027-12-31' }, AMS);
    expect(slots.map((s) => s.localDate)).toEqual([
      '2027-12-20',
      '2027-12-21',
      '2027-12-22',
      '2027-12-23',
      '2027-12-24',
      '2027-12-26',
      '2027-12-27',
      '2027-12-28',
      '2027-12-29',
      '2027-12-30',
    ]);
  });

  it('BYMONTHDAY=-1 gives the last day of every month', () => {
    const slots = expandTemplate({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', startTime: '09:00', endTime: '17:00' }, year2027, AMS);
    expect(slots.map((s) => s.localDate)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
      '2027-11-30',
      '2027-12-31',
    ]);
  });

  it('DTSTART counts as an occurrence only when it matches the rule', () => {
    // 2027-01-01 is a Friday; the first Monday is 2027-01-04.
    const slots = expandTemplate({ rrule: 'FREQ=WEEKLY;BYDAY=MO', startTime: '09:00', endTime: '17:00' }, year2027, AMS);
    expect(slots[0].localDate).toBe('2027-01-04');
    expect(slots).toHaveLength(52);
  });

  describe('BYSETPOS (RFC 5545: a position outside the set selects nothing)', () => {
    const sundays = (rrule: string, window = year2027) => expandTemplate({ rrule, startTime: '09:00', endTime: '17:00' }, window, AMS).map((s) => s.localDate);

    // A calendar of 2027: only January, May, August and October have five Sundays.
    it('the fifth-from-last Sunday exists only in the months with five Sundays', () => {
      expect(sundays('FREQ=MONTHLY;BYDAY=SU;BYSETPOS=-5')).toEqual(['2027-01-03', '2027-05-02', '2027-08-01', '2027-10-03']);
    });

    it('the fifth Sunday exists only in the months with five Sundays', () => {
      expect(sundays('FREQ=MONTHLY;BYDAY=SU;BYSETPOS=5')).toEqual(['2027-01-31', '2027-05-30', '2027-08-29', '2027-10-31']);
    });

    it('COUNT counts the occurrences that BYSETPOS selected, not the months', () => {
      expect(sundays('FREQ=MONTHLY;BYDAY=SU;BYSETPOS=-5;COUNT=3')).toEqual(['2027-01-03', '2027-05-02', '2027-08-01']);
    });

    it('positions inside the set still select: the first and the last Sunday of each month', () => {
      const dates = sundays('FREQ=MONTHLY;BYDAY=SU;BYSETPOS=1,-1', { validFrom: '2027-01-01', lastDate: '2027-03-31' });
      expect(dates).toEqual(['2027-01-03', '2027-01-31', '2027-02-07', '2027-02-28', '2027-03-07', '2027-03-28']);
    });

    it('the first weekday of a month that began before the contract is not replaced by a later day', () => {
      // 2027-03-01 (a Monday) is the first weekday of March but precedes validFrom: March has no occurrence.
      const dates = sundays('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1', { validFrom: '2027-03-15', lastDate: '2027-06-30' });
      expect(dates).toEqual(['2027-04-01', '2027-05-03', '2027-06-01']);
    });

    it('the last weekday of a month that UNTIL cuts short is not replaced by an earlier day', () => {
      // The last weekday of April 2027 is Friday the 30th, after UNTIL: April has no occurrence.
      const dates = sundays('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20270415', { validFrom: '2027-03-15', lastDate: '2027-12-31' });
      expect(dates).toEqual(['2027-03-31']);
    });
  });

  it('COUNT counts occurrences before exdates are removed', () => {
    const slots = expandTemplate({ rrule: 'COUNT=5;FREQ=DAILY', startTime: '23:00', endTime: '07:00', exdates: ['2027-01-02'] }, year2027, AMS);
    expect(slots.map((s) => s.localDate)).toEqual(['2027-01-01', '2027-01-03', '2027-01-04', '2027-01-05']);
  });

  it('UNTIL as a local date is inclusive', () => {
    const slots = expandTemplate({ rrule: 'RRULE:FREQ=DAILY;UNTIL=20270105', startTime: '23:00', endTime: '07:00' }, year2027, AMS);
    expect(slots.map((s) => s.localDate)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05']);
  });

  it('UNTIL as a local date-time is inclusive of an occurrence at that time', () => {
    const slots = expandTemplate({ rrule: 'FREQ=DAILY;UNTIL=20270103T230000', startTime: '23:00', endTime: '07:00' }, year2027, AMS);
    expect(slots).toHaveLength(3);
  });

  describe('UNTIL with Z is an instant, compared with each occurrence start instant', () => {
    // A daily 02:30 shift in Amsterdam. On 28 March 2027 the clocks jump from 02:00 to 03:00, so
    // that day's 02:30 does not exist and moves forward by the gap to 03:30+02:00 = 01:30Z (api.md). On 31 October 2027 02:30 comes twice; the
    // shift starts at the first, 02:30+02:00 = 00:30Z; the second is 02:30+01:00 = 01:30Z.
    const lastDate = (until: string, validFrom: string) =>
      expandTemplate({ rrule: `FREQ=DAILY;UNTIL=${until}`, startTime: '02:30', endTime: '06:00' }, { validFrom, lastDate: '2027-12-31' }, AMS).at(-1)
        ?.localDate;

    it('an UNTIL exactly at the start on the spring-forward day keeps that day', () => {
      expect(lastDate('20270328T013000Z', '2027-03-20')).toBe('2027-03-28');
    });
    it('an UNTIL one second before the start on the spring-forward day ends the day before', () => {
      expect(lastDate('20270328T012959Z', '2027-03-20')).toBe('2027-03-27');
    });
    it('an UNTIL one second after the start on the spring-forward day keeps that day', () => {
      expect(lastDate('20270328T013001Z', '2027-03-20')).toBe('2027-03-28');
    });
    it('an UNTIL exactly at the start on the fall-back day keeps that day', () => {
      expect(lastDate('20271031T003000Z', '2027-10-20')).toBe('2027-10-31');
    });
    it('an UNTIL one second before the start on the fall-back day ends the day before', () => {
      expect(lastDate('20271031T002959Z', '2027-10-20')).toBe('2027-10-30');
    });
    it('an UNTIL one second after the start on the fall-back day keeps that day', () => {
      expect(lastDate('20271031T003001Z', '2027-10-20')).toBe('2027-10-31');
    });
    it('an UNTIL at 02:29:59 winter time, after the shift began at the first 02:30, keeps the fall-back day', () => {
      expect(lastDate('20271031T012959Z', '2027-10-20')).toBe('2027-10-31');
    });
    it('an UNTIL without Z is a wall-clock time: 02:29:59 on the fall-back day ends the day before', () => {
      expect(lastDate('20271031T022959', '2027-10-20')).toBe('2027-10-30');
    });
  });

  it('slots never reach past the last date of the window', () => {
    const slots = expandTemplate(night, { validFrom: '2027-01-01', lastDate: '2027-01-31' }, AMS);
    expect(slots).toHaveLength(31);
    expect(slots[30].localDate).toBe('2027-01-31');
  });

  it('an extension window returns only dates from fromDate on, counting from DTSTART', () => {
    const slots = expandTemplate(
      { rrule: 'FREQ=DAILY;INTERVAL=2', startTime: '23:00', endTime: '07:00' },
      { validFrom: '2027-01-01', lastDate: '2027-01-10', fromDate: '2027-01-06' },
      AMS,
    );
    expect(slots.map((s) => s.localDate)).toEqual(['2027-01-07', '2027-01-09']);
  });

  it('holidays "exclude" drops Dutch public holidays and "only" keeps exactly them', () => {
    const excluded = expandTemplate({ ...night, holidays: 'exclude' }, year2027, AMS);
    expect(excluded.map((s) => s.localDate)).not.toContain('2027-12-25');
    expect(excluded).toHaveLength(365 - 11);
    const only = expandTemplate({ startTime: '08:00', endTime: '17:00', holidays: 'only' }, year2027, AMS);
    expect(only.map((s) => s.localDate)).toContain('2027-03-28');
    expect(only.every((s) => s.isHoliday)).toBe(true);
    expect(only).toHaveLength(11);
  });

  it('holidays "add" adds the holidays to a weekly rule and flags them', () => {
    const slots = expandTemplate({ rrule: 'FREQ=WEEKLY;BYDAY=SA', startTime: '09:00', endTime: '17:00', holidays: 'add' }, year2027, AMS);
    expect(slots.find((s) => s.localDate === '2027-04-27')?.isHoliday).toBe(true);
    expect(slots.find((s) => s.localDate === '2027-01-02')?.isHoliday).toBe(false);
  });

  it.each([
    ['FREQ=HOURLY', /FREQ=HOURLY is not allowed/],
    ['FREQ=MINUTELY', /not allowed/],
    ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not allowed/],
    ['FREQ=DAILY;BYMINUTE=5', /BYMINUTE/],
    ['BYDAY=MO', /needs FREQ/],
    ['FREQ=DAILY;COUNT=0', /COUNT/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270101', /COUNT and UNTIL/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/],
    ['FREQ=DAILY;UNTIL=20270230', /UNTIL/],
    ['FREQ=DAILY;FOO=1', /unknown rrule part FOO/],
    ['garbage', /NAME=VALUE/],
    ['FREQ=DAILY;;', /NAME=VALUE/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=DAILY;INTERVAL=-1', /INTERVAL/],
    ['DTSTART:20270101T000000\nRRULE:FREQ=DAILY', /./],
  ])('refuses the RRULE %p', (rrule, message) => {
    expect(() => parseRRule(rrule)).toThrow(RecurrenceError);
    expect(() => parseRRule(rrule)).toThrow(message);
  });

  // Slots of one template never overlap, except where an end time does not exist (spring forward):
  // it moves forward by the gap (api.md) and may run that far into the next slot.
  describe('property: the slots of one template are ordered and overlap only by a moved end time', () => {
    const t = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    const property = fc.property(
      fc.constantFrom('FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,WE,FR', 'FREQ=DAILY;INTERVAL=3', 'FREQ=MONTHLY;BYMONTHDAY=1,15,-1'),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom(0, 30),
      fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'),
      (rrule, sh, sm, eh, em, zone) => {
        const slots = expandTemplate({ rrule, startTime: t(sh, sm), endTime: t(eh, em) }, { validFrom: '2027-01-01', lastDate: '2027-12-31' }, zone);
        for (let i = 1; i < slots.length; i++) {
          expect(slots[i].startMs).toBeGreaterThan(slots[i - 1].startMs);
          const overlapMs = slots[i - 1].endMs - slots[i].startMs;
          if (overlapMs > 0) {
            expect(formatInstant(slots[i - 1].endMs, zone).slice(11, 16)).not.toBe(t(eh, em));
            expect(overlapMs).toBeLessThanOrEqual(60 * 60_000);
          }
        }
        for (const s of slots) expect(s.durationMinutes).toBe((s.endMs - s.startMs) / 60_000);
      },
    );

    it('holds for random templates', () => {
      fc.assert(property, { numRuns: 60 });
    });

    it('holds for a fixed seed and for a 03:00–02:30 template across the spring-forward gap', () => {
      fc.assert(property, { seed: SEED, numRuns: 60, examples: [['FREQ=DAILY', 3, 0, 2, 30, 'Europe/Amsterdam']] });
    });
  });
});
