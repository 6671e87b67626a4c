import { addDays, placeLocal } from '../../common/local-time.js';
import type { Duty, DutyType } from '../../working-time/working-time-rules.js';
import { isWeekend, type PlannerInput, type PlannerNurse, type PlannerPosition } from './planner.js';

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

interface Pattern {
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
