import { judgeAssignment } from '../../src/assignments/verdict.js';
import { addDays } from '../../src/common/local-time.js';
import type { PlannerPosition } from '../../src/roster-plans/planner/planner.js';
import { NurseTimeline } from '../../src/working-time/timeline.js';
import type { Duty } from '../../src/working-time/working-time-rules.js';
import { nurseOf, patternDuty, patternNamed, positionOn } from './instances.js';
import { pairMondayOf } from './law.js';
import { buildOracleModel, type OracleInput, type RowRule } from './milp-model.js';
import { solveOracle } from './oracle.js';

/**
 * The row model rule by rule: one nurse who could take every position of a small period, and the
 * most she may take as the rule allows it (and more without the rule, so the rows are what binds).
 */

const HOUR_MINUTES = 60;

function input(
  from: string,
  days: number,
  plan: [number, string][],
  extra: { duties?: Duty[]; contract?: number | null; overtimePct?: number } = {},
): OracleInput {
  const positions: PlannerPosition[] = plan.map(([d, name], i) => positionOn(`p${i}`, addDays(from, d), patternNamed(name)));
  return {
    from,
    to: addDays(from, days - 1),
    positions,
    nurses: [nurseOf('a', { duties: extra.duties ?? [], contractMinutesPerWeek: extra.contract === undefined ? 3600 : extra.contract })],
    overtimePct: extra.overtimePct ?? 50,
  };
}

const everyDay = (days: number, name: string): [number, string][] => Array.from({ length: days }, (_, d) => [d, name]);
const dutiesOn = (from: string, days: number, name: string): Duty[] =>
  Array.from({ length: days }, (_, d) => patternDuty(addDays(from, d), patternNamed(name)));

async function hours(i: OracleInput, omit: RowRule[] = []): Promise<number> {
  const solution = await solveOracle(i, { levels: ['coverage'], omit });
  expect(solution.levels.coverage?.proven).toBe(true);
  return solution.coveredMinutes / HOUR_MINUTES;
}

// The Monday opening a two-week period of weekly rest (counted from Monday 1 January 2024).
const PAIR = pairMondayOf('2026-06-08');

describe('the MILP model of a plan, rule by rule', () => {
  it('keeps a free stretch of 36 h in each week: office hours every day of a two-week period leave one day off a week', async () => {
    const i = input(PAIR, 14, everyDay(14, 'office'));
    expect(await hours(i)).toBe(12 * 4);
    expect(await hours(i, ['weekly-rest'])).toBe(14 * 4);
  });

  it('lets a week be worked every day when the other week of its period rests long enough (72 h in rests of 32 h or more)', async () => {
    expect(await hours(input(PAIR, 7, everyDay(7, 'office')))).toBe(7 * 4);
    expect(await hours(input(addDays(PAIR, 7), 7, everyDay(7, 'office')))).toBe(7 * 4);
  });

  it('does not when duties elsewhere fill the other week, and a week may not take the rest its partner relied on', async () => {
    // The first week works every day elsewhere and passes only on the second week's rest: the
    // proposals must leave the period 72 h of rests of 32 h or more, which five days of office hours do.
    expect(await hours(input(addDays(PAIR, 7), 7, everyDay(7, 'office'), { duties: dutiesOn(PAIR, 7, 'office') }))).toBe(5 * 4);
  });

  it('gives a week already without its rest on existing duties no further duty of its own, as the verdict refuses it', async () => {
    // The first week of a period: rests of 32 h twice and nothing longer; the second week: office hours every day.
    const at = (d: number, name: string) => patternDuty(addDays(PAIR, d), patternNamed(name));
    const duties = [at(0, 'evening'), at(2, 'day'), at(3, 'evening'), at(5, 'day'), at(6, 'office'), ...dutiesOn(addDays(PAIR, 7), 7, 'office')];
    // Tuesday's office hours would break no other rule (one shortened daily rest after Monday's evening).
    const i = input(PAIR, 7, [[1, 'office']], { duties });
    expect(await hours(i)).toBe(0);
    expect(await hours(i, ['weekly-rest'])).toBe(4);
    const p = i.positions[0];
    const verdict = judgeAssignment({
      slot: { ...p, requiredNurses: 1, assignedCount: 0 },
      nurse: i.nurses[0],
      employerAgbs: p.employerAgbs,
      closedMonths: new Set(),
      absences: [],
      timeline: new NurseTimeline(duties),
    });
    expect(verdict.violations.map((v) => v.rule)).toEqual(['weekly-rest']);
  });

  it('keeps 13 of any 52 Sundays free: no new Sunday after 39 worked ones, one after 38', async () => {
    const from = '2026-06-08';
    const history = (count: number) => Array.from({ length: count }, (_, k) => patternDuty(addDays(from, -1 - 7 * k), patternNamed('office')));
    const sundays: [number, string][] = [
      [6, 'day'],
      [13, 'day'],
    ];
    expect(await hours(input(from, 14, sundays, { duties: history(39) }))).toBe(0);
    expect(await hours(input(from, 14, sundays, { duties: history(38) }))).toBe(8);
    expect(await hours(input(from, 14, sundays, { duties: history(39) }), ['sunday-rest'])).toBe(16);
    // Already 40 worked Sundays: a window beyond the limit on existing duties takes no new Sunday either.
    expect(await hours(input(from, 14, sundays, { duties: history(40) }))).toBe(0);
  });

  it('takes at most four of five proposed nights in a row: without the fourth, the fifth would follow a series of three by 40 h', async () => {
    const i = input('2026-06-08', 5, everyDay(5, 'night'));
    expect(await hours(i)).toBe(4 * 8);
    expect(await hours(i, ['rest-after-night-series'])).toBe(5 * 8);
  });

  it('keeps 46 h after a series of three existing nights before the period', async () => {
    const from = '2026-06-08';
    const duties = dutiesOn(addDays(from, -3), 3, 'night');
    // The last existing night ends Monday 07:00: Tuesday's day shift starts 24 h later, Wednesday's office hours 50 h.
    const i = input(
      from,
      4,
      [
        [1, 'day'],
        [2, 'office'],
        [3, 'day'],
      ],
      { duties },
    );
    expect(await hours(i)).toBe(4 + 8);
    expect(await hours(i, ['rest-after-night-series'])).toBe(8 + 4 + 8);
  });

  it('shortens a daily rest to 8 h once per 7×24 h, and a rest after a night once more on its own allowance', async () => {
    // Evening then early day twice: two shortened daily rests within a week.
    const evenings = input('2026-06-08', 4, [
      [0, 'evening'],
      [1, 'day'],
      [2, 'evening'],
      [3, 'day'],
    ]);
    expect(await hours(evenings)).toBe(3 * 8);
    expect(await hours(evenings, ['daily-rest'])).toBe(4 * 8);
    // A night then an evening (8 h after a night ending after 02:00) and an evening then a day: one of each rule.
    const both = input('2026-06-08', 5, [
      [0, 'night'],
      [1, 'evening'],
      [3, 'evening'],
      [4, 'day'],
    ]);
    expect(await hours(both)).toBe(4 * 8);
  });

  it('keeps a plan within contract hours plus the overtime asked for', async () => {
    const days: [number, string][] = everyDay(7, 'day');
    expect(await hours(input('2026-06-08', 7, days, { contract: 1440, overtimePct: 0 }))).toBe(3 * 8);
    expect(await hours(input('2026-06-08', 7, days, { contract: 1440, overtimePct: 50 }))).toBe(4 * 8);
    expect(await hours(input('2026-06-08', 7, days, { contract: 0, overtimePct: 50 }))).toBe(0);
  });

  it('keeps 60 h of shifts in any 7×24 h: five long days of a week', async () => {
    const i = input('2026-06-08', 7, everyDay(7, 'long-day'));
    expect(await hours(i)).toBe(5 * 12);
    expect(await hours(i, ['max-week-hours'])).toBe(7 * 12);
  });

  it('takes at most three on-call blocks in 7×24 h, and none next to a night', async () => {
    expect(await hours(input('2026-06-08', 7, everyDay(7, 'on-call')))).toBe(3 * 24);
    const near = input('2026-06-08', 2, [
      [0, 'night'],
      [1, 'on-call'],
    ]);
    expect(await hours(near)).toBe(24);
    expect(await hours(near, ['on-call-near-night'])).toBe(24 + 8);
  });

  it('refuses a proposal that takes part in a breach among existing duties, as the verdict does', async () => {
    // 68 h of shifts already lie in the 7×24 h from Monday 07:00; Sunday's office hours fall in that
    // window too, though every window that leaves Monday's long day out holds at most 60 h with them.
    const monday = '2026-06-08';
    const duties = [...dutiesOn(monday, 5, 'long-day'), patternDuty(addDays(monday, 5), patternNamed('evening'))];
    const i = input(addDays(monday, 6), 1, [[0, 'office']], { duties });
    expect(await hours(i)).toBe(0);
    const p = i.positions[0];
    const verdict = judgeAssignment({
      slot: { ...p, requiredNurses: 1, assignedCount: 0 },
      nurse: i.nurses[0],
      employerAgbs: p.employerAgbs,
      closedMonths: new Set(),
      absences: [],
      timeline: new NurseTimeline(duties),
    });
    expect(verdict.violations.map((v) => v.rule)).toEqual(['max-week-hours']);
  });

  it('has a binary for an eligible pair only: employer, qualification, absence and existing duties', () => {
    const from = '2026-06-08';
    const i = input(from, 3, everyDay(3, 'day'));
    i.positions = [{ ...i.positions[0], employerAgbs: ['99999999'] }, { ...i.positions[1], requiredQualifications: ['wond'] }, i.positions[2]];
    i.nurses = [
      { ...i.nurses[0], absences: [{ fromDate: addDays(from, 2), toDate: addDays(from, 2), reason: 'leave' }] },
      nurseOf('b', { duties: [patternDuty(addDays(from, 2), patternNamed('day'))] }),
      nurseOf('c'),
    ];
    const model = buildOracleModel(i);
    expect(model.assignments.map((a) => `${i.nurses[a.nurse].id}:${i.positions[a.position].slotId}`)).toEqual(['c:p2']);
  });
});
