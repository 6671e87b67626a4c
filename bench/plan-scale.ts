import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { scratchDatabase } from './scratch.js';
import { ProductionService } from './service.js';

/**
 * `npm run bench:plan-scale`: roster plans of growing size on the production build. A region of
 * 100 nurses whose templates need 10, 30, 50 and 100 nurses a day; a plan for 63 days (630, 1,890,
 * 3,150 and 6,300 open positions) is proposed while another client asks `/health` every 20 ms.
 * The plan is made in a worker thread, so `/health` should answer within 100 ms throughout.
 * With `DATABASE_URL=postgres://…` on PostgreSQL. Writes the "Roster plans by size" section of
 * bench/RESULTS.md (the rest of the file is left as it is).
 */
const SERVER_URL = process.env.DATABASE_URL;
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;
const SIZES = (process.env.BENCH_PLAN_SIZES ?? '10,30,50,100').split(',').map(Number);
const fmt = (x: number, d = 0) => x.toFixed(d);

interface Figure {
  positions: number;
  proposed: number;
  proposeMs: number;
  worstHealthMs: number;
  healthAnswers: number;
  status: number;
}

async function measure(perDay: number): Promise<Figure> {
  const db = await scratchDatabase(SERVER_URL);
  const svc = new ProductionService({ ...db.env }, TOKEN);
  await svc.start();
  try {
    await svc.must('POST', '/api/insurers', { uzovi: '3998', name: 'Verzekeraar' });
    await svc.must('POST', '/api/regions', { code: 'SCALE', name: 'Schaalregio', population: 400_000, preferredInsurerUzovi: '3998' });
    await svc.must('POST', '/api/providers', { agb: '76100001', name: 'Wijkzorg Schaal' });
    const contract = await svc.must('POST', '/api/contracts', {
      regionCode: 'SCALE',
      insurerUzovi: '3998',
      function: 'unplanned-night-care',
      responsibleParty: { type: 'provider', agb: '76100001' },
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
    });
    const each = perDay / 5;
    for (const [name, startTime, endTime, dutyType] of [
      ['Dag', '07:00', '15:00', 'shift'],
      ['Avond', '15:00', '23:00', 'shift'],
      ['Nacht', '23:00', '07:00', 'shift'],
      ['Kantoor', '09:00', '13:00', 'shift'],
      ['Bereikbaar', '08:00', '08:00', 'on-call'],
    ]) {
      await svc.must('POST', `/api/contracts/${contract.id}/templates`, { name, rrule: 'FREQ=DAILY', startTime, endTime, dutyType, requiredNurses: each });
    }
    for (let n = 0; n < 100; n++) {
      await svc.must('POST', '/api/nurses', {
        name: `Verpleegkundige ${n}`,
        employerAgb: '76100001',
        qualifications: ['district-nurse'],
        contractMinutesPerWeek: [1440, 1920, 2160, 1200][n % 4],
      });
    }
    let done = false;
    let worstHealthMs = 0;
    let healthAnswers = 0;
    const pinger = (async () => {
      while (!done) {
        const t0 = performance.now();
        await fetch(`${svc.base}/health`);
        worstHealthMs = Math.max(worstHealthMs, performance.now() - t0);
        healthAnswers++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const res = await svc.call('POST', '/api/roster-plans', { regionCode: 'SCALE', from: '2027-03-01', to: '2027-05-02' });
    done = true;
    await pinger;
    return {
      positions: res.body.summary?.positions ?? perDay * 63,
      proposed: res.body.summary?.proposed ?? 0,
      proposeMs: res.ms,
      worstHealthMs,
      healthAnswers,
      status: res.status,
    };
  } finally {
    await svc.stop();
    await db.drop();
  }
}

async function main() {
  const loadBefore = loadavg()[0];
  const figures: Figure[] = [];
  for (const perDay of SIZES) {
    const f = await measure(perDay);
    process.stderr.write(`plan of ${f.positions} positions: ${f.status} in ${fmt(f.proposeMs)} ms, /health worst ${fmt(f.worstHealthMs, 1)} ms\n`);
    figures.push(f);
  }
  const loadAfter = loadavg()[0];
  const title = `## Roster plans by size (${SERVER_URL ? 'PostgreSQL' : 'SQLite'})`;
  const section = [
    '',
    title,
    '',
    `- date: ${new Date().toISOString()}; machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${fmt(loadBefore, 2)} before, ${fmt(loadAfter, 2)} after`,
    '- `npm run bench:plan-scale`: a region of 100 nurses (contract hours 20–36 h a week) and five daily templates (day, evening, night, office, a 24 h on-call block) needing 10, 30, 50 or 100 nurses a day; one plan for 63 days proposed through HTTP on the production build (the planner runs in a worker thread) while a second client asks `/health` every 20 ms.',
    '',
    '| open positions | answer | proposed | propose (ms) | /health worst (ms, answers) | target |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.positions} | ${f.status} | ${f.proposed} | ${fmt(f.proposeMs)} | ${fmt(f.worstHealthMs, 1)} (${f.healthAnswers}) | made or refused < 60 s, /health < 100 ms: ${f.proposeMs < 60_000 && f.worstHealthMs < 100 ? 'met' : '**missed**'} |`,
    ),
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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
