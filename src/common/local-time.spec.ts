import fc from 'fast-check';
import { DateTime } from 'luxon';
import { firstInstantReading, formatInstant, isValidInstant, isValidLocalDate, localDateOf, localMinuteOfDay, offsetMinutesAt, parseInstant, placeLocal } from './local-time.js';

describe('local time helpers', () => {
  it('property: memoised offsets, local dates and minutes agree with luxon in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'),
        (ms, zone) => {
          const t = DateTime.fromMillis(ms, { zone });
          expect(offsetMinutesAt(ms, zone)).toBe(t.offset);
          expect(localDateOf(ms, zone)).toBe(t.toISODate());
          expect(localMinuteOfDay(ms, zone)).toBe(t.hour * 60 + t.minute);
          expect(formatInstant(ms, zone)).toBe(t.toISO({ suppressMilliseconds: true, includeOffset: true }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('places wall-clock times exactly around both Amsterdam clock changes', () => {
    expect(new Date(placeLocal('2027-03-28', '01:59', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T00:59:00.000Z');
    expect(new Date(placeLocal('2027-03-28', '02:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(placeLocal('2027-03-28', '03:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(placeLocal('2027-10-31', '02:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-10-31T00:00:00.000Z');
    expect(new Date(placeLocal('2027-10-31', '03:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });

  it('a time inside the spring-forward gap reads first at the instant the clocks jump', () => {
    // Amsterdam jumps from 02:00 to 03:00 on 28 March 2027; Lord Howe from 02:00 to 02:30 on 3 October 2027.
    expect(new Date(firstInstantReading('2027-03-28', '02:30', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(firstInstantReading('2027-10-03', '02:15', 'Australia/Lord_Howe')).toISOString()).toBe('2027-10-02T15:30:00.000Z');
  });

  it('a time outside the gap reads first at its own instant, the first one when the clocks go back', () => {
    expect(new Date(firstInstantReading('2027-03-28', '03:00', 'Europe/Amsterdam')).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(firstInstantReading('2027-10-31', '02:30', 'Europe/Amsterdam')).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('property: parses instants with an offset exactly as luxon does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom('Europe/Amsterdam', 'America/St_Johns', 'Asia/Kathmandu', 'UTC'), (ms, zone) => {
        const text = DateTime.fromMillis(ms, { zone }).toISO({ includeOffset: true }) as string;
        expect(parseInstant(text)).toBe(ms);
      }),
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
