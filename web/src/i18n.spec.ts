import { ApiError, type Violation } from './api';
import { conflictText, errorText, lang, ruleText, t } from './i18n';
import { ptCount } from './views/roster-plan-texts';
import { withinText } from './views/requests-board-texts';

/** The words around a refused call: Dutch only in the Dutch screen, counts in singular and plural. */
describe('web wording', () => {
  afterEach(() => (lang.value = 'nl'));

  it("answers a 400 in Dutch without quoting the server's English message; the English screen may show it", () => {
    const refused = new ApiError(400, 'from must be a valid ISO 8601 date string', []);
    lang.value = 'nl';
    expect(errorText(refused)).toBe('De invoer klopt niet: controleer de velden.');
    lang.value = 'en';
    expect(errorText(refused)).toBe('The input is not valid: from must be a valid ISO 8601 date string');
  });

  it('a refusal that names its rules says the rules alone, without a general sentence before them', () => {
    lang.value = 'nl';
    const full = new ApiError(409, 'slot is full', [{ rule: 'slot-full', message: 'slot is full' }]);
    expect(errorText(full)).toBe('De dienst is al vol.');
    expect(errorText(full)).not.toContain('huidige stand van zaken');
    const rest = new ApiError(422, 'rule', [
      { rule: 'daily-rest', message: 'x' },
      { rule: 'qualification', message: 'y' },
    ]);
    expect(errorText(rest)).toBe('Te weinig rust tussen twee diensten (minimaal 11 uur). Mist een vereiste kwalificatie.');
    // Without a rule to name, one plain sentence.
    expect(errorText(new ApiError(409, 'duplicate', []))).toBe('Dit kan niet: het botst met wat er al is vastgelegd.');
    lang.value = 'en';
    expect(errorText(full)).toBe('The slot is already full.');
    expect(errorText(new ApiError(409, 'duplicate', []))).toBe('This is not possible: it conflicts with what is already recorded.');
  });

  it('a duty is named for what it is: an overnight on-call block is a bereikbaarheidsdienst, not a nachtdienst', () => {
    const duty = (dutyType: 'shift' | 'on-call', start: string, end: string) => ({
      assignmentId: 'a',
      slotId: 's',
      regionCode: 'AMS',
      function: 'unplanned-night-care',
      dutyType,
      start,
      end,
    });
    lang.value = 'nl';
    const onCall = duty('on-call', '2026-11-24T17:00:00+01:00', '2026-11-25T08:00:00+01:00');
    expect(conflictText(onCall, 'Europe/Amsterdam')).toBe('bereikbaarheidsdienst (di 24 nov 17:00–08:00, Ongeplande nachtzorg)');
    expect(conflictText(duty('shift', '2026-11-24T23:00:00+01:00', '2026-11-25T07:00:00+01:00'), 'Europe/Amsterdam')).toBe(
      'nachtdienst (di 24 nov 23:00–07:00, Ongeplande nachtzorg)',
    );
    expect(conflictText(duty('shift', '2026-11-24T08:00:00+01:00', '2026-11-24T16:00:00+01:00'), 'Europe/Amsterdam')).toBe(
      'dienst (di 24 nov 08:00–16:00, Ongeplande nachtzorg)',
    );
    const tooOften: Violation = { rule: 'on-call-frequency', message: 'x', conflictsWith: onCall };
    expect(ruleText(tooOften)).toBe(
      'Te vaak bereikbaarheidsdienst (hooguit 3 in 7 dagen en 32 in 16 weken): de bereikbaarheidsdienst (di 24 nov 17:00–08:00, Ongeplande nachtzorg).',
    );
    expect(ruleText({ rule: 'overlap', message: 'x', conflictsWith: onCall })).toBe(
      'Heeft dan al een bereikbaarheidsdienst (di 24 nov 17:00–08:00, Ongeplande nachtzorg).',
    );
    lang.value = 'en';
    expect(conflictText(onCall, 'Europe/Amsterdam')).toBe('on-call block (Tue 24 Nov 17:00–08:00, Unplanned night care)');
  });

  it('the home list is named for what it is: the coming 14 days, not "this week"', () => {
    lang.value = 'nl';
    expect(t('comingDaysTitle', { n: 14 })).toBe('De komende 14 dagen: wat nog een verpleegkundige nodig heeft');
    lang.value = 'en';
    expect(t('comingDaysTitle', { n: 14 })).toBe('The coming 14 days: what still needs a nurse');
  });

  it('fees and plans speak of hours to staff and open places, not of positions', () => {
    lang.value = 'nl';
    expect(t('feeHour', { a: '€ 45,00' })).toBe('€ 45,00 per te bezetten uur');
    expect(t('positionHours')).toBe('Te bezetten uren');
    for (const text of [t('feeHour'), t('positionHours'), t('linePositionHours'), t('slaExplained')]) expect(text).not.toMatch(/positie/i);
    lang.value = 'en';
    for (const text of [t('feeHour'), t('positionHours'), t('linePositionHours'), t('slaExplained')]) expect(text).not.toMatch(/position/i);
  });

  it('counts shifts and open places in singular and plural in both languages', () => {
    lang.value = 'nl';
    expect(ptCount(1, 'positionsValueOne', 'positionsValue')).toBe('1 dienst');
    expect(ptCount(3, 'positionsValueOne', 'positionsValue')).toBe('3 diensten');
    expect(ptCount(0, 'unfilledValueOne', 'unfilledValue')).toBe('0 plekken');
    expect(ptCount(1, 'unfilledValueOne', 'unfilledValue')).toBe('1 plek');
    lang.value = 'en';
    expect(ptCount(1, 'positionsValueOne', 'positionsValue')).toBe('1 shift');
    expect(ptCount(2, 'unfilledValueOne', 'unfilledValue')).toBe('2 places');
  });

  it('the share acknowledged in time is written as every percentage: "92,5 % binnen 10 min"', () => {
    lang.value = 'nl';
    expect(withinText(92.5, 10)).toBe('92,5\u00a0% binnen 10 min');
    expect(withinText(66.67, 5)).toBe('66,6\u00a0% binnen 5 min');
    expect(withinText(null, 10)).toBe('—');
    lang.value = 'en';
    expect(withinText(92.5, 10)).toBe('92.5% within 10 min');
  });
});
