import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { seedDemo } from '../src/demo/seed.js';
import { shareOf } from '../src/roster-plans/planner/objective.js';
import { sundayRestBreach, weeklyRestBreach } from '../src/working-time/week-rests.js';
import type { Duty } from '../src/working-time/working-time-rules.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The demo, planned under the law. It is seeded as `npm run demo` seeds it (through the HTTP API:
 * the planner proposes and the coordinator applies, from today to the end of next month), on a
 * service whose clock is fixed, then judged with the project's own rule functions:
 *
 * - no nurse has a calendar week without its rest (`weeklyRestBreach`: a week without its rest
 *   makes each of its duties a breach given the others) nor too few free Sundays;
 * - nobody is beyond her contract hours over a plan's period (shifts only; on-call blocks are not
 *   working time), exactly in integers;
 * - nurses who can take the same positions (the same employer, hence region, and the same
 *   qualifications) carry relative loads within 1.5 of each other, largest to smallest. Nurses
 *   with contract hours 0 are left out; a nurse who gets nothing counts with load 0, so she fails
 *   the ratio (a group of one has no ratio).
 *
 * Two starts: the first of March (the demo's own plan then covers exactly two months, the spring
 * clock change included), and a Wednesday late in October whose plan ends with November, followed
 * by December planned from the board: two months and more, the autumn clock change and a plan's
 * boundary included (the week rules see the duties of the plan before).
 *
 * `DEMO_FIGURES=1` prints the figures (bench/RESULTS.md, "Demo regions planned under the law").
 */
const ZONE = 'Europe/Amsterdam';

interface SlotRow {
  id: string;
  localDate: string;
  start: string;
  end: string;
  durationMinutes: number;
  dutyType: 'shift' | 'on-call';
  requiredNurses: number;
  assignments: Array<{ id: string; nurseId: string }>;
}
interface NurseRow {
  id: string;
  name: string;
  employerAgb: string;
  qualifications: string[];
  contractMinutesPerWeek: number | null;
}
interface PlanRow {
  id: string;
  regionCode: string;
  from: string;
  to: string;
  summary: { positionMinutes: number; coveredMinutesAfter: number; unfilled: number };
}

const daysIn = (from: string, to: string) => DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days + 1;

async function plannedDemo(now: DateTime, monthsMore: number) {
  const t: TestApp = await startTestApp();
  try {
    t.clock.set(now.toMillis());
    await new Promise<void>((r) => t.app.getHttpServer().listen(0, '127.0.0.1', r));
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const get = async <T>(path: string): Promise<T> => {
      const res = await t.http.get(path).set(bearer(ADMIN));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      return res.body as T;
    };
    const started = Date.now();
    const seed = await seedDemo(`http://127.0.0.1:${port}`, ADMIN, { now });
    const seedSeconds = (Date.now() - started) / 1000;
    const plans: PlanRow[] = [...seed.plans];
    // The following months, planned from the board as a coordinator would: propose, then apply.
    let to = seed.plans[0].to;
    for (let m = 0; m < monthsMore; m++) {
      const month = DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: 1 });
      const period = { from: month.toISODate() as string, to: month.endOf('month').toISODate() as string };
      for (const regionCode of seed.plans.map((p) => p.regionCode)) {
        const made = await t.http
          .post('/api/roster-plans')
          .set(bearer(ADMIN))
          .send({ regionCode, ...period });
        expect(made.status).toBe(201);
        expect((await t.http.post(`/api/roster-plans/${made.body.id}/apply`).set(bearer(ADMIN))).status).toBe(200);
        plans.push(made.body);
      }
      to = period.to;
    }
    const from = seed.plans[0].from;
    const nurses = await get<NurseRow[]>('/api/nurses');
    const slots: SlotRow[] = [];
    for (const code of seed.plans.map((p) => p.regionCode)) slots.push(...(await get<SlotRow[]>(`/api/slots?regionCode=${code}&from=${from}&to=${to}`)));
    return { seedSeconds, plans, nurses, slots, from, to };
  } finally {
    await t.close();
  }
}

function judge(planned: Awaited<ReturnType<typeof plannedDemo>>) {
  const { plans, nurses, slots, from, to } = planned;
  const name = new Map(nurses.map((n) => [n.id, n.name]));

  // Every nurse's duties, across regions, as the working-time rules read them.
  const duties = new Map<string, Duty[]>();
  for (const s of slots)
    for (const a of s.assignments) {
      const list = duties.get(a.nurseId) ?? [];
      list.push({ id: a.id, startMs: Date.parse(s.start), endMs: Date.parse(s.end), dutyType: s.dutyType, zone: ZONE, localDate: s.localDate, slotId: s.id });
      duties.set(a.nurseId, list);
    }
  const withoutRest: string[] = [];
  for (const [nurseId, list] of duties)
    for (const d of list) {
      const others = list.filter((o) => o !== d);
      const breach = weeklyRestBreach(d, others) ?? sundayRestBreach(d, others);
      if (breach) withoutRest.push(`${name.get(nurseId)} ${d.localDate}: ${breach.message}`);
    }

  // Contract hours over each plan's period: shifts whose local date lies in it.
  const minutesIn = (nurseId: string, a: string, b: string) =>
    slots
      .filter((s) => s.dutyType === 'shift' && s.localDate >= a && s.localDate <= b && s.assignments.some((x) => x.nurseId === nurseId))
      .reduce((sum, s) => sum + s.durationMinutes, 0);
  const beyond: string[] = [];
  for (const period of new Set(plans.map((p) => `${p.from}/${p.to}`))) {
    const [a, b] = period.split('/');
    for (const n of nurses) {
      const minutes = minutesIn(n.id, a, b);
      if (minutes * 7 > shareOf(n.contractMinutesPerWeek) * daysIn(a, b))
        beyond.push(`${n.name} ${period}: ${minutes} min on ${n.contractMinutesPerWeek} a week`);
    }
  }

  // The spread over the whole time planned.
  const days = daysIn(from, to);
  const load = (n: NurseRow) => minutesIn(n.id, from, to) / ((shareOf(n.contractMinutesPerWeek) * days) / 7);
  const groups = new Map<string, NurseRow[]>();
  for (const n of nurses) {
    if (n.contractMinutesPerWeek === 0) continue;
    const key = `${n.employerAgb} ${[...n.qualifications].sort().join('+')}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const ratios = [...groups]
    .filter(([, list]) => list.length > 1)
    .map(([group, list]) => {
      const loads = list.map(load);
      return { group, nurses: list.length, ratio: Math.min(...loads) === 0 ? Infinity : Math.max(...loads) / Math.min(...loads), loads };
    });
  return { withoutRest, beyond, ratios, load, days };
}

describe.each([
  ['the first of March: the demo plan covers two months and the spring clock change', '2027-03-01T09:30:00', 0],
  ['a Wednesday late in October, then December from the board: the autumn clock change and a plan boundary', '2027-10-27T09:30:00', 1],
])('the demo planned from %s', (_, start, monthsMore) => {
  let planned: Awaited<ReturnType<typeof plannedDemo>>;
  let verdict: ReturnType<typeof judge>;
  beforeAll(async () => {
    planned = await plannedDemo(DateTime.fromISO(start, { zone: ZONE }), monthsMore);
    verdict = judge(planned);
    if (process.env.DEMO_FIGURES)
      console.log(
        JSON.stringify(
          {
            start,
            period: `${planned.from}..${planned.to} (${verdict.days} days)`,
            seedSeconds: planned.seedSeconds,
            plans: planned.plans.map(
              (p) =>
                `${p.regionCode} ${p.from}..${p.to}: ${((100 * p.summary.coveredMinutesAfter) / p.summary.positionMinutes).toFixed(2)} % covered, ${p.summary.unfilled} open`,
            ),
            ratios: verdict.ratios.map((r) => `${r.group} (${r.nurses}): ${r.ratio.toFixed(3)} [${r.loads.map((l) => (100 * l).toFixed(1)).join(' ')}]`),
            loads: planned.nurses.map((n) => {
              const mine = planned.slots.filter((s) => s.assignments.some((a) => a.nurseId === n.id));
              const onCall = mine.filter((s) => s.dutyType === 'on-call').length;
              return `${n.name} ${n.contractMinutesPerWeek! / 60} h: ${(100 * verdict.load(n)).toFixed(1)} %, ${mine.length - onCall} shifts, ${onCall} on-call`;
            }),
          },
          null,
          1,
        ),
      );
  }, 600_000);

  it('gives no nurse a calendar week without its rest, nor too few free Sundays', () => {
    expect(planned.slots.some((s) => s.assignments.length > 0)).toBe(true);
    expect(verdict.withoutRest).toEqual([]);
  });

  it("takes nobody beyond her contract hours over any plan's period", () => {
    expect(verdict.beyond).toEqual([]);
  });

  it('keeps the relative loads of nurses with the same qualifications within 1.5, largest to smallest', () => {
    expect(verdict.ratios.length).toBeGreaterThanOrEqual(5);
    for (const r of verdict.ratios)
      expect({ group: r.group, ratio: r.ratio, within: r.ratio <= 1.5 }).toEqual({ group: r.group, ratio: r.ratio, within: true });
  });

  it('covers most positions of every plan', () => {
    for (const p of planned.plans)
      expect({ plan: `${p.regionCode} ${p.from}`, most: p.summary.coveredMinutesAfter >= 0.9 * p.summary.positionMinutes }).toEqual({
        plan: `${p.regionCode} ${p.from}`,
        most: true,
      });
  });
});
