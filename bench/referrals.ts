import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { DateTime } from 'luxon';
import { scratchDatabase } from './scratch.js';
import { ProductionService } from './service.js';

/**
 * `npm run bench:referrals`: the regional coordination point on the production build, in a region
 * of 60 providers with 2,000 intake lines.
 *
 * - Matching: the pure ranking (`rankProviders`) for 10,000 referrals of random PC4s and care
 *   kinds over the region's 2,000 lines, each call timed on its own.
 * - Create: a transfer desk refers 20 clients a second for a minute, after a 10 s warm-up at the
 *   same rate (`BENCH_REFERRAL_WARMUP_SECONDS`), open loop (latency from each scheduled send); each
 *   referral is ranked against the region's lines and offered at once.
 * - Timeouts: 20 referrals whose offers are left unanswered (answer time 1 minute) time the next
 *   offer against the first one's answer time.
 *
 * With `DATABASE_URL=postgres://…` two instances share one fresh database: referrals go to both in
 * turn and both timers run. Writes the "Referrals" section of bench/RESULTS.md for the database it
 * ran on (the rest of the file is left as it is).
 */
const SERVER_URL = process.env.DATABASE_URL;
const RATE = 20;
const SECONDS = Number(process.env.BENCH_REFERRAL_SECONDS) || 60;
const WARMUP_SECONDS = Number(process.env.BENCH_REFERRAL_WARMUP_SECONDS ?? 10);
if (!Number.isInteger(WARMUP_SECONDS) || WARMUP_SECONDS < 0) throw new Error('BENCH_REFERRAL_WARMUP_SECONDS must be a whole number of seconds, 0 or more');
const PROVIDERS = 60;
const LINES = 2_000;
const MATCHES = 10_000;
const UNANSWERED = 20;
const CARE_KINDS = ['basic', 'palliative', 'wound-care', 'infusion-therapy', 'dementia-case-management'] as const;
/** The region's PC4 area: 1000–1199. */
const PC_FROM = 1000;
const PC_TO = 1199;
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (x: number, d = 1) => x.toFixed(d);

/** A deterministic generator, so every run ranks the same region. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Line {
  regionCode: string;
  careKind: (typeof CARE_KINDS)[number];
  postcodes: string[];
  places: number;
  primary: boolean;
}

/**
 * 60 providers' lines, 2,000 in all: per provider and care kind, disjoint stretches of the
 * region's PC4s (a provider's lines never share a PC4 for one kind), places 0–4, a few primary.
 */
function regionLines(): Line[][] {
  const rnd = random(42);
  const perProvider: Line[][] = [];
  let left = LINES;
  for (let p = 0; p < PROVIDERS; p++) {
    const count = Math.round(left / (PROVIDERS - p));
    left -= count;
    const lines: Line[] = [];
    const cursor: Record<string, number> = Object.fromEntries(CARE_KINDS.map((k) => [k, PC_FROM + Math.floor(rnd() * 20)]));
    for (let i = 0; i < count; i++) {
      const careKind = CARE_KINDS[i % CARE_KINDS.length];
      const from = cursor[careKind];
      const to = Math.min(PC_TO, from + 2 + Math.floor(rnd() * 25));
      cursor[careKind] = to + 1 + Math.floor(rnd() * 5);
      if (from > PC_TO) continue;
      lines.push({
        regionCode: 'AMS',
        careKind,
        postcodes: from === to ? [String(from)] : [`${from}-${to}`],
        places: Math.floor(rnd() * 5),
        primary: rnd() < 0.15,
      });
    }
    perProvider.push(lines);
  }
  return perProvider;
}

async function must(svc: ProductionService, method: string, path: string, body?: unknown, token?: string) {
  const res = await svc.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** The pure ranking, timed call by call. */
async function matchingFigures(perProvider: Line[][]) {
  const { rankProviders } = await import('../src/referrals/matching.js');
  const { normalise } = await import('../src/referrals/postcodes.js');
  const now = Date.now();
  const lines = perProvider.flatMap((own, p) =>
    own.map((l, i) => ({
      id: `${p}-${i}`,
      agb: String(75_100_000 + p),
      name: `Aanbieder ${p}`,
      regionCode: l.regionCode,
      careKind: l.careKind,
      ranges: normalise(l.postcodes),
      places: l.places,
      primary: l.primary,
      publishedAt: now - 3_600_000,
    })),
  );
  const rnd = random(7);
  const history = Array.from({ length: 500 }, () => ({
    agb: String(75_100_000 + Math.floor(rnd() * PROVIDERS)),
    placedAt: now - Math.floor(rnd() * 40) * 86_400_000,
  }));
  const times: number[] = [];
  let ranked = 0;
  for (let i = 0; i < MATCHES; i++) {
    const kinds = [...new Set([CARE_KINDS[Math.floor(rnd() * 5)], ...(rnd() < 0.3 ? [CARE_KINDS[Math.floor(rnd() * 5)]] : [])])];
    const referral = {
      regionCode: 'AMS',
      postcode: String(PC_FROM + Math.floor(rnd() * (PC_TO - PC_FROM + 1))),
      careKinds: kinds,
      offers: [],
      capacityStaleHours: 24,
    };
    const t0 = performance.now();
    const result = rankProviders(referral, lines, history, now);
    times.push(performance.now() - t0);
    ranked += result.ranked.length;
  }
  return { lines: lines.length, times, meanRanked: ranked / MATCHES };
}

async function main() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const perProvider = regionLines();
  const matching = await matchingFigures(perProvider);

  const db = await scratchDatabase(SERVER_URL);
  const env = { ...db.env, RUN_JOBS: 'true' };
  const instances = [new ProductionService(env, TOKEN)];
  await instances[0].start();
  if (SERVER_URL) {
    instances.push(new ProductionService(env, TOKEN));
    await instances[1].start();
  }
  const [a] = instances;
  try {
    const today = DateTime.now().setZone('Europe/Amsterdam').toISODate()!;
    await must(a, 'POST', '/api/insurers', { uzovi: '3311', name: 'Z' });
    await must(a, 'POST', '/api/regions', { code: 'AMS', name: 'Amsterdam', population: 1_000_000, preferredInsurerUzovi: '3311' });
    // A second region for the timeouts: one provider with room that never answers, answer time 1 minute.
    await must(a, 'POST', '/api/regions', { code: 'TMO', name: 'Timeouts', population: 1_000, preferredInsurerUzovi: '3311' });
    await must(a, 'PATCH', '/api/regions/TMO', { referralResponseMinutes: { today: 1 } });
    for (let p = 0; p < PROVIDERS; p++) {
      const agb = String(75_100_000 + p);
      await must(a, 'POST', '/api/providers', { agb, name: `Aanbieder ${p}` });
      const user = await must(a, 'POST', '/api/users', { name: `Intake ${p}`, role: 'provider', providerAgb: agb });
      const lines =
        p < 2 ? [...perProvider[p], { regionCode: 'TMO', careKind: 'basic', postcodes: ['1000-1099'], places: 99, primary: false }] : perProvider[p];
      await must(a, 'PUT', `/api/providers/${agb}/intake`, { intakePhone: '020 555 0123', lines }, user.token);
    }
    await must(a, 'POST', '/api/users', { name: 'Verwijspunt', role: 'coordinator', regionCodes: ['AMS', 'TMO'] });
    const partner = await must(a, 'POST', '/api/users', { name: 'Transferbureau', role: 'partner', regionCodes: ['AMS', 'TMO'] });
    const rnd = random(11);
    const body = (reference: string, regionCode = 'AMS') => ({
      regionCode,
      postcode: String(PC_FROM + Math.floor(rnd() * (regionCode === 'AMS' ? PC_TO - PC_FROM + 1 : 100))),
      careKinds: regionCode === 'AMS' ? [CARE_KINDS[Math.floor(rnd() * 5)]] : ['basic'],
      urgency: 'today',
      startOn: today,
      referrerReference: reference,
    });

    // The unanswered ones first: their answer time passes a minute later, during the load.
    const unanswered: Array<{ id: string; due: number }> = [];
    for (let i = 0; i < UNANSWERED; i++) {
      const r = await must(instances[i % instances.length], 'POST', '/api/referrals', body(`LATE-${i}`, 'TMO'), partner.token);
      unanswered.push({ id: r.id, due: Date.parse(r.offers[0].respondBy) });
    }

    const load = async (seconds: number, prefix: string, measure: boolean) => {
      const createMs: number[] = [];
      let errors = 0;
      let offered = 0;
      const start = performance.now();
      const pending: Array<Promise<void>> = [];
      for (let i = 0; i < RATE * seconds; i++) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const svc = instances[i % instances.length];
        pending.push(
          svc.call('POST', '/api/referrals', body(`${prefix}-${i}`), partner.token).then((res) => {
            if (measure) createMs.push(performance.now() - due);
            if (res.status !== 201) errors++;
            else if (res.body.status === 'offered') offered++;
          }),
        );
      }
      await Promise.all(pending);
      return { createMs, errors, offered, achieved: (RATE * seconds) / ((performance.now() - start) / 1000) };
    };
    await load(WARMUP_SECONDS, 'WARM', false);
    const loadBefore = loadavg()[0];
    const measured = await load(SECONDS, 'LOAD', true);
    const loadAfter = loadavg()[0];

    // Each unanswered referral: wait until its first offer has timed out and the next one is made (at most two minutes).
    const lateMs: number[] = [];
    const deadline = Date.now() + 120_000;
    for (const u of unanswered) {
      for (;;) {
        const r = await must(a, 'GET', `/api/referrals/${u.id}`);
        const offers = r.offers as Array<{ offeredAt: string; answer: string | null }>;
        if (offers.length > 1) {
          lateMs.push(Date.parse(offers[1].offeredAt) - u.due);
          break;
        }
        if (Date.now() > deadline) throw new Error(`referral ${u.id} got no second offer`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    // Every offer made once, every timeout handled once (two instances ticking).
    const again = await Promise.all(unanswered.map((u) => must(a, 'GET', `/api/referrals/${u.id}`)));
    const repeated = again.filter((r) => new Set((r.offers as Array<{ agb: string }>).map((o) => o.agb)).size !== r.offers.length).length;

    const total = RATE * SECONDS;
    const rows = [
      `| ranking over ${matching.lines} lines of ${PROVIDERS} providers, p50 / p99 / max (ms, ${MATCHES} referrals; ${fmt(matching.meanRanked)} ranked on average) | ${fmt(pct(matching.times, 50), 3)} / ${fmt(pct(matching.times, 99), 3)} / ${fmt(Math.max(...matching.times), 3)} | p99 < 5 ms | ${pct(matching.times, 99) < 5 ? 'met' : '**missed**'} |`,
      `| create p50 / p99 at ${RATE} req/s for ${SECONDS} s (ms) | ${fmt(pct(measured.createMs, 50))} / ${fmt(pct(measured.createMs, 99))} (achieved ${fmt(measured.achieved)} req/s, ${measured.errors} errors, ${measured.offered} of ${total} offered at once) | p99 < 50 ms | ${pct(measured.createMs, 99) < 50 && measured.errors === 0 ? 'met' : '**missed**'} |`,
      `| next offer after the answer time passed, p50 / max (ms, ${lateMs.length} referrals; ${repeated} with a provider offered twice) | ${fmt(pct(lateMs, 50), 0)} / ${fmt(Math.max(...lateMs), 0)} | < 10 000 ms | ${Math.max(...lateMs) < 10_000 && repeated === 0 ? 'met' : '**missed**'} |`,
    ];
    const title = `## Referrals (${SERVER_URL ? 'PostgreSQL, two instances' : 'SQLite, one instance'})`;
    const section = [
      '',
      title,
      '',
      `- date: ${new Date().toISOString()}; machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      `- \`npm run bench:referrals\`${SERVER_URL ? ' with `DATABASE_URL`' : ''}: a region of ${PROVIDERS} providers with ${matching.lines} intake lines over PC4 ${PC_FROM}–${PC_TO} and five care kinds (published through the API); the ranking timed in-process, call by call; a transfer desk refers ${RATE} clients/s for ${SECONDS} s, open loop (latency from each scheduled send), ${SERVER_URL ? 'alternating between both instances' : 'to the one instance'}, each ranked and offered at once; ${UNANSWERED} unanswered referrals (answer time 1 minute) time the next offer against the answer time, with ${SERVER_URL ? "both instances' timers" : 'the timer'} running; measured after ${WARMUP_SECONDS} s of the same load, not measured; the load generator shares the two cores with the service; load average ${fmt(loadBefore, 2)} when the measured minute began, ${fmt(loadAfter, 2)} when it ended`,
      '',
      '| figure | result | target | |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    let previous = '';
    try {
      previous = readFileSync('bench/RESULTS.md', 'utf8');
    } catch {
      // first run
    }
    const at = previous.indexOf(`\n${title}`);
    const next = at < 0 ? -1 : previous.indexOf('\n## ', at + 1);
    const text = at < 0 ? previous.trimEnd() + '\n' + section : previous.slice(0, at).trimEnd() + '\n' + section + (next < 0 ? '' : previous.slice(next));
    writeFileSync('bench/RESULTS.md', text);
    process.stdout.write(section + '\n');
  } finally {
    for (const svc of instances) await svc.stop();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
