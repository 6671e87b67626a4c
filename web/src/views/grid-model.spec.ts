import { daysFrom, firstDay, type GridProposal, type GridSlot, gridCells, isWeekend, shiftMinutes } from './grid-model';

/** What the roster per nurse draws and counts, apart from the screen. */
describe('the roster per nurse', () => {
  const slot = (id: string, localDate: string, over: Partial<GridSlot> = {}): GridSlot => ({
    id,
    localDate,
    start: `${localDate}T08:00:00+01:00`,
    end: `${localDate}T16:00:00+01:00`,
    function: 'acute-screening',
    dutyType: 'shift',
    durationMinutes: 480,
    assignments: [],
    ...over,
  });
  const proposal = (s: GridSlot, nurseId: string, over: Partial<GridProposal> = {}): GridProposal => ({
    slotId: s.id,
    nurseId,
    nurseName: nurseId,
    localDate: s.localDate,
    start: s.start,
    end: s.end,
    function: s.function,
    durationMinutes: s.durationMinutes,
    ...over,
  });
  const march = { from: '2027-03-01', to: '2027-03-31' };

  it('shows a week from its Monday and a month from its first, all its days, weekends marked', () => {
    expect(firstDay('2027-03-04', 'week')).toBe('2027-03-01');
    expect(firstDay('2027-03-31', 'maand')).toBe('2027-03-01');
    expect(daysFrom('2027-03-01', 'maand')).toHaveLength(31);
    expect(daysFrom('2027-02-01', 'maand')).toHaveLength(28);
    expect(daysFrom('2027-03-01', 'week')).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    expect(daysFrom('2027-03-01', 'week').map(isWeekend)).toEqual([false, false, false, false, false, true, true]);
  });

  it("counts a nurse's shifts in the span with the proposal: on-call blocks are not working time, a duty handed on no longer counts", () => {
    const day = slot('day', '2027-03-02', { assignments: [{ id: 'a1', nurseId: 'anna', nurseName: 'Anna' }] });
    const onCall = slot('on-call', '2027-03-02', {
      dutyType: 'on-call',
      durationMinutes: 900,
      assignments: [{ id: 'a2', nurseId: 'anna', nurseName: 'Anna' }],
    });
    const night = slot('night', '2027-03-31', { durationMinutes: 480, assignments: [{ id: 'a3', nurseId: 'anna', nurseName: 'Anna' }] });
    const april = slot('april', '2027-04-01', { assignments: [{ id: 'a4', nurseId: 'anna', nurseName: 'Anna' }] });
    const open = slot('open', '2027-03-03');
    const slots = [day, onCall, night, april, open];
    expect(shiftMinutes(slots, [], 'anna', march)).toBe(960);
    // A proposal for her counts; one handing her night to Bram takes it off her hours and onto his.
    const plan = [proposal(open, 'anna'), proposal(night, 'bram', { replacesAssignmentId: 'a3' }), proposal(onCall, 'bram', { durationMinutes: 900 })];
    expect(shiftMinutes(slots, plan, 'anna', march)).toBe(960);
    expect(shiftMinutes(slots, plan, 'bram', march)).toBe(480);
    expect(shiftMinutes(slots, plan, 'anna', { from: '2027-03-01', to: '2027-03-07' })).toBe(960);
  });

  it('puts duties, proposals, absences and wishes in the cells of their days only', () => {
    const day = slot('day', '2027-03-02', { assignments: [{ id: 'a1', nurseId: 'anna', nurseName: 'Anna' }] });
    const open = slot('open', '2027-03-05');
    const cells = gridCells(
      [day, open],
      [proposal(open, 'bram'), proposal(day, 'cees', { replacesAssignmentId: 'a1', nurseName: 'Cees' })],
      [{ nurseId: 'bram', from: '2027-02-27', to: '2027-03-02', reason: 'sick' }],
      [
        { nurseId: 'anna', date: '2027-03-06' },
        { nurseId: 'anna', date: '2027-04-06' },
      ],
      { from: '2027-03-01', to: '2027-03-07' },
    );
    expect(cells.get('anna')?.get('2027-03-02')).toEqual([{ kind: 'duty', slot: day, assignmentId: 'a1', handedTo: 'Cees' }]);
    expect(cells.get('anna')?.get('2027-03-06')).toEqual([{ kind: 'wish' }]);
    expect([...(cells.get('anna')?.keys() ?? [])].sort()).toEqual(['2027-03-02', '2027-03-06']);
    expect(cells.get('cees')?.get('2027-03-02')).toEqual([expect.objectContaining({ kind: 'proposal', slotId: 'day', dutyType: 'shift' })]);
    // An absence from before the week is marked on its days inside it.
    expect([...(cells.get('bram')?.entries() ?? [])].map(([d, items]) => [d, items.map((i) => i.kind)]).sort()).toEqual([
      ['2027-03-01', ['absence']],
      ['2027-03-02', ['absence']],
      ['2027-03-05', ['proposal']],
    ]);
  });
});
