import { ApiError } from './api';
import { errorText, lang } from './i18n';
import { ptCount } from './views/roster-plan-texts';

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

  it('counts shifts and positions in singular and plural in both languages', () => {
    lang.value = 'nl';
    expect(ptCount(1, 'positionsValueOne', 'positionsValue')).toBe('1 dienst');
    expect(ptCount(3, 'positionsValueOne', 'positionsValue')).toBe('3 diensten');
    expect(ptCount(0, 'unfilledValueOne', 'unfilledValue')).toBe('0 posities');
    expect(ptCount(1, 'unfilledValueOne', 'unfilledValue')).toBe('1 positie');
    lang.value = 'en';
    expect(ptCount(1, 'positionsValueOne', 'positionsValue')).toBe('1 shift');
    expect(ptCount(2, 'unfilledValueOne', 'unfilledValue')).toBe('2 positions');
  });
});
