import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { DateTime } from 'luxon';
import { scratchDatabase } from './scratch.js';
import { ProductionService } from './service.js';

/**
 * `npm run bench:requests`: acute requests on the production build. A partner raises 20 requests
 * a second for a minute after a 10 s warm-up at the same rate (`BENCH_REQUEST_WARMUP_SECONDS`; open loop, each sent on schedule;
 * the paged nurse acknowledges each),
 * an open event stream of the nurse on duty times each page from the request's send to the
 * event, and a set of unanswered requests times the next step against its due time (ackMinutes 1).
 * With `DATABASE_URL=postgres://…` two instances share one fresh database: requests go to both
 * in turn, the stream listens on the first, and both tickers run. Writes the "Acute requests"
 * section of bench/RESULTS.md (the rest of the file is left as it is).
 */
const SERVER_URL = process.env.DATABASE_URL;
const RATE = 20;
const SECONDS = Number(process.env.BENCH_REQUEST_SECONDS) || 60;
const WARMUP_SECONDS = Number(process.env.BENCH_REQUEST_WARMUP_SECONDS ?? 10);
if (!Number.isInteger(WARMUP_SECONDS) || WARMUP_SECONDS < 0) throw new Error('BENCH_REQUEST_WARMUP_SECONDS must be a whole number of seconds, 0 or more');
const UNANSWERED = 20;
const TOKEN = `bench-${randomBytes(16).toString('hex')}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (x: number, d = 1) => x.toFixed(d);

async function must(svc: ProductionService, method: string, path: string, body?: unknown, token?: string) {
  const res = await svc.call(method, path, body, token);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** The nurse's event stream: resolves each awaited request id when its page event arrives. */
function openStream(base: string, token: string, onPage: (requestId: string) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/me/pages/stream`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event);
          if (/^event: page$/m.test(event) && data) onPage(JSON.parse(data[1]).request.id);
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

async function main() {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
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
    const now = DateTime.now().setZone('Europe/Amsterdam');
    const today = now.toISODate()!;
    await must(a, 'POST', '/api/insurers', { uzovi: '3311', name: 'Z' });
    await must(a, 'POST', '/api/regions', { code: 'AMS', name: 'Amsterdam', population: 1_000_000, preferredInsurerUzovi: '3311' });
    await must(a, 'POST', '/api/providers', { agb: '75010001', name: 'Wijkzorg' });
    const contract = await must(a, 'POST', '/api/contracts', {
      regionCode: 'AMS',
      insurerUzovi: '3311',
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: '75010001' },
      validFrom: now.minus({ days: 1 }).toISODate(),
      validTo: now.plus({ days: 3 }).toISODate(),
      sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 0, ackMinutes: 1 },
    });
    const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    await must(a, 'POST', `/api/contracts/${contract.id}/templates`, { name: 'Nu', rrule: 'FREQ=DAILY', startTime: hh(now.hour), endTime: hh(now.hour + 3) });
    const [slot] = await must(a, 'GET', `/api/slots?regionCode=AMS&from=${today}&to=${today}`);
    const nurse = await must(a, 'POST', '/api/nurses', { name: 'Anna', employerAgb: '75010001', qualifications: ['district-nurse'] });
    await must(a, 'POST', `/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
    const nurseUser = await must(a, 'POST', '/api/users', { name: 'Anna', role: 'nurse', nurseId: nurse.id });
    await must(a, 'POST', '/api/users', { name: 'Coördinator', role: 'coordinator', regionCodes: ['AMS'] });
    const partner = await must(a, 'POST', '/api/users', { name: 'Huisartsenpost', role: 'partner', regionCodes: ['AMS'] });

    const sentAt = new Map<string, number>();
    const streamMs: number[] = [];
    const early = new Map<string, number>();
    const closeStream = await openStream(a.base, nurseUser.token, (id) => {
      const sent = sentAt.get(id);
      if (sent === undefined) early.set(id, performance.now());
      else streamMs.push(performance.now() - sent);
    });

    /** Open-loop load that is not measured: each request sent on schedule and acknowledged. */
    const load = async (seconds: number, prefix: string) => {
      const begin = performance.now();
      const sent: Array<Promise<unknown>> = [];
      for (let i = 0; i < RATE * seconds; i++) {
        const wait = begin + (i * 1000) / RATE - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        const svc = instances[i % instances.length];
        sent.push(
          svc
            .call('POST', '/api/requests', body(`${prefix}-${i}`), partner.token)
            .then((res) => (res.status === 201 ? svc.call('POST', `/api/requests/${res.body.id}/acknowledge`, undefined, nurseUser.token) : undefined)),
        );
      }
      await Promise.all(sent);
    };

    // Unanswered requests first: their next step falls due a minute later, during the load.
    const unanswered: Array<{ id: string; due: number }> = [];
    for (let i = 0; i < UNANSWERED; i++) {
      const r = await must(instances[i % instances.length], 'POST', '/api/requests', body(`LATE-${i}`), partner.token);
      unanswered.push({ id: r.id, due: Date.parse(r.createdAt) + 60_000 });
    }

    const createMs: number[] = [];
    let errors = 0;
    // Warm-up, not measured: the same load for a few seconds, so the figures describe a running
    // service rather than the first requests of freshly started processes (compilation, pools).
    await load(WARMUP_SECONDS, 'WARM');
    const loadBefore = loadavg()[0];
    const total = RATE * SECONDS;
    const start = performance.now();
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const svc = instances[i % instances.length];
      pending.push(
        svc.call('POST', '/api/requests', body(`LOAD-${i}`), partner.token).then(async (res) => {
          createMs.push(performance.now() - due);
          if (res.status !== 201) {
            errors++;
            return;
          }
          sentAt.set(res.body.id, due);
          const seen = early.get(res.body.id);
          if (seen !== undefined) streamMs.push(seen - due);
          const ack = await svc.call('POST', `/api/requests/${res.body.id}/acknowledge`, undefined, nurseUser.token);
          if (ack.status !== 200) errors++;
        }),
      );
    }
    await Promise.all(pending);
    const achieved = total / ((performance.now() - start) / 1000);
    const loadAfter = loadavg()[0];

    // The unanswered ones: wait until each has its next step (at most two minutes), then compare.
    const stepLateMs: number[] = [];
    const deadline = Date.now() + 120_000;
    for (const u of unanswered) {
      for (;;) {
        const r = await must(a, 'GET', `/api/requests/${u.id}`);
        const later = (r.pages as Array<{ step: number; pagedAt: string }>).find((p) => p.step > 1);
        if (later) {
          stepLateMs.push(Date.parse(later.pagedAt) - u.due);
          break;
        }
        if (Date.now() > deadline) throw new Error(`request ${u.id} got no second step`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    closeStream();

    const rows = [
      `| create p50 / p99 at ${RATE} req/s for ${SECONDS} s (ms) | ${fmt(pct(createMs, 50))} / ${fmt(pct(createMs, 99))} (achieved ${fmt(achieved)} req/s, ${errors} errors) | p99 < 50 ms | ${pct(createMs, 99) < 50 && errors === 0 ? 'met' : '**missed**'} |`,
      `| request sent → page event on an open stream, p50 / p99 / max (ms, ${streamMs.length} pages) | ${fmt(pct(streamMs, 50))} / ${fmt(pct(streamMs, 99))} / ${fmt(Math.max(...streamMs))} | < 1000 ms | ${Math.max(...streamMs) < 1000 && streamMs.length === total ? 'met' : '**missed**'} |`,
      `| next step paged after its due time, p50 / max (ms, ${stepLateMs.length} requests) | ${fmt(pct(stepLateMs, 50), 0)} / ${fmt(Math.max(...stepLateMs), 0)} | < 10 000 ms | ${Math.max(...stepLateMs) < 10_000 ? 'met' : '**missed**'} |`,
    ];
    const section = [
      '',
      `## Acute requests (${SERVER_URL ? 'PostgreSQL, two instances' : 'SQLite, one instance'})`,
      '',
      `- date: ${new Date().toISOString()}; machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      `- \`npm run bench:requests\`${SERVER_URL ? ' with `DATABASE_URL`' : ''}: a partner raises ${RATE} requests/s for ${SECONDS} s, open loop (latency from each scheduled send), each acknowledged by the paged nurse at once; the nurse's event stream is open on ${SERVER_URL ? 'the first instance while requests alternate between both' : 'the instance'}; ${UNANSWERED} unanswered requests (ackMinutes 1) time the next step against its due time; measured after ${WARMUP_SECONDS} s of the same load, not measured, that warms the freshly started processes; the load generator shares the two cores with the service; load average ${fmt(loadBefore, 2)} when the measured minute began, ${fmt(loadAfter, 2)} when it ended`,
      '',
      '| figure | result | target | |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    const title = `\n## Acute requests (${SERVER_URL ? 'PostgreSQL, two instances' : 'SQLite, one instance'})`;
    let previous = '';
    try {
      previous = readFileSync('bench/RESULTS.md', 'utf8');
    } catch {
      // first run
    }
    const at = previous.indexOf(title);
    const next = at < 0 ? -1 : previous.indexOf('\n## ', at + 1);
    const text = at < 0 ? previous.trimEnd() + '\n' + section : previous.slice(0, at).trimEnd() + '\n' + section + (next < 0 ? '' : previous.slice(next));
    writeFileSync('bench/RESULTS.md', text);
    process.stdout.write(section + '\n');
  } finally {
    for (const svc of instances) await svc.stop();
    await db.drop();
  }
}

function body(reference: string) {
  return { regionCode: 'AMS', function: 'acute-screening', urgency: 'immediate', postcode: '1012', partnerReference: reference, callbackPhone: '+31201234567' };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
