import { judgeAssignment } from '../../assignments/verdict.js';
import { NurseTimeline } from '../../working-time/timeline.js';
import type { Duty } from '../../working-time/working-time-rules.js';
import { patternDuty, PATTERNS, regionMonth, smallInstance } from './instances.js';
import { addDays } from '../../common/local-time.js';
import { type Plan, type PlannerInput, type PlannerNurse, type PlannerPosition, planRoster } from './planner.js';

const ZONE = 'Europe/Amsterdam';
const pattern = (name: string) => PATTERNS.find((p) => p.name === name)!;

function position(id: string, date: string, name: string, extra: Partial<PlannerPosition> = {}): PlannerPosition {
  const d = patternDuty(date, pattern(name));
  return {
    slotId: id,
    contractId: 'c1',
    function: 'unplanned-night-care',
    localDate: date,
    startMs: d.startMs,
    endMs: d.endMs,
    dutyType: d.dutyType,
    requiredQualifications: [],
    zone: ZONE,
    open: 1,
    employerAgbs: ['11111111'],
    ...extra,
  };
}

function nurse(id: string, extra: Partial<PlannerNurse> = {}): PlannerNurse {
  return { id, name: id, employerAgb: '11111111', qualifications: ['wv'], contractMinutesPerWeek: null, duties: [], absences: [], wishes: [], ...extra };
}

/** Applies the proposals one by one in the given order, each judged by the assignment rules against the rest. */
function applyInOrder(input: PlannerInput, plan: Plan, order: number[]): string[] {
  const failures: string[] = [];
  const timelines = new Map(input.nurses.map((n) => [n.id, new NurseTimeline(n.duties)]));
  const taken = new Map<string, number>();
  for (const i of order) {
    const p = plan.proposals[i];
    const pos = input.positions.find((x) => x.slotId === p.slotId)!;
    const n = input.nurses.find((x) => x.id === p.nurseId)!;
    const timeline = timelines.get(n.id)!;
    const v = judgeAssignment({
      slot: { ...pos, requiredNurses: pos.open, assignedCount: taken.get(pos.slotId) ?? 0 },
      nurse: n,
      employerAgbs: pos.employerAgbs,
      closedMonths: new Set(),
      absences: n.absences,
      timeline,
    });
    if (v.conflicts.length || v.violations.length) failures.push(`${p.slotId}/${p.nurseId}: ${[...v.conflicts, ...v.violations].map((x) => x.rule).join(',')}`);
    const duty: Duty = { startMs: pos.startMs, endMs: pos.endMs, dutyType: pos.dutyType, localDate: pos.localDate, zone: pos.zone };
    timeline.add(duty);
    taken.set(pos.slotId, (taken.get(pos.slotId) ?? 0) + 1);
  }
  return failures;
}

function shuffled(n: number, seed: number): number[] {
  const order = [...Array(n).keys()];
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

describe('planRoster', () => {
  it('fills what it can and explains the rest, rule by rule', () => {
    // A week's plan: a full-time nurse may then work 36 hours in it.
    const input: PlannerInput = {
      from: '2026-12-07',
      to: '2026-12-13',
      positions: [position('s1', '2026-12-07', 'day', { open: 2 }), position('s2', '2026-12-07', 'evening', { requiredQualifications: ['wond'] })],
      nurses: [
        nurse('a'),
        nurse('b', { absences: [{ fromDate: '2026-12-07', toDate: '2026-12-07', reason: 'sick' }] }),
        nurse('c', { employerAgb: '99999999' }),
      ],
    };
    const plan = planRoster(input);
    expect(plan.proposals).toEqual([{ slotId: 's1', nurseId: 'a' }]);
    expect(plan.unfilled).toEqual([
      {
        slotId: 's1',
        missing: 1,
        reasons: [
          { rule: 'absence', nurses: 1 },
          { rule: 'overlap', nurses: 1 },
        ],
      },
      // a works the day shift until 15:00 (no rest before 15:00), b is absent, neither does wound care.
      {
        slotId: 's2',
        missing: 1,
        reasons: [
          { rule: 'qualification', nurses: 2 },
          { rule: 'absence', nurses: 1 },
          { rule: 'daily-rest', nurses: 1 },
        ],
      },
    ]);
    expect(plan.openPositions).toBe(3);
    expect(plan.proposedMinutes).toBe(480);
  });

  it('says no-candidates when the responsible party employs nobody', () => {
    const plan = planRoster({
      from: '2026-12-07',
      to: '2026-12-07',
      positions: [position('s1', '2026-12-07', 'day', { employerAgbs: ['33333333'] })],
      nurses: [nurse('a')],
    });
    expect(plan.unfilled).toEqual([{ slotId: 's1', missing: 1, reasons: [{ rule: 'no-candidates', nurses: 0 }] }]);
  });

  it('gives nothing to a nurse with 0 contract hours and says so', () => {
    const plan = planRoster({
      from: '2026-12-07',
      to: '2026-12-07',
      positions: [position('s1', '2026-12-07', 'day')],
      nurses: [nurse('a', { contractMinutesPerWeek: 0 })],
    });
    expect(plan.proposals).toEqual([]);
    expect(plan.unfilled[0].reasons).toEqual([{ rule: 'contract-hours', nurses: 1 }]);
  });

  it('never makes two proposals that are lawful alone but not together', () => {
    // She already had a shortened rest (evening then day) this week; an evening then a day again
    // would be a second one within 7×24 h. Either alone is lawful; both are not.
    const existing = [patternDuty('2026-12-05', pattern('evening')), patternDuty('2026-12-06', pattern('day'))];
    const input: PlannerInput = {
      from: '2026-12-07',
      to: '2026-12-08',
      positions: [position('evening', '2026-12-07', 'evening'), position('day', '2026-12-08', 'day')],
      nurses: [nurse('a', { duties: existing })],
    };
    const plan = planRoster(input);
    expect(plan.proposals).toHaveLength(1);
    expect(applyInOrder(input, plan, [0])).toEqual([]);
    expect(plan.unfilled[0].reasons).toEqual([{ rule: 'daily-rest', nurses: 1 }]);
  });

  it('makes no run of 5 nights, whose every order of application would not pass', () => {
    const dates = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
    const input: PlannerInput = { from: dates[0], to: '2026-12-13', positions: dates.map((d, i) => position(`n${i}`, d, 'night')), nurses: [nurse('a')] };
    const plan = planRoster(input);
    expect(plan.proposals).toHaveLength(4);
    expect(plan.unfilled[0].reasons).toEqual([{ rule: 'rest-after-night-series', nurses: 1 }]);
  });

  it('beats a first-come order: the only specialist keeps herself for the position only she can take', () => {
    const input: PlannerInput = {
      from: '2026-12-07',
      to: '2026-12-13',
      positions: [position('early', '2026-12-07', 'day'), position('wound', '2026-12-07', 'long-day', { requiredQualifications: ['wond'] })],
      nurses: [
        nurse('a', { qualifications: ['wv', 'wond'] }),
        nurse('b', { contractMinutesPerWeek: 0 }),
        nurse('c', { absences: [{ fromDate: '2026-12-07', toDate: '2026-12-07', reason: 'leave' }] }),
      ],
    };
    const plan = planRoster(input);
    expect(plan.proposals).toEqual([{ slotId: 'wound', nurseId: 'a' }]);
  });

  it('moves a placement along a chain to make room (an ejection chain)', () => {
    // Greedy by load gives "day" to a (the less loaded); only a can take "wound" later the same day... chain moves "day" to b.
    const input: PlannerInput = {
      from: '2026-12-07',
      to: '2026-12-13',
      positions: [position('day', '2026-12-07', 'day'), position('wound', '2026-12-07', 'office', { requiredQualifications: ['wond'] })],
      nurses: [nurse('a', { qualifications: ['wv', 'wond'], contractMinutesPerWeek: 2160 }), nurse('b', { contractMinutesPerWeek: 960 })],
    };
    const plan = planRoster(input);
    expect(plan.proposals).toHaveLength(2);
    expect(plan.proposals).toEqual(
      expect.arrayContaining([
        { slotId: 'wound', nurseId: 'a' },
        { slotId: 'day', nurseId: 'b' },
      ]),
    );
  });

  it('spreads the load by contract hours', () => {
    const positions = [0, 1, 2, 3, 4, 5].map((d) => position(`s${d}`, `2026-12-0${d + 1}`, 'day'));
    const plan = planRoster({
      from: '2026-12-01',
      to: '2026-12-14',
      positions,
      nurses: [nurse('full', { contractMinutesPerWeek: 2160 }), nurse('half', { contractMinutesPerWeek: 1080 })],
    });
    const byNurse = Object.fromEntries(plan.nurses.map((n) => [n.nurseId, n.minutesProposed]));
    expect(byNurse).toEqual({ full: 4 * 480, half: 2 * 480 });
  });

  it('honours a wish when it costs nothing else', () => {
    const plan = planRoster({
      from: '2026-12-07',
      to: '2026-12-13',
      positions: [position('mon', '2026-12-07', 'day'), position('tue', '2026-12-08', 'day')],
      nurses: [nurse('a', { wishes: ['2026-12-07'] }), nurse('b', { wishes: ['2026-12-08'] })],
    });
    expect(plan.proposals).toEqual(
      expect.arrayContaining([
        { slotId: 'mon', nurseId: 'b' },
        { slotId: 'tue', nurseId: 'a' },
      ]),
    );
    expect(plan).toMatchObject({ wishesHonoured: 2, wishesOverridden: 0 });
  });

  it('is deterministic and lawful as a whole in any order of application (generated instances)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const input = smallInstance(seed, { nurses: 4, days: 7, density: 0.4 });
      const plan = planRoster(input);
      expect(planRoster(input)).toEqual(plan);
      for (const order of [shuffled(plan.proposals.length, seed), shuffled(plan.proposals.length, seed + 99)]) {
        expect(applyInOrder(input, plan, order)).toEqual([]);
      }
    }
  });

  it('keeps a region month lawful as a whole', () => {
    const input = regionMonth(7);
    const plan = planRoster(input);
    expect(plan.proposals.length).toBeGreaterThan(0.8 * plan.openPositions);
    expect(applyInOrder(input, plan, shuffled(plan.proposals.length, 3))).toEqual([]);
  });

  it('never plans a nurse beyond her contract hours over the period, and says contract-hours for what is left', () => {
    // Seven day shifts in a week; a 24-hour contract is 1,440 minutes: three shifts of 480.
    const positions = [1, 2, 3, 4, 5, 6, 7].map((d) => position(`d${d}`, `2026-12-0${d}`, 'day'));
    const plan = planRoster({ from: '2026-12-01', to: '2026-12-07', positions, nurses: [nurse('a', { contractMinutesPerWeek: 1440 })] });
    expect(plan.proposals).toHaveLength(3);
    expect(plan.unfilled.every((u) => u.reasons.some((r) => r.rule === 'contract-hours'))).toBe(true);
    expect(plan.nurses[0]).toMatchObject({ minutesProposed: 1440, overtimeMinutes: 0 });
  });

  it('plans up to the overtime asked for, and names it', () => {
    const positions = [1, 2, 3, 4, 5, 6, 7].map((d) => position(`d${d}`, `2026-12-0${d}`, 'day'));
    // 1,440 × 1.5 = 2,160: a fourth shift (1,920) fits, a fifth (2,400) does not.
    const plan = planRoster({ from: '2026-12-01', to: '2026-12-07', overtimePct: 50, positions, nurses: [nurse('a', { contractMinutesPerWeek: 1440 })] });
    expect(plan.proposals).toHaveLength(4);
    expect(plan.nurses[0]).toMatchObject({ minutesProposed: 1920, overtimeMinutes: 480 });
  });

  it('evens the loads below the largest too (leximax): the second nurse is not left with more than she needs', () => {
    // Three full-timers; nurse a already has two shifts. Three more day shifts go to b and c before a.
    const existing = [patternDuty('2026-12-01', pattern('day')), patternDuty('2026-12-02', pattern('day'))];
    const positions = ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((d, i) => position(`s${i}`, d, 'day'));
    const plan = planRoster({ from: '2026-12-01', to: '2026-12-14', positions, nurses: [nurse('a', { duties: existing }), nurse('b'), nurse('c')] });
    const load = Object.fromEntries(plan.nurses.map((n) => [n.nurseId, n.minutesBefore + n.minutesProposed]));
    expect(load).toEqual({ a: 960, b: 960, c: 960 });
  });

  it('spreads nights evenly when the loads are equal', () => {
    // Four nights and four days in a fortnight for two nurses: two of each, not four nights for one.
    const dates = ['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07'];
    const positions = [...dates.map((d, i) => position(`n${i}`, d, 'night')), ...dates.map((d, i) => position(`d${i}`, addDays(d, 1), 'day'))];
    const plan = planRoster({ from: '2026-12-01', to: '2026-12-14', positions, nurses: [nurse('a'), nurse('b')] });
    expect(plan.proposals).toHaveLength(8);
    expect(plan.nurses.map((n) => n.nightsProposed)).toEqual([2, 2]);
  });

  it('on-call blocks are no working time: they count toward no load but are spread of their own', () => {
    const blocks = ['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07'].map((d, i) => position(`o${i}`, d, 'on-call'));
    const plan = planRoster({ from: '2026-12-01', to: '2026-12-14', positions: blocks, nurses: [nurse('a', { contractMinutesPerWeek: 960 }), nurse('b')] });
    expect(plan.proposals).toHaveLength(4);
    expect(plan.nurses.map((n) => [n.minutesProposed, n.onCallBlocksProposed])).toEqual([
      [0, 2],
      [0, 2],
    ]);
  });

  it('records of one person share one set of rules: a plan never gives both a duty that clashes', () => {
    // The same person employed twice: a night for one record and the next morning for the other breaks her rest.
    const positions = [position('night', '2026-12-07', 'night'), position('morning', '2026-12-08', 'day')];
    const plan = planRoster({
      from: '2026-12-07',
      to: '2026-12-13',
      positions,
      nurses: [nurse('a1', { personKey: '123456789' }), nurse('a2', { personKey: '123456789' })],
    });
    expect(plan.proposals).toHaveLength(1);
  });

  describe('repair plans', () => {
    // A day shift on the 8th is open (its nurse reported sick). b holds the night before it, so she
    // cannot work that day; c is on leave that day but free for the night. Handing b's night to c
    // lets b take the day.
    const night = position('night', '2026-12-07', 'night', { open: 0 });
    const day = position('day', '2026-12-08', 'day');
    const bNight = { ...patternDuty('2026-12-07', pattern('night')), id: 'asg-b-night' };
    const input = (): PlannerInput => ({
      from: '2026-12-07',
      to: '2026-12-13',
      repair: true,
      movable: [{ assignmentId: 'asg-b-night', slotId: 'night', nurseId: 'b' }],
      positions: [night, day],
      nurses: [nurse('b', { duties: [bNight] }), nurse('c', { absences: [{ fromDate: '2026-12-08', toDate: '2026-12-08', reason: 'leave' }] })],
    });

    it('hands an existing assignment to another nurse when that covers an open position', () => {
      const plan = planRoster(input());
      expect(plan.proposals).toEqual(
        expect.arrayContaining([
          { slotId: 'night', nurseId: 'c', replacesAssignmentId: 'asg-b-night' },
          { slotId: 'day', nurseId: 'b' },
        ]),
      );
      expect(plan.changedAssignments).toBe(1);
      expect(plan.unfilled).toEqual([]);
    });

    it('changes nothing that does not add coverage', () => {
      const plan = planRoster({ ...input(), positions: [night] });
      expect(plan.proposals).toEqual([]);
      expect(plan.changedAssignments).toBe(0);
    });

    it('a plan that is no repair plan never moves an existing assignment', () => {
      const plan = planRoster({ ...input(), repair: false });
      expect(plan.proposals).toEqual([]);
      expect(plan.unfilled).toEqual([expect.objectContaining({ slotId: 'day' })]);
    });
  });
});
