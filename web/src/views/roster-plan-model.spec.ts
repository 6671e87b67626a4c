import { lang } from '../i18n';
import {
  type ChainSlot,
  contractLoad,
  coveragePct,
  daysIn,
  defaultPeriod,
  dutyWord,
  hoursText,
  openPlanFor,
  overtimeProblem,
  overtimeText,
  periodProblem,
  reasonText,
  repairChain,
  repairPeriod,
} from './roster-plan-model';

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

  it('says contract-hours in a plan as going beyond contract hours', () => {
    expect(reasonText({ rule: 'contract-hours', nurses: 2 })).toBe('2 verpleegkundigen: zou boven de contracturen uitkomen (of heeft 0 contracturen).');
  });

  it('holds hours against the contract share for the days exactly, as the service counts overtime', () => {
    // 32 h a week over 31 days is 8502 6/7 minutes: 8502 minutes is just under it, 8503 just over.
    expect(contractLoad(8502, 1920, 31)).toEqual({ shareMinutes: 8502, pct: '99,9\u00a0%', overMinutes: 0 });
    expect(contractLoad(8640, 1920, 31)).toEqual({ shareMinutes: 8502, pct: '101,6\u00a0%', overMinutes: 137 });
    // A full week exactly is 100 %, nothing over.
    expect(contractLoad(1920, 1920, 7)).toEqual({ shareMinutes: 1920, pct: '100\u00a0%', overMinutes: 0 });
    // Without contract hours: the full-time week of 36 h.
    expect(contractLoad(2160, null, 7)).toEqual({ shareMinutes: 2160, pct: '100\u00a0%', overMinutes: 0 });
    // 0 hours: no percentage, everything is beyond.
    expect(contractLoad(480, 0, 7)).toEqual({ shareMinutes: 0, pct: null, overMinutes: 480 });
    expect(contractLoad(0, 1440, 61).pct).toBe('0\u00a0%');
  });

  it('names overtime in hours and refuses an overtime allowance outside 0–50 whole percent', () => {
    expect(overtimeText(120)).toBe('+2 u overuren');
    expect(overtimeText(137)).toBe('+2 u 17 min overuren');
    expect(hoursText(8502)).toBe('141,7 u');
    expect(hoursText(1920)).toBe('32 u');
    for (const ok of ['', '0', '10', '50', ' 7 ']) expect(overtimeProblem(ok)).toBeNull();
    for (const bad of ['51', '-1', '2.5', '2,5', 'tien', '100'])
      expect(overtimeProblem(bad)).toBe('Kies voor overuren een heel percentage van 0 tot en met 50.');
    lang.value = 'en';
    expect(overtimeText(120)).toBe('+2 h overtime');
    expect(hoursText(8502)).toBe('141.7 h');
  });

  it('reopens the newest proposal whose period overlaps the days shown', () => {
    const plans = [
      { id: 'newest-applied', status: 'applied', from: '2027-03-01', to: '2027-03-31' },
      { id: 'april', status: 'proposed', from: '2027-04-01', to: '2027-04-30' },
      { id: 'march', status: 'proposed', from: '2027-03-01', to: '2027-03-31' },
      { id: 'older-march', status: 'proposed', from: '2027-03-10', to: '2027-03-20' },
    ];
    expect(openPlanFor(plans, { from: '2027-03-01', to: '2027-03-31' })?.id).toBe('march');
    // A week across the month's end overlaps both; the newest wins.
    expect(openPlanFor(plans, { from: '2027-03-29', to: '2027-04-04' })?.id).toBe('april');
    expect(openPlanFor(plans, { from: '2027-05-01', to: '2027-05-31' })).toBeNull();
  });

  it("names a duty as a planner does, in the region's zone: a night, a day, an evening, an on-call block", () => {
    const zone = 'Europe/Amsterdam';
    // The spring-forward night is still a night.
    expect(dutyWord({ dutyType: 'shift', start: '2027-03-27T23:00:00+01:00', end: '2027-03-28T07:00:00+02:00' }, zone)).toBe('nacht');
    expect(dutyWord({ dutyType: 'shift', start: '2027-03-02T08:00:00+01:00', end: '2027-03-02T16:00:00+01:00' }, zone)).toBe('dag');
    expect(dutyWord({ dutyType: 'shift', start: '2027-03-02T15:00:00+01:00', end: '2027-03-02T23:00:00+01:00' }, zone)).toBe('avond');
    // Until 01:00 is one hour between 00:00 and 06:00: not yet a night.
    expect(dutyWord({ dutyType: 'shift', start: '2027-03-02T17:00:00+01:00', end: '2027-03-03T01:00:00+01:00' }, zone)).toBe('avond');
    expect(dutyWord({ dutyType: 'on-call', start: '2027-03-02T17:00:00+01:00', end: '2027-03-03T08:00:00+01:00' }, zone)).toBe('bereikbaarheidsdienst');
  });

  it("repairs the calendar weeks of the absence's cancelled duties in this region, from today's week, at most nine weeks", () => {
    const zone = 'Europe/Amsterdam';
    const duty = (start: string, regionCode = 'AMS') => ({ start, regionCode });
    // Tuesday and Thursday of the week of Monday 1 March; a night starting on the 7th (a Sunday)
    // belongs to that week; another region's duty is not this board's.
    expect(
      repairPeriod(
        [duty('2027-03-04T08:00:00+01:00'), duty('2027-03-07T23:00:00+01:00'), duty('2027-03-02T23:00:00+01:00'), duty('2027-03-09T08:00:00+01:00', 'UTR')],
        'AMS',
        zone,
        '2027-03-01',
      ),
    ).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    // A duty before today is no plan's business; today's week is planned whole (its past days count hours only).
    expect(repairPeriod([duty('2027-03-01T08:00:00+01:00'), duty('2027-03-05T08:00:00+01:00')], 'AMS', zone, '2027-03-03')).toEqual({
      from: '2027-03-01',
      to: '2027-03-07',
    });
    expect(repairPeriod([duty('2027-03-01T08:00:00+01:00')], 'AMS', zone, '2027-03-03')).toBeNull();
    // Across a week's end: both weeks.
    expect(repairPeriod([duty('2027-03-06T08:00:00+01:00'), duty('2027-03-08T08:00:00+01:00')], 'AMS', zone, '2027-03-01')).toEqual({
      from: '2027-03-01',
      to: '2027-03-14',
    });
    // A long sickness: the first nine weeks.
    expect(repairPeriod([duty('2027-03-01T08:00:00+01:00'), duty('2027-06-30T08:00:00+02:00')], 'AMS', zone, '2027-03-01')).toEqual({
      from: '2027-03-01',
      to: '2027-05-02',
    });
  });

  it('says a repair plan as a chain of changes in the order of the duties', () => {
    const zone = 'Europe/Amsterdam';
    const slot = (id: string, start: string, end: string, assignments: ChainSlot['assignments'] = [], dutyType = 'shift'): ChainSlot => ({
      id,
      localDate: start.slice(0, 10),
      start,
      end,
      dutyType,
      function: 'unplanned-night-care',
      assignments,
    });
    const slots = new Map([
      ['night', slot('night', '2027-03-01T23:00:00+01:00', '2027-03-02T07:00:00+01:00', [{ id: 'bram-night', nurseName: 'Bram' }])],
      ['day', slot('day', '2027-03-02T08:00:00+01:00', '2027-03-02T16:00:00+01:00')],
      ['evening', slot('evening', '2027-03-03T15:00:00+01:00', '2027-03-03T23:00:00+01:00')],
    ]);
    const proposal = (slotId: string, nurseName: string, replacesAssignmentId?: string) => {
      const s = slots.get(slotId)!;
      return {
        slotId,
        nurseName,
        localDate: s.localDate,
        start: s.start,
        end: s.end,
        function: s.function,
        ...(replacesAssignmentId ? { replacesAssignmentId } : {}),
      };
    };
    const chain = repairChain(
      [proposal('evening', 'Dirk'), proposal('day', 'Bram'), proposal('night', 'Cees', 'bram-night')],
      slots,
      new Map([['day', 'Anna']]),
      zone,
    );
    expect(chain.map((c) => c.text)).toEqual([
      'Cees neemt de nacht van ma 1 mrt over van Bram',
      'Bram neemt de dag van di 2 mrt over van Anna (afwezig)',
      'Dirk neemt de avond van wo 3 mrt',
    ]);
    expect(chain[0].detail).toBe('23:00–07:00 · Ongeplande nachtzorg');
    lang.value = 'en';
    expect(repairChain([proposal('night', 'Cees', 'bram-night')], slots, new Map(), zone)[0].text).toBe('Cees takes over the night of Mon 1 Mar from Bram');
  });
});
