import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  formatInstant,
  isValidInstant,
  isValidLocalDate,
  localDateOf,
  localMinuteOfDay,
  offsetMinutesAt,
  parseInstant,
  placeLocal,
  wallClockMs,
} from './local-time.js';

describe('local time helpers', () => {
  const ZONES = [
    'Europe/Amsterdam',
    'America/St_Johns',
    'Antarctica/Casey',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/New_York',
    'Africa/Monrovia',
    'UTC',
  ];
  // Clock changes off the quarter hour or with offsets in seconds, as the tz data has them.
  const ODD_CHANGES: Array<[string, string]> = [
    ['Antarctica/Casey', '2020-10-03T16:01:00Z'],
    ['Antarctica/Casey', '2021-10-02T16:01:00Z'],
    ['America/St_Johns', '2009-03-08T03:31:00Z'],
    ['America/St_Johns', '2010-11-07T02:31:00Z'],
    ['America/St_Johns', '1930-05-05T02:30:52Z'],
    ['Asia/Kathmandu', '1919-12-31T18:18:44Z'],
    ['Asia/Kathmandu', '1985-12-31T18:30:00Z'],
    ['Australia/Lord_Howe', '2027-10-02T15:30:00Z'],
    ['Pacific/Chatham', '2027-09-25T14:00:00Z'],
    ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
  ];
  /** luxon's answer; where the offset is not a whole minute (luxon would drop its seconds), the instant in UTC with Z. */
  function luxonIso(ms: number, zone: string): string {
    const t = DateTime.fromMillis(ms, { zone });
    const pattern = ms % 1000 === 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSS";
    const seconds = Math.round(t.offset * 60);
    if (zone === 'UTC' || seconds % 60 !== 0) return `${t.toUTC().toFormat(pattern)}Z`;
    const abs = Math.abs(seconds);
    const hhmm = `${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor(abs / 60) % 60).padStart(2, '0')}`;
    return `${t.toFormat(pattern)}${seconds < 0 ? '-' : '+'}${hhmm}`;
  }
  const anyInstant = fc.tuple(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES));
  const nearOddChange = fc
    .tuple(fc.constantFrom(...ODD_CHANGES), fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }))
    .map(([[zone, at], delta]) => [Date.parse(at) + delta, zone] as [number, string]);

  it('property: offsets, local dates, minutes and printed instants agree with luxon from 1900 to 2100, also near odd clock changes', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearOddChange), ([ms, zone]) => {
        const t = DateTime.fromMillis(ms, { zone });
        expect(offsetMinutesAt(ms, zone)).toBe(t.offset);
        expect(localDateOf(ms, zone)).toBe(t.toISODate());
        expect(localMinuteOfDay(ms, zone)).toBe(t.hour * 60 + t.minute);
        expect(formatInstant(ms, zone)).toBe(luxonIso(ms, zone));
        expect(parseInstant(formatInstant(ms, zone))).toBe(ms);
      }),
      { numRuns: 3000 },
    );
  });

  it('Antarctica/Casey went from +08:00 to +11:00 at 16:01 UTC on 3 October 2020, not on a quarter hour', () => {
    expect(formatInstant(Date.parse('2020-10-03T16:05:00Z'), 'Antarctica/Casey')).toBe('2020-10-04T03:05:00+11:00');
    expect(formatInstant(Date.parse('2020-10-03T16:00:30Z'), 'Antarctica/Casey')).toBe('2020-10-04T00:00:30+08:00');
  });

  it("St. John's moved its clocks at 00:01 local time in 2009", () => {
    expect(formatInstant(Date.parse('2009-03-08T03:35:00Z'), 'America/St_Johns')).toBe('2009-03-08T01:05:00-02:30');
    expect(formatInstant(Date.parse('2009-03-08T03:30:00Z'), 'America/St_Johns')).toBe('2009-03-08T00:00:00-03:30');
  });

  it('an instant whose offset is not a whole minute is written in UTC with Z: Monrovia in 1971 was UTC−00:44:30', () => {
    const ms = Date.parse('1971-06-01T12:00:00Z');
    expect(offsetMinutesAt(ms, 'Africa/Monrovia')).toBe(-44.5);
    expect(formatInstant(ms, 'Africa/Monrovia')).toBe('1971-06-01T12:00:00Z');
    expect(formatInstant(ms + 250, 'Africa/Monrovia')).toBe('1971-06-01T12:00:00.250Z');
    expect(parseInstant(formatInstant(ms, 'Africa/Monrovia'))).toBe(ms);
    // The local wall clock is still read with the real offset: 11:15:30 local time.
    expect(localMinuteOfDay(ms, 'Africa/Monrovia')).toBe(11 * 60 + 15);
    expect(localDateOf(Date.parse('1971-06-01T00:30:00Z'), 'Africa/Monrovia')).toBe('1971-05-31');
  });

  it('Monrovia moved to GMT at 00:44:30 UTC on 7 January 1972: the last second before is written with Z, from then on with +00:00', () => {
    expect(formatInstant(Date.parse('1972-01-07T00:44:29Z'), 'Africa/Monrovia')).toBe('1972-01-07T00:44:29Z');
    expect(formatInstant(Date.parse('1972-01-07T00:44:30Z'), 'Africa/Monrovia')).toBe('1972-01-07T00:44:30+00:00');
  });

  it("St. John's summer time in 1930 (UTC−02:30:52) is written in UTC; its whole-minute offsets keep their own", () => {
    const ms = Date.parse('1930-06-01T12:00:00Z');
    expect(formatInstant(ms, 'America/St_Johns')).toBe('1930-06-01T12:00:00Z');
    expect(localMinuteOfDay(ms, 'America/St_Johns')).toBe(9 * 60 + 29);
    // An offset with seconds is still read in a request.
    expect(parseInstant('1930-06-01T09:29:08-02:30:52')).toBe(ms);
    expect(formatInstant(Date.parse('2027-06-01T12:00:00Z'), 'America/St_Johns')).toBe('2027-06-01T09:30:00-02:30');
  });

  it('an instant of 1 January 1900 in a zone west of UTC with an offset in seconds is written in UTC and parses back', () => {
    const ms = Date.UTC(1900, 0, 1);
    expect(formatInstant(ms, 'America/St_Johns')).toBe('1900-01-01T00:00:00Z');
    expect(parseInstant('1899-12-31T20:29:08-03:30:52')).toBe(ms);
  });

  it('reads an instant as its wall-clock time in the zone, for a spreadsheet cell: summer, winter and an offset in seconds', () => {
    expect(new Date(wallClockMs(Date.parse('2027-03-27T09:00:00Z'), 'Europe/Amsterdam')).toISOString()).toBe('2027-03-27T10:00:00.000Z');
    expect(new Date(wallClockMs(Date.parse('2027-03-28T09:00:00Z'), 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T11:00:00.000Z');
    expect(new Date(wallClockMs(Date.parse('1971-06-01T12:00:00Z'), 'Africa/Monrovia')).toISOString()).toBe('1971-06-01T11:15:30.000Z');
  });

  it('places wall-clock times exactly around both Amsterdam clock changes', () => {
    expect(new Date(placeLocal('2027-03-28', '01:59', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(new Date(placeLocal('2027-03-28', '02:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(placeLocal('2027-03-28', '03:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(placeLocal('2027-10-31', '02:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-10-31T00:00:00.000Z');
    expect(new Date(placeLocal('2027-10-31', '03:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });

  it('property: parses instants with an offset exactly as luxon does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom('Europe/Amsterdam', 'America/St_Johns', 'Asia/Kathmandu', 'UTC'),
        (ms, zone) => {
          const text = DateTime.fromMillis(ms, { zone }).toISO({ includeOffset: true }) as string;
          expect(parseInstant(text)).toBe(ms);
        },
      ),
    );
    expect(parseInstant('2027-02-29T10:00:00Z')).toBeNull();
    expect(parseInstant('2027-01-01T24:00:00Z')).toBeNull();
    expect(parseInstant('2027-01-01T10:00:00.5+0100')).toBe(Date.UTC(2027, 0, 1, 9, 0, 0, 500));
  });

  it('accepts only real calendar dates and instants with an explicit offset', () => {
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2027-02-29')).toBe(false);
    expect(isValidLocalDate('2027-13-01')).toBe(false);
    expect(isValidInstant('2027-03-28T03:00:00+02:00')).toBe(true);
    expect(isValidInstant('2027-03-28T01:00:00Z')).toBe(true);
    expect(isValidInstant('2027-03-28T03:00:00')).toBe(false);
    expect(isValidInstant('2027-03-28T03:00:00 02:00')).toBe(false);
    expect(parseInstant('2027-03-28T03:00:00+02:00')).toBe(Date.UTC(2027, 2, 28, 1));
  });
});
