import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../ormconfig.js';
import { newId } from '../src/common/ids.js';
import { AssignmentEntity } from '../src/assignments/assignment.entity.js';
import { nationalDataset, YEAR, type Dataset } from './dataset.js';
import { scratchDatabase } from './scratch.js';
import { plannerFigures, plannerSection } from './planner.js';
import type { LoopDelay } from './loop-probe.js';
import { ProductionService } from './service.js';
import { planStaffing, type StaffableSlot, type StaffNurse } from './staffing.js';

/**
 * `npm run bench`: builds the national dataset through the service's own API on a production
 * build, measures the figures the benchmark issue asks for, and writes bench/RESULTS.md.
 * `--smoke` runs a tiny version in seconds (CI). `DATABASE_URL=postgres://…` benchmarks
 * PostgreSQL instead of SQLite (a fresh database is created on that server per run).
 * `--scales=1` or `BENCH_SCALES=1` limits the dataset scales (default 1,4,16; the first one is the
 * national run with every figure, the others only feed the growth table).
 */
const argv = process.argv.slice(2);
const args = new Set(argv);
const SMOKE = args.has('--smoke');
const scalesArg = argv.find((a) => a.startsWith('--scales='))?.slice('--scales='.length) ?? process.env.BENCH_SCALES;
const SCALES = scalesArg ? parseScales(scalesArg) : SMOKE ? [0.1] : [1, 4, 16];
function parseScales(text: string): number[] {
  const scales = text.split(',').map((x) => Number(x.trim().replace(/[x×]$/, '')));
  if (scales.length === 0 || scales.some((x) => !Number.isFinite(x) || x <= 0))
    throw new Error(`scales must be positive numbers separated by commas, got "${text}"`);
  return scales;
}
const REPEATS = SMOKE ? 1 : 3;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS) || (SMOKE ? 1 : 8);
const SAMPLES = SMOKE ? 20 : 300;
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;
const SERVER_URL = process.env.DATABASE_URL;
const GENERATION_CLIENTS = 4;
/** The steady (not saturated) on-call load: requests at a fixed rate, evenly spaced. */
const STEADY_RATE = 200;
const LOAD_AT_START = loadavg()[0];

interface Stats {
  median: number;
  min: number;
  max: number;
}
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1] };
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x: number, d = 1) => x.toFixed(d);

const freshDatabase = () => scratchDatabase(SERVER_URL);

export interface Loaded {
  contracts: Array<{ id: string; regionCode: string; function: string; employers: string[] }>;
  templateCount: number;
  slotCount: number;
  slotGenerationMs: number;
}

/** Reference data, contracts and templates through the API; the template POSTs are timed. */
export async function load(svc: ProductionService, data: Dataset): Promise<Loaded> {
  for (const i of data.insurers) await svc.must('POST', '/api/insurers', i);
  for (const p of data.providers) await svc.must('POST', '/api/providers', p);
  const consortiumIds: string[] = [];
  for (const c of data.consortia) consortiumIds.push((await svc.must('POST', '/api/consortia', c)).id);
  for (const r of data.regions)
    await svc.must('POST', '/api/regions', { code: r.code, name: r.name, population: r.population, preferredInsurerUzovi: r.insurerUzovi });
  for (let i = 0; i < data.nurses.length; i += 1) await svc.must('POST', '/api/nurses', data.nurses[i]);
  const contracts: Loaded['contracts'] = [];
  const pending: Array<{ contractId: string; template: object }> = [];
  for (const r of data.regions) {
    for (const c of r.contracts) {
      const party = c.party.type === 'provider' ? c.party : { type: 'consortium', consortiumId: consortiumIds[c.party.consortiumIndex] };
      const created = await svc.must('POST', '/api/contracts', {
        regionCode: r.code,
        insurerUzovi: r.insurerUzovi,
        function: c.function,
        responsibleParty: party,
        ...YEAR,
        fee: c.fee,
        sla: { minCoveragePct: 95, deductionPerUncoveredHourCents: 5000 },
      });
      const employers =
        c.party.type === 'provider' ? [c.party.agb] : [data.consortia[c.party.consortiumIndex].leadAgb, ...data.consortia[c.party.consortiumIndex].memberAgbs];
      contracts.push({ id: created.id, regionCode: r.code, function: c.function, employers });
      for (const t of c.templates) pending.push({ contractId: created.id, template: t });
    }
  }
  // Coordinators of different regions lay down their templates at the same time: four clients.
  let slotCount = 0;
  let nextTemplate = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: GENERATION_CLIENTS }, async () => {
      while (nextTemplate < pending.length) {
        const p = pending[nextTemplate++];
        const created = await svc.must('POST', `/api/contracts/${p.contractId}/templates`, p.template);
        slotCount += created.slotCount;
      }
    }),
  );
  const slotGenerationMs = performance.now() - t0;
  return { contracts, templateCount: pending.length, slotCount, slotGenerationMs };
}

/** Staffs ~60 % of the positions (rule module in the generator), written while the service is stopped. */
export async function staff(env: Record<string, string>, loaded: Loaded): Promise<{ assignments: number; positions: number; staffedPositions: number }> {
  const ds = new DataSource(dataSourceOptions({ databasePath: env.DATABASE_PATH ?? '', databaseUrl: env.DATABASE_URL }));
  await ds.initialize();
  const slotRows: any[] = await ds.query(
    'SELECT id, contract_id, region_code, function, local_date, start_ms, end_ms, duty_type, required_nurses, required_qualifications FROM slots',
  );
  const slots: StaffableSlot[] = slotRows.map((s) => ({
    id: s.id,
    contractId: s.contract_id,
    regionCode: s.region_code,
    function: s.function,
    localDate: s.local_date,
    startMs: Number(s.start_ms),
    endMs: Number(s.end_ms),
    dutyType: s.duty_type,
    requiredNurses: s.required_nurses,
    requiredQualifications: JSON.parse(s.required_qualifications),
  }));
  const nurseRows: any[] = await ds.query('SELECT id, employer_agb, qualifications FROM nurses');
  const byEmployer = new Map<string, StaffNurse[]>();
  for (const n of nurseRows) {
    const list = byEmployer.get(n.employer_agb) ?? [];
    list.push({ id: n.id, employerAgb: n.employer_agb, qualifications: JSON.parse(n.qualifications) });
    byEmployer.set(n.employer_agb, list);
  }
  const employers = new Map(loaded.contracts.map((c) => [c.id, c.employers]));
  const { planned, positions } = planStaffing(slots, employers, byEmployer);
  const now = Date.now();
  await ds.transaction(async (m) => {
    const rows = planned.map((p) => ({
      id: newId(),
      slotId: p.slot.id,
      nurseId: p.nurseId,
      contractId: p.slot.contractId,
      regionCode: p.slot.regionCode,
      function: p.slot.function as AssignmentEntity['function'],
      localDate: p.slot.localDate,
      startMs: p.slot.startMs,
      endMs: p.slot.endMs,
      dutyType: p.slot.dutyType,
      status: 'active' as const,
      sequence: 0,
      createdAt: now,
      updatedAt: now,
      cancelReason: null,
    }));
    for (let i = 0; i < rows.length; i += 60) await m.insert(AssignmentEntity, rows.slice(i, i + 60));
    await m.query(`UPDATE slots SET assigned_count = (SELECT COUNT(*) FROM assignments a WHERE a.slot_id = slots.id AND a.status = 'active')`);
  });
  await ds.destroy();
  return { assignments: planned.length, positions, staffedPositions: planned.length };
}

interface LoadRun {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load50(url: string, requests?: Array<{ path: string }>, token = TOKEN, seconds = LOAD_SECONDS): Promise<LoadRun> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    ...(requests ? { requests: requests.map((r) => ({ method: 'GET' as const, path: r.path })) } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * A steady rate, open loop: one request every 1000 / STEADY_RATE ms, sent on schedule whether or
 * not earlier ones have answered (so a slow answer cannot hold the next request back, and nothing
 * is omitted), over keep-alive connections. Latency is measured from the scheduled send time, so a
 * late send counts against the service. Exact to the microsecond, not rounded to whole ms.
 */
export async function steady(url: string, requests: Array<{ path: string }>, token: string, seconds = LOAD_SECONDS): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const base = new URL(url);
  const interval = 1000 / STEADY_RATE;
  const total = Math.round(seconds * STEADY_RATE);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const path = requests[i % requests.length].path;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get({ host: base.hostname, port: base.port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { rps: total / elapsed, p50: at(50), p99: at(99), errors };
}

interface LoadStats {
  rps: Stats;
  p50: Stats;
  p99: Stats;
  errors: number;
}
const loadStats = (runs: LoadRun[]): LoadStats => ({
  rps: stats(runs.map((x) => x.rps)),
  p50: stats(runs.map((x) => x.p50)),
  p99: stats(runs.map((x) => x.p99)),
  errors: runs.reduce((a, x) => a + x.errors, 0),
});

async function timed(n: number, fn: (i: number) => Promise<{ status: number; ms: number }>, ok: (s: number) => boolean = (s) => s < 300) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fn(i);
    if (!ok(r.status)) throw new Error(`unexpected status ${r.status}`);
    ms.push(r.ms);
  }
  return { p50: pct(ms, 50), p99: pct(ms, 99), max: Math.max(...ms) };
}

export function onCallRequests(loaded: Loaded) {
  const paths: Array<{ path: string }> = [];
  const times = ['2027-03-10T02:00:00%2B01:00', '2027-06-15T20:00:00%2B02:00', '2027-10-31T02:30:00%2B01:00', '2027-12-24T12:00:00%2B01:00'];
  for (let i = 0; i < Math.min(loaded.contracts.length, 40); i++) {
    const c = loaded.contracts[(i * 7) % loaded.contracts.length];
    paths.push({ path: `/api/on-call?regionCode=${c.regionCode}&function=${c.function}&at=${times[i % times.length]}` });
  }
  return paths;
}

interface ScaleResult {
  scale: number;
  regions: number;
  contracts: number;
  templates: number;
  slots: number;
  slotGeneration: Stats;
  feeRun: Stats;
  /** Saturated: 50 connections as fast as the service answers. */
  onCall: LoadStats;
  /** GET /api/me with the same partner token: the authenticated baseline for the on-call throughput. */
  me: LoadStats;
  /** The on-call lookup at a fixed STEADY_RATE. */
  onCallSteady: LoadStats;
  /** The service's event-loop delay during each steady run (p99 and max, ms), and the machine's 1-minute load average at each run's start. */
  steadyLoop: { p99: Stats; max: Stats; loadAverage: Stats };
  health: LoadStats;
  national?: Record<string, string | number>;
}

async function runScale(scale: number, national: boolean): Promise<ScaleResult> {
  const data = nationalDataset(scale);
  const generation: number[] = [];
  let kept: { svc: ProductionService; loaded: Loaded; db: Awaited<ReturnType<typeof freshDatabase>> } | null = null;
  const repeats = national ? REPEATS : 1;
  for (let r = 0; r < repeats; r++) {
    const db = await freshDatabase();
    // Jobs run as in production (the tickers every 2 s); the probe measures the event loop.
    const svc = new ProductionService({ ...db.env, THROTTLE_TTL_SECONDS: '1', RUN_JOBS: 'true' }, TOKEN, 0, undefined, true);
    await svc.start();
    const loaded = await load(svc, data);
    generation.push(loaded.slotGenerationMs / 1000);
    process.stderr.write(`scale ${scale}: ${loaded.slotCount} slots from ${loaded.templateCount} templates in ${fmt(loaded.slotGenerationMs / 1000, 2)} s\n`);
    if (r < repeats - 1) {
      await svc.stop();
      await db.drop();
    } else kept = { svc, loaded, db };
  }
  const { svc, loaded, db } = kept!;
  let staffing: Awaited<ReturnType<typeof staff>> | null = null;
  if (national) {
    await svc.stop();
    const t0 = performance.now();
    staffing = await staff(db.env, loaded);
    process.stderr.write(`staffed ${staffing.assignments} of ${staffing.positions} positions in ${fmt((performance.now() - t0) / 1000)} s\n`);
    await svc.start();
  }
  const fee: number[] = [];
  let statements = 0;
  for (let r = 0; r < REPEATS; r++) {
    const res = await svc.call('POST', '/api/fee-statements', { month: '2027-03' });
    if (res.status !== 200) throw new Error(`fee run ${res.status}`);
    statements = res.body.length;
    fee.push(res.ms / 1000);
  }
  const onCallRuns: LoadRun[] = [];
  const meRuns: LoadRun[] = [];
  const steadyRuns: LoadRun[] = [];
  const steadyLoops: LoopDelay[] = [];
  const steadyLoad: number[] = [];
  const healthRuns: LoadRun[] = [];
  const paths = onCallRequests(loaded);
  // A partner's own token (looked up per request), not the admin token; /api/me uses the same one.
  const partner = await svc.must('POST', '/api/users', { name: 'Meldkamer', role: 'insurer', insurerUzovi: data.insurers[0].uzovi });
  const me = [{ path: '/api/me' }];
  // Warm-up (not recorded): the JIT and the page cache, so the first measured run is not a cold start.
  await load50(`${svc.base}/health`, undefined, TOKEN, 2);
  await load50(svc.base, me, partner.token, 2);
  await load50(svc.base, paths, partner.token, 2);
  await steady(svc.base, paths, partner.token, 2);
  // Interleaved, so a drift of the machine during the run touches every figure alike.
  for (let r = 0; r < REPEATS; r++) {
    healthRuns.push(await load50(`${svc.base}/health`));
    meRuns.push(await load50(svc.base, me, partner.token));
    onCallRuns.push(await load50(svc.base, paths, partner.token));
    steadyLoad.push(loadavg()[0]);
    await svc.loopDelay();
    steadyRuns.push(await steady(svc.base, paths, partner.token));
    steadyLoops.push(await svc.loopDelay());
  }
  process.stderr.write(
    `on-call at ${STEADY_RATE}/s: p99 ${steadyRuns.map((x) => fmt(x.p99)).join(', ')} ms; event-loop delay p99 ${steadyLoops.map((x) => x.p99).join(', ')} ms, max ${steadyLoops.map((x) => x.max).join(', ')} ms; load ${steadyLoad.map((x) => fmt(x, 2)).join(', ')}\n`,
  );
  const result: ScaleResult = {
    scale,
    regions: data.regions.length,
    contracts: loaded.contracts.length,
    templates: loaded.templateCount,
    slots: loaded.slotCount,
    slotGeneration: stats(generation),
    feeRun: stats(fee),
    onCall: loadStats(onCallRuns),
    me: loadStats(meRuns),
    onCallSteady: loadStats(steadyRuns),
    steadyLoop: { p99: stats(steadyLoops.map((x) => x.p99)), max: stats(steadyLoops.map((x) => x.max)), loadAverage: stats(steadyLoad) },
    health: loadStats(healthRuns),
  };
  if (national && staffing) {
    const region = loaded.contracts[0].regionCode;
    const coverage = await timed(SAMPLES, () => svc.call('GET', `/api/coverage?regionCode=${region}&month=2027-03`));
    const slotsQuery = await timed(SAMPLES, () =>
      svc.call('GET', `/api/slots?regionCode=${region}&function=unplanned-night-care&from=2027-03-01&to=2027-03-31`),
    );
    // A nurse with a full year of shifts: the most assigned one.
    const ds = new DataSource(dataSourceOptions({ databasePath: db.env.DATABASE_PATH ?? '', databaseUrl: db.env.DATABASE_URL }));
    await ds.initialize();
    const [busiest] = await ds.query(`SELECT nurse_id, COUNT(*) AS n FROM assignments GROUP BY nurse_id ORDER BY COUNT(*) DESC LIMIT 1`);
    const open: any[] = await ds.query(
      `SELECT s.id FROM slots s JOIN contracts c ON c.id = s.contract_id JOIN nurses n ON n.id = '${busiest.nurse_id}'
       WHERE s.assigned_count < s.required_nurses AND s.local_date >= '2027-04-01' AND s.local_date <= '2027-10-31' AND c.region_code = (SELECT region_code FROM assignments WHERE nurse_id = '${busiest.nurse_id}' LIMIT 1)
       ORDER BY s.start_ms LIMIT ${SAMPLES}`,
    );
    await ds.destroy();
    const statuses: Record<number, number> = {};
    const created: string[] = [];
    const assign = await timed(
      open.length,
      async (i) => {
        const res = await svc.call('POST', `/api/slots/${open[i].id}/assignments`, { nurseId: busiest.nurse_id });
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status === 201) {
          created.push(res.body.id);
          await svc.call('DELETE', `/api/assignments/${res.body.id}`);
        }
        return res;
      },
      (s) => [201, 409, 422].includes(s),
    );
    // Candidates for a slot of a provider with 200 nurses.
    await svc.must('POST', '/api/providers', { agb: '79999999', name: 'Grote aanbieder' });
    await svc.must('POST', '/api/regions', { code: 'BIG', name: 'Grote regio', population: 1_000_000, preferredInsurerUzovi: data.insurers[0].uzovi });
    for (let i = 0; i < 200; i++)
      await svc.must('POST', '/api/nurses', { name: `Groot ${String(i).padStart(3, '0')}`, employerAgb: '79999999', qualifications: ['district-nurse'] });
    const big = await svc.must('POST', '/api/contracts', {
      regionCode: 'BIG',
      insurerUzovi: data.insurers[0].uzovi,
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: '79999999' },
      ...YEAR,
    });
    await svc.must('POST', `/api/contracts/${big.id}/templates`, {
      name: 'Nacht',
      rrule: 'FREQ=DAILY',
      startTime: '23:00',
      endTime: '07:00',
      requiredNurses: 3,
    });
    const bigSlots = await svc.must('GET', '/api/slots?regionCode=BIG&from=2027-05-01&to=2027-05-31');
    const bigNurses = await svc.must('GET', '/api/nurses?employerAgb=79999999');
    for (let d = 0; d < 28; d++)
      for (let k = 0; k < 2; k++) await svc.call('POST', `/api/slots/${bigSlots[d].id}/assignments`, { nurseId: bigNurses[(d * 2 + k) % 200].id });
    const candidates = await timed(SAMPLES, (i) => svc.call('GET', `/api/slots/${bigSlots[i % 28].id}/candidates`));
    result.national = {
      'positions staffed': `${staffing.staffedPositions} of ${staffing.positions} (${fmt((100 * staffing.staffedPositions) / staffing.positions)} %)`,
      'fee statements per run': statements,
      'coverage, one region and month: p50 / p99 ms': `${fmt(coverage.p50)} / ${fmt(coverage.p99)}`,
      'slots, one region, function and month: p50 / p99 ms': `${fmt(slotsQuery.p50)} / ${fmt(slotsQuery.p99)}`,
      'assignment with all checks, busiest nurse: p50 / p99 ms': `${fmt(assign.p50)} / ${fmt(assign.p99)} (${open.length} attempts: ${Object.entries(statuses)
        .map(([s, n]) => `${n}×${s}`)
        .join(', ')})`,
      'candidates, provider with 200 nurses: p50 / p99 ms': `${fmt(candidates.p50)} / ${fmt(candidates.p99)}`,
      'resident set after loading (MB)': fmt(svc.rssMb(), 0),
      _coverageP99: coverage.p99,
      _slotsP99: slotsQuery.p99,
      _assignP99: assign.p99,
      _candidatesP99: candidates.p99,
      _rss: svc.rssMb(),
    };
  }
  await svc.stop();
  await db.drop();
  return result;
}

function report(results: ScaleResult[]): string {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  const s = (x: Stats, d = 2) => `${fmt(x.median, d)} (${fmt(x.min, d)}–${fmt(x.max, d)})`;
  const first = results[0];
  const n = first.national ?? {};
  const ratio = (r: ScaleResult) => r.onCall.rps.median / r.me.rps.median;
  const target = (ok: boolean) => (ok ? 'met' : '**missed**');
  const errors = (...xs: LoadStats[]) => {
    const n = xs.reduce((a, x) => a + x.errors, 0);
    return n > 0 ? `; **${n} errors or non-2xx answers**` : '';
  };
  // autocannon keeps whole milliseconds, rounded down: a p99 shown as 10 lies between 10 and 11 ms.
  const steadyMet = (r: ScaleResult) => r.onCallSteady.rps.median >= 0.95 * STEADY_RATE && r.onCallSteady.p99.median <= 10;
  const steadyNote = (r: ScaleResult) =>
    r.onCallSteady.rps.median >= 0.95 * STEADY_RATE ? '' : `, rate not reached: ${fmt(r.onCallSteady.rps.median, 0)} req/s`;
  const lines = [
    `# Benchmark results${SMOKE ? ' (smoke run, not the national figures)' : ''}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- commit: ${commit}`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, ${process.platform}`,
    `- database: ${SERVER_URL ? 'PostgreSQL' : 'SQLite (embedded, WAL)'}; service: production build (\`node dist/src/main.js\`)`,
    `- figures: median (min–max) of ${REPEATS} run(s); load tests: autocannon, ${LOAD_SECONDS} s per run after a 2 s warm-up, interleaved (/health, /api/me, on-call saturated, on-call steady); saturated: 50 connections as fast as answered; steady: ${STEADY_RATE} req/s evenly spaced, open loop (each request sent on schedule, latency counted from its scheduled time); saturated latencies (autocannon) in whole ms, rounded down; the load generator shares the machine's two cores with the service`,
    `- on-call and /api/me use the same insurer token (looked up per request); /health is unauthenticated and only shown for reference`,
    `- the service runs its jobs (RUN_JOBS=true: the escalation, outbox, SMS-timer and referral-timeout tickers every 2 s, the cron jobs); its event-loop delay is measured inside it with perf_hooks.monitorEventLoopDelay (bench/loop-probe.ts) during each steady run`,
    `- machine's 1-minute load average: ${fmt(LOAD_AT_START, 2)} when the benchmark started, ${fmt(loadavg()[0], 2)} when it ended (other work on the machine shows in every figure)`,
    '',
    `## National dataset (scale ${first.scale})`,
    '',
    `${first.regions} regions, ${first.contracts} contracts, ${first.templates} templates, ${first.slots} slots.`,
    '',
    '| figure | result | target | |',
    '|---|---|---|---|',
    `| slot generation, all templates of the year (s) | ${s(first.slotGeneration)} | < 6 s | ${target(first.slotGeneration.median < 6)} |`,
    `| fee run, all contracts, one month (s) | ${s(first.feeRun, 3)} | < 2 s | ${target(first.feeRun.median < 2)} |`,
    `| on-call lookup, saturated (req/s) | ${s(first.onCall.rps, 0)} | ≥ 0.7 × GET /api/me | ${target(ratio(first) >= 0.7)} (on-call / me = ${fmt(ratio(first), 2)}${errors(first.onCall, first.me)}) |`,
    `| GET /api/me, same insurer token, same run (req/s) | ${s(first.me.rps, 0)} | | |`,
    `| on-call p50 / p99 at a steady ${STEADY_RATE} req/s (ms) | ${s(first.onCallSteady.p50, 1)} / ${s(first.onCallSteady.p99, 1)} (achieved ${fmt(first.onCallSteady.rps.median, 0)} req/s) | p99 ≤ 10 ms | ${target(steadyMet(first))}${steadyNote(first)}${errors(first.onCallSteady)} |`,
    `| service's event-loop delay during those steady runs: p99 / max (ms) | ${s(first.steadyLoop.p99, 1)} / ${s(first.steadyLoop.max, 1)} (machine's load average ${s(first.steadyLoop.loadAverage, 2)} at the runs' start) | | |`,
    `| on-call p50 / p99, saturated (ms) | ${s(first.onCall.p50, 0)} / ${s(first.onCall.p99, 0)} | | |`,
    `| GET /api/me p50 / p99, saturated (ms) | ${s(first.me.p50, 0)} / ${s(first.me.p99, 0)} | | |`,
    `| GET /health, unauthenticated, same run (req/s) | ${s(first.health.rps, 0)} | | on-call / health = ${fmt(first.onCall.rps.median / first.health.rps.median, 2)} |`,
    `| GET /health p50 / p99, saturated (ms) | ${s(first.health.p50, 0)} / ${s(first.health.p99, 0)} | | |`,
  ];
  if (first.national) {
    lines.push(
      `| coverage, one region and month: p50 / p99 (ms) | ${n['coverage, one region and month: p50 / p99 ms']} | p99 < 50 ms | ${target(Number(n._coverageP99) < 50)} |`,
      `| slots, one region, function and month: p50 / p99 (ms) | ${n['slots, one region, function and month: p50 / p99 ms']} | p99 < 50 ms | ${target(Number(n._slotsP99) < 50)} |`,
      `| assignment with all checks, nurse with a full year: p50 / p99 (ms) | ${n['assignment with all checks, busiest nurse: p50 / p99 ms']} | p99 < 20 ms | ${target(Number(n._assignP99) < 20)} |`,
      `| candidates, provider with 200 nurses: p50 / p99 (ms) | ${n['candidates, provider with 200 nurses: p50 / p99 ms']} | < 50 ms | ${target(Number(n._candidatesP99) < 50)} |`,
      `| resident set after loading (MB) | ${n['resident set after loading (MB)']} | < 300 MB | ${target(Number(n._rss) < 300)} |`,
      `| positions staffed by the generator | ${n['positions staffed']} | ~60 % | |`,
    );
  }
  if (results.length > 1) {
    lines.push(
      '',
      '## Growth',
      '',
      `| scale | slots | slot generation (s) | per 1,000 slots (ms) | fee run (s) | on-call req/s | /api/me req/s | on-call / me | on-call p99 saturated (ms) | on-call p99 at ${STEADY_RATE}/s (ms) | /health req/s |`,
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of results) {
      lines.push(
        `| ${r.scale}× | ${r.slots} | ${fmt(r.slotGeneration.median, 2)} | ${fmt((1000 * r.slotGeneration.median * 1000) / r.slots, 1)} | ${fmt(r.feeRun.median, 3)} | ${fmt(r.onCall.rps.median, 0)} | ${fmt(r.me.rps.median, 0)} | ${fmt(ratio(r), 2)} | ${fmt(r.onCall.p99.median, 0)} | ${fmt(r.onCallSteady.p99.median, 1)}${steadyNote(r)} | ${fmt(r.health.rps.median, 0)} |`,
      );
    }
  }
  lines.push(
    '',
    'Reproduce with `npm run bench` (SQLite; scales 1, 4 and 16) or `DATABASE_URL=postgres://… npm run bench`; `npm run bench -- --scales=1` (or `BENCH_SCALES=1 npm run bench`) runs only the national scale, without the growth table.',
    '',
  );
  return lines.join('\n');
}

/**
 * The web app's figures come from the browser tests (`npm run test:browser`), not from this run;
 * a re-run of the benchmark keeps that section of RESULTS.md as it was.
 */
function browserSection(target: string): string {
  let previous: string;
  try {
    previous = readFileSync(target, 'utf8');
  } catch {
    return '';
  }
  const start = previous.indexOf('\n## Web app in the browser');
  if (start < 0) return '';
  const next = previous.indexOf('\n## ', start + 1);
  return previous.slice(start, next < 0 ? undefined : next).trimEnd() + '\n';
}

/** The acute-request figures come from `npm run bench:requests`; a re-run here keeps them. */
function requestsSections(target: string): string {
  let previous: string;
  try {
    previous = readFileSync(target, 'utf8');
  } catch {
    return '';
  }
  const start = previous.indexOf('\n## Acute requests');
  return start < 0 ? '' : previous.slice(start);
}

async function main() {
  const target = SMOKE ? join(tmpdir(), 'wijkwacht-bench-smoke.md') : 'bench/RESULTS.md';
  if (argv.includes('--only=planner')) {
    // Refresh the planner's section alone, keeping the rest of the file.
    const section = plannerSection(await plannerFigures(SMOKE, freshDatabase, TOKEN), SMOKE).trimEnd() + '\n';
    const previous = readFileOr(target);
    const start = previous.indexOf('\n## Roster planner');
    const at = start >= 0 ? start : previous.indexOf('\n## Web app in the browser');
    const next = start >= 0 ? previous.indexOf('\n## ', start + 1) : at;
    const text =
      at < 0 ? previous.trimEnd() + '\n' + section : previous.slice(0, at) + '\n' + section.replace(/^\n/, '') + (next < 0 ? '' : previous.slice(next));
    writeFileSync(target, text);
    process.stdout.write(section + `\nwritten to ${target}\n`);
    return;
  }
  const results: ScaleResult[] = [];
  for (const [i, scale] of SCALES.entries()) results.push(await runScale(scale, i === 0));
  const planner = plannerSection(await plannerFigures(SMOKE, freshDatabase, TOKEN), SMOKE);
  const text = report(results) + planner + browserSection(target) + requestsSections(target);
  writeFileSync(target, text);
  process.stdout.write(text + `\nwritten to ${target}\n`);
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

// Run as a program (`node dist/bench/run.js`); imported, it only lends its pieces.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
