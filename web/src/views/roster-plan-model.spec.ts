import { lang } from '../i18n';
import { coveragePct, daysIn, defaultPeriod, periodProblem, reasonText } from './roster-plan-model';

/** What the planner screen asks for and prints, apart from the API. */
describe('roster planner in the board', () => {
  beforeEach(() => (lang.value = 'nl'));

  it('proposes the month the calendar shows, from today at the earliest', () => {
    // The month grid of November 2026 runs from Mon 26 Oct to Sun 6 Dec.
    expect(defaultPeriod({ from: '2026-10-26', to: '2026-12-06' }, '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    // A later month: all of it.
    expect(defaultPeriod({ from: '2026-11-30', to: '2027-01-10' }, '2026-11-23')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    // A month already past: the rest of the current one.
    expect(defaultPeriod({ from: '2026-09-28', to: '2026-11-08' }, '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    // A week view: that week's month.
    expect(defaultPeriod({ from: '2027-02-22', to: '2027-02-28' }, '2026-11-23')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    // Nothing shown yet: the current month.
    expect(defaultPeriod(null, '2026-12-31')).toEqual({ from: '2026-12-31', to: '2026-12-31' });
  });

  it('refuses a period backwards or longer than 63 days, across a clock change', () => {
    expect(daysIn({ from: '2027-03-01', to: '2027-03-31' })).toBe(31);
    expect(periodProblem({ from: '2027-03-01', to: '2027-05-02' })).toBeNull();
    expect(periodProblem({ from: '2027-03-01', to: '2027-05-03' })).toBe('Een voorstel beslaat hooguit 63 dagen.');
    expect(periodProblem({ from: '2027-03-02', to: '2027-03-01' })).toBe('De laatste dag ligt vóór de eerste dag.');
    expect(periodProblem({ from: '', to: '2027-03-01' })).toBe('Vul de eerste en de laatste dag in.');
  });

  it('prints coverage as every percentage is written (one decimal, rounded down), and the reasons in words', () => {
    expect(coveragePct(56160, 57600)).toBe('97,5\u00a0%');
    expect(coveragePct(0, 0)).toBe('nog niet geroosterd');
    expect(reasonText({ rule: 'daily-rest', nurses: 3 })).toBe('3 verpleegkundigen: te weinig rust tussen twee diensten (minimaal 11 uur).');
    expect(reasonText({ rule: 'qualification', nurses: 1 })).toBe('1 verpleegkundige: mist een vereiste kwalificatie.');
    expect(reasonText({ rule: 'no-candidates', nurses: 0 })).toBe('De verantwoordelijke zorgaanbieder heeft geen verpleegkundigen.');
    lang.value = 'en';
    expect(reasonText({ rule: 'daily-rest', nurses: 2 })).toBe('2 nurses: too little rest between two shifts (at least 11 hours).');
  });
});
