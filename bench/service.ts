import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoopDelay } from './loop-probe.js';
import { freePort } from './scratch.js';

/** The event-loop probe, compiled beside this file (dist/bench/loop-probe.js). */
const LOOP_PROBE = fileURLToPath(new URL('./loop-probe.js', import.meta.url));

/**
 * The production build (`node dist/src/main.js`) as a child process on a free local port, with
 * jobs off and the rate limit out of the way. Shared by the benchmark, the crash test and the
 * browser tests. A restart keeps the port.
 */
export class ProductionService {
  private child: ChildProcess | null = null;

  /**
   * `port` 0: a free one is picked at the first start (a caller that must name the port up front
   * passes it). `entry`: the built service to run, by default `npm run build`'s. `probe`: load the
   * event-loop probe into the service (see `loopDelay`).
   */
  constructor(
    private readonly env: Record<string, string>,
    readonly token: string,
    private port = 0,
    private readonly entry = 'dist/src/main.js',
    private readonly probe = false,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const args = this.probe ? ['--import', LOOP_PROBE, this.entry] : [this.entry];
    this.child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        RUN_JOBS: 'false',
        THROTTLE_LIMIT: '1000000',
        ...this.env,
        PORT: String(this.port),
        ADMIN_TOKEN: this.token,
        DATABASE_URL: this.env.DATABASE_URL ?? '',
      },
      stdio: ['ignore', 'ignore', 'inherit', ...(this.probe ? (['ipc'] as const) : [])],
    });
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${this.base}/health`)).ok) return;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('service did not start');
  }

  /** SIGTERM for a clean stop; the crash test uses SIGKILL. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.child) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill(signal);
    await exited;
    this.child = null;
  }

  /** The probe's event-loop delay since the last call (the first call only starts the count). */
  async loopDelay(): Promise<LoopDelay> {
    const delay = await this.askProbe<LoopDelay>('loop-probe:read', 'read');
    await this.askProbe<undefined>('loop-probe:reset', 'reset');
    return delay;
  }

  /** Starts a CPU profile of the service (to find what stalls it); `stopProfile` writes it to a file. */
  async startProfile(): Promise<void> {
    await this.askProbe<undefined>('loop-probe:profile-start', 'profile-start');
  }

  async stopProfile(file: string): Promise<void> {
    await this.askProbe<string>(`loop-probe:profile-stop ${file}`, 'profile-stop');
  }

  private askProbe<T>(message: string, kind: string): Promise<T> {
    const child = this.child;
    if (!child || !this.probe) throw new Error('the service runs without the event-loop probe');
    return new Promise<T>((resolve) => {
      const onMessage = (m: { probe?: string; delay?: T }) => {
        if (m?.probe !== kind) return;
        child.off('message', onMessage);
        resolve(m.delay as T);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  }

  rssMb(): number {
    const status = readFileSync(`/proc/${this.child!.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  }

  /** One request; the body is parsed when the answer is JSON, else left as text. */
  async call(method: string, path: string, body?: unknown, token = this.token): Promise<{ status: number; body: any; ms: number }> {
    const t0 = performance.now();
    const res = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, ms };
  }

  async must(method: string, path: string, body?: unknown) {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }
}
