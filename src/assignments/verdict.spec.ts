import { placeLocal } from '../common/local-time.js';
import { NurseTimeline } from '../working-time/timeline.js';
import type { Duty } from '../working-time/working-time-rules.js';
import { type AbsenceFacts, type AssignmentContext, judgeAssignment, type SlotFacts } from './verdict.js';

const AMS = 'Europe/Amsterdam';
const PROVIDER = '75000001';

/** The night of 1 to 2 June 2027, 23:00–07:00 in Amsterdam, one nurse required. */
function night(over: Partial<SlotFacts> = {}): SlotFacts {
  return {
    contractId: 'contract-1',
    localDate: '2027-06-01',
    startMs: placeLocal('2027-06-01', '23:00', AMS),
    endMs: placeLocal('2027-06-02', '07:00', AMS),
    dutyType: 'shift',
    requiredNurses: 1,
    assignedCount: 0,
    requiredQualifications: ['district-nurse'],
    zone: AMS,
    ...over,
  };
}

/** An existing duty of the nurse, from local "YYYY-MM-DD HH:mm" to local "YYYY-MM-DD HH:mm", loaded from an assignment. */
function existing(from: string, to: string, id = 'assignment-9'): Duty {
  const [fd, ft] = from.split(' ');
  const [td, tt] = to.split(' ');
  return {
    id,
    slotId: `slot-of-${id}`,
    regionCode: 'AMS',
    function: 'unplanned-night-care',
    startMs: placeLocal(fd, ft, AMS),
    endMs: placeLocal(td, tt, AMS),
    dutyType: 'shift',
    zone: AMS,
    localDate: fd,
  };
}

/** A qualified nurse of the responsible party, nothing else on her roster: the context in which she fits. */
function context(over: Partial<AssignmentContext> = {}): AssignmentContext {
  return {
    slot: night(),
    nurse: { id: 'nurse-1', employerAgb: PROVIDER, qualifications: ['district-nurse', 'wound-care'] },
    employerAgbs: [PROVIDER],
    closedMonths: new Set(),
    absences: [],
    timeline: new NurseTimeline(),
    ...over,
  };
}

const rules = (ctx: AssignmentContext) => {
  const verdict = judgeAssignment(ctx);
  return { conflicts: verdict.conflicts.map((v) => v.rule), violations: verdict.violations.map((v) => v.rule) };
};

describe('judgeAssignment', () => {
  it('a qualified nurse of the responsible party with a free roster may take an open night', () => {
    expect(judgeAssignment(context())).toEqual({ conflicts: [], violations: [] });
  });

  it('a slot that already has all its nurses is full (409), whoever is asked', () => {
    const verdict = judgeAssignment(context({ slot: night({ assignedCount: 1 }) }));
    expect(verdict.conflicts).toEqual([{ rule: 'slot-full', message: 'the slot already has its 1 nurse(s)' }]);
    expect(verdict.violations).toEqual([]);
  });

  it('a slot for two nurses with one on it still has a place', () => {
    expect(rules(context({ slot: night({ requiredNurses: 2, assignedCount: 1 }) }))).toEqual({ conflicts: [], violations: [] });
  });

  it("a swap hands the giver's place over, so a full slot is no conflict for the taker", () => {
    expect(rules(context({ slot: night({ assignedCount: 1 }), ignoreSlotFull: true }))).toEqual({ conflicts: [], violations: [] });
  });

  it("a night in a month closed by a final fee statement is refused (409 closed-month) by the month of the slot's local date", () => {
    const verdict = judgeAssignment(context({ closedMonths: new Set(['2027-06']) }));
    expect(verdict.conflicts).toEqual([{ rule: 'closed-month', message: 'the fee statement for 2027-06 is final; the month is closed' }]);
    // The night ends in June too, but a night starting on 31 May belongs to May.
    const mayNight = night({ localDate: '2027-05-31', startMs: placeLocal('2027-05-31', '23:00', AMS), endMs: placeLocal('2027-06-01', '07:00', AMS) });
    expect(rules(context({ slot: mayNight, closedMonths: new Set(['2027-06']) })).conflicts).toEqual([]);
  });

  it('a closed month and a full slot are both named', () => {
    expect(rules(context({ slot: night({ assignedCount: 1 }), closedMonths: new Set(['2027-06']) })).conflicts).toEqual(['closed-month', 'slot-full']);
  });

  it('another duty of the nurse at the same time is an overlap (409) that names that duty', () => {
    const evening = existing('2027-06-01 17:00', '2027-06-02 00:00');
    const verdict = judgeAssignment(context({ timeline: new NurseTimeline([evening]) }));
    expect(verdict.conflicts).toEqual([
      {
        rule: 'overlap',
        message: 'the nurse already has an assignment at that time',
        conflictsWith: {
          assignmentId: 'assignment-9',
          slotId: 'slot-of-assignment-9',
          regionCode: 'AMS',
          function: 'unplanned-night-care',
          dutyType: 'shift',
          start: '2027-06-01T17:00:00+02:00',
          end: '2027-06-02T00:00:00+02:00',
        },
      },
    ]);
  });

  it('a duty that ends exactly when the night starts does not overlap it', () => {
    const evening = existing('2027-06-01 15:00', '2027-06-01 23:00');
    expect(rules(context({ timeline: new NurseTimeline([evening]) })).conflicts).toEqual([]);
  });

  it('an overlapping duty that was not loaded from an assignment is named without conflictsWith', () => {
    const { id: _id, ...unnamed } = existing('2027-06-02 06:00', '2027-06-02 14:00');
    const verdict = judgeAssignment(context({ timeline: new NurseTimeline([unnamed]) }));
    expect(verdict.conflicts).toEqual([{ rule: 'overlap', message: 'the nurse already has an assignment at that time' }]);
  });

  it("an absence that includes the night's start date refuses it (422 absence) with the reason code", () => {
    const leave: AbsenceFacts = { fromDate: '2027-05-28', toDate: '2027-06-01', reason: 'leave' };
    const verdict = judgeAssignment(context({ absences: [leave] }));
    expect(verdict.violations).toEqual([{ rule: 'absence', message: 'the nurse is absent (leave) from 2027-05-28 to 2027-06-01' }]);
    expect(verdict.conflicts).toEqual([]);
  });

  it('an absence that starts on the morning the night ends does not refuse it: absences are judged by the start date', () => {
    expect(rules(context({ absences: [{ fromDate: '2027-06-02', toDate: '2027-06-05', reason: 'sick' }] })).violations).toEqual([]);
  });

  it('a nurse employed by a provider that is not the responsible party is refused (422 employer)', () => {
    const verdict = judgeAssignment(context({ employerAgbs: ['75000002', '75000003'] }));
    expect(verdict.violations).toEqual([{ rule: 'employer', message: "the nurse's employer 75000001 is not the responsible party of this contract" }]);
  });

  it("a consortium's member providers may all staff its slots", () => {
    expect(rules(context({ employerAgbs: ['75000002', PROVIDER] })).violations).toEqual([]);
  });

  it('a nurse without a required qualification is refused (422 qualification), naming each one she lacks', () => {
    const slot = night({ requiredQualifications: ['district-nurse', 'infusion-therapy', 'palliative-care'] });
    const verdict = judgeAssignment(context({ slot }));
    expect(verdict.violations).toEqual([{ rule: 'qualification', message: 'the nurse lacks infusion-therapy, palliative-care' }]);
  });

  it('a slot that asks no qualification fits any nurse of the party', () => {
    const nurse = { id: 'nurse-2', employerAgb: PROVIDER, qualifications: [] };
    expect(rules(context({ slot: night({ requiredQualifications: [] }), nurse })).violations).toEqual([]);
  });

  it('a night 9 h after a day shift breaks the daily rest (422) and names the day shift that causes it', () => {
    const day = existing('2027-06-01 06:00', '2027-06-01 14:00', 'assignment-day');
    // 14:00 → 23:00 leaves 9 h: a shortened rest (at least 8 h) is allowed once per 7×24 h, and the
    // 10 h rest of 29–30 May has used it.
    const earlier = [existing('2027-05-29 12:00', '2027-05-29 20:00', 'assignment-a'), existing('2027-05-30 06:00', '2027-05-30 14:00', 'assignment-b')];
    const verdict = judgeAssignment(context({ timeline: new NurseTimeline([day, ...earlier]) }));
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: 'daily-rest', conflictsWith: expect.objectContaining({ assignmentId: 'assignment-day' }) }),
    ]);
    expect(verdict.conflicts).toEqual([]);
  });

  it('a night longer than 10 h breaks max-night-shift-length, which no other duty causes', () => {
    const long = night({ startMs: placeLocal('2027-06-01', '21:00', AMS), endMs: placeLocal('2027-06-02', '08:00', AMS) });
    const verdict = judgeAssignment(context({ slot: long }));
    expect(verdict.violations).toEqual([{ rule: 'max-night-shift-length', message: expect.any(String) }]);
  });

  it('every broken rule is listed at once: absence, employer, qualification, then the working-time rules', () => {
    const nurse = { id: 'nurse-3', employerAgb: '75000009', qualifications: [] };
    const long = night({ startMs: placeLocal('2027-06-01', '21:00', AMS), endMs: placeLocal('2027-06-02', '08:00', AMS) });
    const verdict = rules(context({ slot: long, nurse, absences: [{ fromDate: '2027-06-01', toDate: '2027-06-01', reason: 'training' }] }));
    expect(verdict).toEqual({ conflicts: [], violations: ['absence', 'employer', 'qualification', 'max-night-shift-length'] });
  });

  it('conflicts (409) and violations (422) are judged together, so an answer can list both kinds', () => {
    const evening = existing('2027-06-01 20:00', '2027-06-02 02:00');
    const verdict = rules(context({ slot: night({ assignedCount: 1 }), timeline: new NurseTimeline([evening]), employerAgbs: ['75000002'] }));
    expect(verdict).toEqual({ conflicts: ['slot-full', 'overlap'], violations: ['employer'] });
  });

  it('duties far outside the working-time horizon are not consulted', () => {
    const longAgo = existing('2026-01-05 23:00', '2026-01-06 07:00');
    expect(rules(context({ timeline: new NurseTimeline([longAgo]) }))).toEqual({ conflicts: [], violations: [] });
  });

  it('judging changes nothing in the context: the same context gives the same verdict twice', () => {
    const timeline = new NurseTimeline([existing('2027-06-01 17:00', '2027-06-02 00:00')]);
    const ctx = context({ timeline, slot: night({ assignedCount: 1 }) });
    const first = judgeAssignment(ctx);
    expect(judgeAssignment(ctx)).toEqual(first);
    expect(timeline.size).toBe(1);
    expect(ctx.slot.assignedCount).toBe(1);
  });
});
