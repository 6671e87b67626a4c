import { addDays, daysBetween, placeLocal } from '../../src/common/local-time.js';
import type { Duty, DutyType } from '../../src/working-time/working-time-rules.js';
import { isWeekend, type PlannerInput, type PlannerNurse, type PlannerPosition } from '../../src/roster-plans/planner/planner.js';

/**
 * Generated planner instances for the quality tests (against an exact MILP optimum) and the
 * benchmark: seeded, so every run sees the same instances.
 */

/** A small, fast, seeded generator (mulberry32), so every run sees the same instances. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Pattern {
  name: string;
  start: string;
  end: string;
  /** The end falls on the next local day. */
  nextDay: boolean;
  dutyType: DutyType;
}

export const PATTERNS: readonly Pattern[] = [
  { name: 'day', start: '07:00', end: '15:00', nextDay: false, dutyType: 'shift' },
  { name: 'evening', start: '15:00', end: '23:00', nextDay: false, dutyType: 'shift' },
  { name: 'night', start: '23:00', end: '07:00', nextDay: true, dutyType: 'shift' },
  { name: 'long-day', start: '07:00', end: '19:00', nextDay: false, dutyType: 'shift' },
  { name: 'office', start: '09:00', end: '13:00', nextDay: false, dutyType: 'shift' },
  { name: 'on-call', start: '08:00', end: '08:00', nextDay: true, dutyType: 'on-call' },
];

const ZONE = 'Europe/Amsterdam';

export function patternDuty(date: string, pattern: Pattern, zone = ZONE): Duty {
  return {
    startMs: placeLocal(date, pattern.start, zone),
    endMs: placeLocal(pattern.nextDay ? addDays(date, 1) : date, pattern.end, zone),
    dutyType: pattern.dutyType,
    localDate: date,
    zone,
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

export interface SmallInstanceOptions {
  nurses: number;
  days: number;
  /** Chance that a pattern runs on a day. */
  density: number;
}

/**
 * A small instance: a few nurses of two employers with mixed qualifications, contract hours,
 * absences, wishes and existing duties; one to two weeks of mixed patterns (days, evenings,
 * nights, long days, on-call blocks), some needing two nurses or a specialist. Periods include
 * the weeks of both clock changes.
 */
export function smallInstance(seed: number, options: SmallInstanceOptions): PlannerInput {
  const rand = seeded(seed);
  const from = pick(rand, ['2026-03-23', '2026-10-19', '2026-11-30', '2026-06-08', '2027-01-04']);
  const to = addDays(from, options.days - 1);
  const positions: PlannerPosition[] = [];
  let slot = 0;
  for (let d = 0; d < options.days; d++) {
    const date = addDays(from, d);
    for (const pattern of PATTERNS) {
      if (rand() >= options.density) continue;
      const duty = patternDuty(date, pattern);
      positions.push({
        slotId: `s${String(slot++).padStart(3, '0')}`,
        contractId: pattern.name === 'on-call' ? 'c-specialist' : 'c-care',
        function: pattern.name === 'on-call' ? 'specialist-nursing' : 'unplanned-night-care',
        localDate: date,
        startMs: duty.startMs,
        endMs: duty.endMs,
        dutyType: duty.dutyType,
        requiredQualifications: rand() < 0.25 ? ['wond'] : [],
        zone: ZONE,
        open: rand() < 0.2 ? 2 : 1,
        employerAgbs: rand() < 0.85 ? ['11111111'] : ['11111111', '22222222'],
      });
    }
  }
  const nurses: PlannerNurse[] = [];
  for (let n = 0; n < options.nurses; n++) {
    const duties: Duty[] = [];
    for (let k = 0; k < 2; k++) {
      if (rand() < 0.4) {
        const date = addDays(from, Math.floor(rand() * (options.days + 4)) - 3);
        const duty = patternDuty(date, pick(rand, PATTERNS));
        if (!duties.some((x) => x.startMs < duty.endMs && duty.startMs < x.endMs)) duties.push(duty);
      }
    }
    const absences = [];
    if (rand() < 0.25) {
      const start = addDays(from, Math.floor(rand() * options.days));
      absences.push({ fromDate: start, toDate: addDays(start, Math.floor(rand() * 3)), reason: 'leave' });
    }
    const wishes: string[] = [];
    for (let d = 0; d < options.days; d++) if (rand() < 0.12) wishes.push(addDays(from, d));
    nurses.push({
      id: `n${n}`,
      name: `Nurse ${n}`,
      employerAgb: rand() < 0.8 ? '11111111' : '22222222',
      qualifications: rand() < 0.5 ? ['wv', 'wond'] : ['wv'],
      contractMinutesPerWeek: pick(rand, [null, null, 1440, 1920, 2160, 960, 0]),
      duties,
      absences,
      wishes,
    });
  }
  return { from, to, positions, nurses };
}

/**
 * A region month at the benchmark's scale: four functions with their typical patterns, `staff`
 * nurses of a responsible party (a few absent for a while), about 350 open positions.
 */
export function regionMonth(seed: number, region = 'R', staff = 60): PlannerInput {
  const rand = seeded(seed);
  const from = '2026-12-01';
  const days = 31;
  const to = addDays(from, days - 1);
  const positions: PlannerPosition[] = [];
  const fns: { fn: string; patterns: string[]; open: number; qualifications: string[] }[] = [
    { fn: 'unplanned-night-care', patterns: ['night', 'evening'], open: 2, qualifications: [] },
    { fn: 'acute-screening', patterns: ['day', 'evening'], open: 2, qualifications: [] },
    { fn: 'specialist-nursing', patterns: ['on-call'], open: 2, qualifications: ['wond'] },
    { fn: 'care-coordination', patterns: ['office'], open: 2, qualifications: [] },
  ];
  let slot = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    for (const f of fns) {
      for (const name of f.patterns) {
        const pattern = PATTERNS.find((p) => p.name === name) as Pattern;
        if (name === 'office' && isWeekend(date)) continue;
        const duty = patternDuty(date, pattern);
        positions.push({
          slotId: `${region}-s${String(slot++).padStart(4, '0')}`,
          contractId: `${region}-${f.fn}`,
          function: f.fn,
          localDate: date,
          startMs: duty.startMs,
          endMs: duty.endMs,
          dutyType: duty.dutyType,
          requiredQualifications: f.qualifications,
          zone: ZONE,
          open: f.open,
          employerAgbs: ['11111111', '22222222'],
        });
      }
    }
  }
  const nurses: PlannerNurse[] = [];
  for (let n = 0; n < staff; n++) {
    const absences = [];
    if (rand() < 0.15) {
      const start = addDays(from, Math.floor(rand() * days));
      absences.push({ fromDate: start, toDate: addDays(start, 2 + Math.floor(rand() * 7)), reason: 'leave' });
    }
    const wishes: string[] = [];
    for (let d = 0; d < days; d++) if (rand() < 0.05) wishes.push(addDays(from, d));
    nurses.push({
      id: `${region}-n${String(n).padStart(2, '0')}`,
      name: `Nurse ${n}`,
      employerAgb: n % 3 === 0 ? '22222222' : '11111111',
      qualifications: rand() < 0.3 ? ['wv', 'wond'] : ['wv'],
      contractMinutesPerWeek: pick(rand, [null, 1440, 1920, 1200, 960]),
      duties: [],
      absences,
      wishes,
    });
  }
  return { from, to, positions, nurses };
}

const mondayOfDate = (date: string) => addDays(date, -(((daysBetween('2024-01-01', date) % 7) + 7) % 7));
/** Whether the week of the date is the first of its fixed two-week period (counted from 2024-01-01). */
const isFirstOfPair = (date: string) => Math.floor(daysBetween('2024-01-01', mondayOfDate(date)) / 7) % 2 === 0;

/** An open position of a pattern on a date (one slot, `open` nurses missing). */
export function positionOn(slotId: string, date: string, pattern: Pattern, extra: Partial<PlannerPosition> = {}): PlannerPosition {
  const duty = patternDuty(date, pattern);
  return {
    slotId,
    contractId: pattern.dutyType === 'on-call' ? 'c-specialist' : 'c-care',
    function: pattern.dutyType === 'on-call' ? 'specialist-nursing' : 'unplanned-night-care',
    localDate: date,
    startMs: duty.startMs,
    endMs: duty.endMs,
    dutyType: duty.dutyType,
    requiredQualifications: [],
    zone: ZONE,
    open: 1,
    employerAgbs: ['11111111'],
    ...extra,
  };
}

export const patternNamed = (name: string) => PATTERNS.find((p) => p.name === name) as Pattern;

export function nurseOf(id: string, extra: Partial<PlannerNurse> = {}): PlannerNurse {
  return {
    id,
    name: `Nurse ${id}`,
    employerAgb: '11111111',
    qualifications: ['wv'],
    contractMinutesPerWeek: null,
    duties: [],
    absences: [],
    wishes: [],
    ...extra,
  };
}

/** Sunday duties on `count` of the `weeks` Sundays before `from` (the latest first): a Sunday-rest history. */
function sundayHistory(rand: () => number, from: string, weeks: number, count: number): Duty[] {
  const lastSunday = addDays(mondayOfDate(from), -1);
  const sundays = Array.from({ length: weeks }, (_, k) => addDays(lastSunday, -7 * k));
  for (let i = sundays.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sundays[i], sundays[j]] = [sundays[j], sundays[i]];
  }
  return sundays.slice(0, count).map((date) => patternDuty(date, patternNamed('office')));
}

export type FocusTheme = 'weekly-rest' | 'nights' | 'sunday' | 'rests' | 'hours';

/**
 * Small instances (one or two nurses, one or two weeks) where one rule does the work, for checking
 * the row model against the enumeration: weekly rest (short office shifts and 24 h on-call blocks
 * every day, over a two-week period or across two), night series (a night every day, with nights
 * before the period), Sunday rest (a history of worked Sundays), the shortened rests (evenings
 * before early days) and contract hours with overtime. Periods include both clock changes.
 */
export function focusedInstance(seed: number, theme: FocusTheme): PlannerInput & { overtimePct: number } {
  const rand = seeded(seed);
  const from = pick(rand, ['2026-03-23', '2026-10-19', '2026-10-26', '2027-03-22', '2026-06-08', '2027-01-04', '2026-03-25']);
  const days = theme === 'sunday' ? 14 : theme === 'nights' ? 9 : 7;
  const to = addDays(from, days - 1);
  const positions: PlannerPosition[] = [];
  const add = (date: string, name: string, extra: Partial<PlannerPosition> = {}) =>
    positions.push(positionOn(`f${String(positions.length).padStart(3, '0')}`, date, patternNamed(name), extra));
  const nurses = [nurseOf('a'), ...(rand() < 0.4 ? [nurseOf('b', { contractMinutesPerWeek: pick(rand, [1440, 1920]) })] : [])];
  let overtimePct = pick(rand, [0, 10, 50]);
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    if (theme === 'weekly-rest') {
      // At most one duty a day, many of them 24 h blocks: few sets to enumerate, and rest is scarce.
      const r = rand();
      if (r < 0.25) add(date, 'on-call');
      else if (r < 0.8) add(date, 'office');
      else if (r < 0.95) add(date, 'evening');
    } else if (theme === 'nights') {
      add(date, 'night');
      if (rand() < 0.3) add(date, 'day');
    } else if (theme === 'sunday') {
      if (isWeekend(date) || rand() < 0.3) add(date, pick(rand, ['office', 'day', 'on-call']));
    } else if (theme === 'rests') {
      // Evenings before early days and nights before evenings: rests of 8 h, shortened.
      if (d % 3 === 0) add(date, rand() < 0.7 ? 'evening' : 'night');
      else if (d % 3 === 1) add(date, rand() < 0.5 ? 'day' : 'evening');
      else if (rand() < 0.7) add(date, 'day');
    } else {
      add(date, pick(rand, ['day', 'long-day', 'evening']));
      if (rand() < 0.5) add(date, 'office');
    }
  }
  const a = nurses[0];
  if (theme === 'nights' && rand() < 0.6) {
    // Nights just before the period: a run that the period's nights may continue.
    const count = 1 + Math.floor(rand() * 3);
    a.duties = Array.from({ length: count }, (_, k) => patternDuty(addDays(from, -count + k), patternNamed('night')));
  }
  if (theme === 'sunday') a.duties = sundayHistory(rand, from, 50, 38 + Math.floor(rand() * 2));
  if (theme === 'rests' && rand() < 0.5)
    a.duties = [patternDuty(addDays(from, -2), patternNamed('evening')), patternDuty(addDays(from, -1), patternNamed('day'))];
  if (theme === 'weekly-rest') {
    // Duties elsewhere in the other week of the period's two-week period, so its rests cannot carry this week.
    const mate = addDays(mondayOfDate(from), isFirstOfPair(from) ? 7 : -7);
    const elsewhere: Duty[] = [];
    for (let d = 0; d < 7; d++) if (rand() < 0.75) elsewhere.push(patternDuty(addDays(mate, d), patternNamed(rand() < 0.8 ? 'office' : 'evening')));
    a.duties = elsewhere;
  }
  if (theme === 'hours') {
    a.contractMinutesPerWeek = pick(rand, [960, 1440, 1920]);
    overtimePct = pick(rand, [0, 20, 50]);
  } else if (theme !== 'weekly-rest') overtimePct = 50;
  return { from, to, positions, nurses, overtimePct };
}

export interface QualityInstanceOptions {
  nurses: number;
  weeks: number;
  /** Shift hours asked for as a share of what the contracts (with the overtime) allow: below 1 usually fills. */
  demand: number;
}

/**
 * A region's fortnight or three weeks at the size an exact optimum still proves quickly: 6–10
 * nurses of a party (mixed contract hours, a few specialists, absences, wishes, duties elsewhere
 * before and in the period, now and then a history of worked Sundays) and each day's shifts (day,
 * evening, night, office hours, long days) drawn until the day holds its share of `demand`, plus a
 * 24 h on-call block that only the specialists may take. The specialists carry the blocks (three in
 * 7×24 h at most, and not working time), so their shifts come on the other days and weekly rest
 * binds; periods include both clock changes, and some start mid-week.
 */
export function qualityInstance(seed: number, options: QualityInstanceOptions): PlannerInput & { overtimePct: number } {
  const rand = seeded(seed);
  const from = pick(rand, ['2026-03-16', '2026-10-19', '2027-03-22', '2027-10-25', '2026-10-21', '2026-06-08', '2027-01-04']);
  const days = 7 * options.weeks;
  const to = addDays(from, days - 1);
  const overtimePct = pick(rand, [0, 0, 10, 25]);
  const nurses: PlannerNurse[] = [];
  for (let n = 0; n < options.nurses; n++) {
    const duties: Duty[] = [];
    // A duty elsewhere now and then: before the period (rests, a night run) or in it.
    for (let k = 0; k < 2; k++) {
      if (rand() < 0.3) {
        const date = addDays(from, Math.floor(rand() * (days + 3)) - 3);
        const duty = patternDuty(date, pick(rand, PATTERNS));
        if (!duties.some((x) => x.startMs < duty.endMs + 16 * 3_600_000 && duty.startMs < x.endMs + 16 * 3_600_000)) duties.push(duty);
      }
    }
    if (n === 1 && rand() < 0.5) duties.push(...sundayHistory(rand, from, 50, 37 + Math.floor(rand() * 2)));
    const absences = [];
    if (rand() < 0.2) {
      const start = addDays(from, Math.floor(rand() * days));
      absences.push({ fromDate: start, toDate: addDays(start, Math.floor(rand() * 4)), reason: 'leave' });
    }
    const wishes: string[] = [];
    for (let d = 0; d < days; d++) if (rand() < 0.08) wishes.push(addDays(from, d));
    nurses.push({
      id: `n${n}`,
      name: `Nurse ${n}`,
      employerAgb: '11111111',
      qualifications: n % 4 === 0 ? ['wv', 'wond'] : ['wv'],
      contractMinutesPerWeek: pick(rand, [null, 1440, 1920, 2160, 1200, 960]),
      duties: duties.sort((a, b) => a.startMs - b.startMs),
      absences,
      wishes,
    });
  }
  const capacityPerDay = (nurses.reduce((sum, n) => sum + (n.contractMinutesPerWeek ?? 2160), 0) / 7 / 60) * (1 + overtimePct / 100);
  const positions: PlannerPosition[] = [];
  const add = (date: string, name: string, extra: Partial<PlannerPosition> = {}) =>
    positions.push(positionOn(`q${String(positions.length).padStart(3, '0')}`, date, patternNamed(name), extra));
  const hoursOf: Record<string, number> = { day: 8, evening: 8, night: 8, office: 4, 'long-day': 12 };
  let carry = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    add(date, 'on-call', { requiredQualifications: ['wond'] });
    let left = options.demand * capacityPerDay + carry;
    const taken = new Map<string, number>();
    while (left > 2) {
      const name = pick(rand, isWeekend(date) ? ['day', 'evening', 'night', 'long-day'] : ['day', 'evening', 'night', 'office', 'long-day', 'day']);
      if ((taken.get(name) ?? 0) >= 2) {
        if ([...taken.values()].every((v) => v >= 2)) break;
        continue;
      }
      taken.set(name, (taken.get(name) ?? 0) + 1);
      left -= hoursOf[name];
    }
    carry = left;
    for (const [name, open] of taken) add(date, name, { open });
  }
  return { from, to, positions, nurses, overtimePct };
}

export interface RegionMonthOptions {
  staff: number;
  /** The month (YYYY-MM); October and March hold the clock changes. */
  month: string;
  /** Demand as a share of what the nurses' contracts allow (about 0.8 fills; above 1 cannot). */
  demand: number;
}

/**
 * A region month for comparing the planner with the MILP at scale: four functions with their
 * typical patterns (nights and evenings; acute day and evening shifts; specialist on-call blocks;
 * coordination office hours on weekdays), the number of nurses missing per slot scaled so that
 * the month's shift hours are `demand` times the nurses' contract hours, and `staff` nurses of a
 * consortium (mixed contract hours, a specialist third, absences, wishes).
 */
export function regionMonthOf(seed: number, options: RegionMonthOptions): PlannerInput & { overtimePct: number } {
  const rand = seeded(seed);
  const from = `${options.month}-01`;
  const [y, m] = options.month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const to = addDays(from, days - 1);
  const nurses: PlannerNurse[] = [];
  for (let n = 0; n < options.staff; n++) {
    const absences = [];
    if (rand() < 0.15) {
      const start = addDays(from, Math.floor(rand() * days));
      absences.push({ fromDate: start, toDate: addDays(start, 2 + Math.floor(rand() * 7)), reason: 'leave' });
    }
    const wishes: string[] = [];
    for (let d = 0; d < days; d++) if (rand() < 0.05) wishes.push(addDays(from, d));
    nurses.push({
      id: `n${String(n).padStart(2, '0')}`,
      name: `Nurse ${n}`,
      employerAgb: n % 3 === 0 ? '22222222' : '11111111',
      qualifications: n % 3 === 1 ? ['wv', 'wond'] : ['wv'],
      contractMinutesPerWeek: pick(rand, [null, 1440, 1920, 1200, 960]),
      duties: [],
      absences,
      wishes,
    });
  }
  const contractHours = (nurses.reduce((sum, n) => sum + (n.contractMinutesPerWeek ?? 2160), 0) / 60) * (days / 7);
  // Shift hours a day at one nurse per slot: night 8, evening 8 (twice), day 8, office 4 on weekdays.
  const perDay = 8 + 8 + 8 + 8 + (4 * 5) / 7;
  const missing = Math.max(1, (options.demand * contractHours) / (perDay * days));
  const fns: { fn: string; patterns: string[]; qualifications: string[] }[] = [
    { fn: 'unplanned-night-care', patterns: ['night', 'evening'], qualifications: [] },
    { fn: 'acute-screening', patterns: ['day', 'evening'], qualifications: [] },
    { fn: 'specialist-nursing', patterns: ['on-call'], qualifications: ['wond'] },
    { fn: 'care-coordination', patterns: ['office'], qualifications: [] },
  ];
  const positions: PlannerPosition[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    for (const f of fns) {
      for (const name of f.patterns) {
        if (name === 'office' && isWeekend(date)) continue;
        // Round the scaled number of nurses a slot misses up or down at random, so the month hits the demand on average.
        const open = name === 'on-call' ? Math.max(1, Math.round(missing / 2)) : Math.floor(missing) + (rand() < missing % 1 ? 1 : 0);
        if (open === 0) continue;
        positions.push(
          positionOn(`m${String(positions.length).padStart(4, '0')}`, date, patternNamed(name), {
            contractId: `c-${f.fn}`,
            function: f.fn,
            requiredQualifications: f.qualifications,
            open,
            employerAgbs: ['11111111', '22222222'],
          }),
        );
      }
    }
  }
  return { from, to, positions, nurses, overtimePct: 0 };
}
