import { lang } from './i18n';
import { warningText, withWarnings } from './warnings';

/** The board's words for a warning the service gave with an assignment made all the same. */
describe('warnings in words', () => {
  afterEach(() => (lang.value = 'nl'));
  const beyond = {
    rule: 'contract-hours' as const,
    message: 'in the week of 2027-03-01 to 2027-03-07 her shifts come to 40 h, 8 h beyond her contract of 32 h a week',
    weekFrom: '2027-03-01',
    weekTo: '2027-03-07',
    shiftMinutes: 2400,
    contractMinutesPerWeek: 1920,
  };

  it('contract hours: the week, the hours worked, how far beyond and the contract, in Dutch and in English', () => {
    lang.value = 'nl';
    expect(warningText(beyond)).toBe(
      'Let op, boven de contracturen: in de week van ma 1 mrt 2027 t/m zo 7 mrt 2027 komen de diensten op 40 u, 8 u meer dan 32 u per week.',
    );
    lang.value = 'en';
    expect(warningText(beyond)).toBe(
      'Note, beyond contract hours: in the week of Mon 1 Mar 2027 to Sun 7 Mar 2027 the shifts come to 40 h, 8 h more than 32 h a week.',
    );
  });

  it('a nurse without contract hours is measured against the 36 hours that count for her', () => {
    lang.value = 'nl';
    expect(warningText({ ...beyond, shiftMinutes: 2190, contractMinutesPerWeek: null })).toBe(
      'Let op, boven de contracturen: in de week van ma 1 mrt 2027 t/m zo 7 mrt 2027 komen de diensten op 36 u 30 min, 30 min meer dan de 36 uur per week die gelden zonder vastgelegde contracturen.',
    );
  });

  it('a warning without the figures is shown as the service wrote it', () => {
    expect(warningText({ rule: 'contract-hours', message: 'beyond' })).toBe('beyond');
  });

  it('a success is said first, then each warning; without warnings the success alone', () => {
    lang.value = 'nl';
    expect(withWarnings('Anna is ingepland.', [])).toBe('Anna is ingepland.');
    expect(withWarnings('Anna is ingepland.', [beyond])).toMatch(/^Anna is ingepland\. Let op, boven de contracturen/);
  });
});
