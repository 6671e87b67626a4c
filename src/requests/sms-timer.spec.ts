import { smsDueAt, smsGoes, smsText, smsTimerDue } from './sms-timer.js';

const T = Date.parse('2027-03-01T10:00:00Z');

describe('the SMS timer of a page', () => {
  it('is due smsAfterSeconds after the page, for a nurse, when SMS is configured and the region has not turned it off', () => {
    expect(smsDueAt(T, true, 120, true)).toBe(T + 120_000);
    expect(smsDueAt(T, true, 15, true)).toBe(T + 15_000);
    expect(smsDueAt(T, true, 0, true)).toBeNull();
    expect(smsDueAt(T, false, 120, true)).toBeNull();
    expect(smsDueAt(T, true, 120, false)).toBeNull();
  });

  const open = { dueAt: T, now: T, requestOpen: true, phone: '+31612345678', smsConfigured: true };

  it('sends once its time has come, for an open request to a nurse with a phone', () => {
    expect(smsGoes(open)).toBe(true);
    expect(smsGoes({ ...open, now: T + 5_000 })).toBe(true);
  });

  it('does nothing before its time, or without a timer (already sent or cleared)', () => {
    expect(smsTimerDue(T, T - 1)).toBe(false);
    expect(smsTimerDue(null, T)).toBe(false);
    expect(smsTimerDue(T, T)).toBe(true);
    expect(smsGoes({ ...open, now: T - 1 })).toBe(false);
    expect(smsGoes({ ...open, dueAt: null })).toBe(false);
  });

  it('fires without a text when the request was taken or closed, the nurse has no phone, or SMS is off', () => {
    expect(smsGoes({ ...open, requestOpen: false })).toBe(false);
    expect(smsGoes({ ...open, phone: null })).toBe(false);
    expect(smsGoes({ ...open, smsConfigured: false })).toBe(false);
  });

  it('says the function in Dutch, the postcode and the link, and nothing else', () => {
    expect(smsText('acute-screening', '1012', 'https://wijkwacht.example/p/abc')).toBe(
      'Wijkwacht: acute oproep Acute beoordeling thuis PC 1012. Ik ga: https://wijkwacht.example/p/abc',
    );
  });
});
