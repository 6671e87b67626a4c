import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * Loaded into the service's process by the benchmark (`node --import …/loop-probe.js`), never by
 * the service itself: measures the event loop's delay with `perf_hooks.monitorEventLoopDelay`
 * (1 ms resolution) and, besides, every single stall of 5 ms or more with the moment it ended, so
 * a stall can be matched to what ran then. Over the IPC channel the benchmark asks `reset` before
 * a measured run and `read` after it; the answer is the delay's percentiles in milliseconds. For
 * finding what stalls, `profile-start` and `profile-stop <file>` record a CPU profile of the
 * service (open it in Chrome's DevTools).
 */
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();

/** Garbage collections since the last reset: how many, how many were full, their total and longest pause (ms). */
let gc = { count: 0, totalMs: 0, maxMs: 0, major: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
  }
}).observe({ type: 'gc' });

const STALL_MS = 5;
const STEP_MS = 1;
let stalls: Stall[] = [];
let expected = performance.now() + STEP_MS;
let cpu = process.cpuUsage();
const watch = setInterval(() => {
  const now = performance.now();
  const late = now - expected;
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  // The process's CPU time over the stall: far below its length, the process was waiting for a core (other work on the machine).
  if (late >= STALL_MS) stalls.push({ at: Date.now(), ms: round(late), cpuMs: round((used.user + used.system) / 1000) });
  expected = now + STEP_MS;
}, STEP_MS);
watch.unref();

const round = (x: number) => Math.round(x * 10) / 10;

/** A stall of the event loop: when it ended (epoch ms), how long it was, and the CPU time the process used meanwhile (all its threads). */
export interface Stall {
  at: number;
  ms: number;
  cpuMs: number;
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** Stalls of 5 ms or more (the end time, epoch ms, and the length), longest first, at most 20. */
  stalls: Stall[];
  stallCount: number;
  /** Garbage collections: how many (`major`: full mark-compacts), their total and longest pause (ms), and the heap in use at the read (MB). */
  gc: { count: number; major: number; totalMs: number; maxMs: number; heapMb: number };
}

let session: Session | null = null;

process.on('message', (message: unknown) => {
  if (message === 'loop-probe:profile-start') {
    session = new Session();
    session.connect();
    session.post('Profiler.enable', () =>
      session?.post('Profiler.setSamplingInterval', { interval: 100 }, () => session?.post('Profiler.start', () => process.send?.({ probe: 'profile-start' }))),
    );
    return;
  }
  if (typeof message === 'string' && message.startsWith('loop-probe:profile-stop ')) {
    const file = message.slice('loop-probe:profile-stop '.length);
    session?.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(file, JSON.stringify(result.profile));
      session?.disconnect();
      session = null;
      process.send?.({ probe: 'profile-stop', delay: err ? String(err) : file });
    });
    return;
  }
  if (message === 'loop-probe:reset') {
    histogram.reset();
    stalls = [];
    gc = { count: 0, totalMs: 0, maxMs: 0, major: 0 };
    process.send?.({ probe: 'reset' });
  } else if (message === 'loop-probe:read') {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const delay: LoopDelay = {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      stalls: [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 20),
      stallCount: stalls.length,
      gc: {
        count: gc.count,
        major: gc.major,
        totalMs: round(gc.totalMs),
        maxMs: round(gc.maxMs),
        heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      },
    };
    process.send?.({ probe: 'read', delay });
  }
});
// The channel must not keep the service alive after it has closed.
process.channel?.unref();
