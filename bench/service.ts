import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from './scratch.js';

/**
 * The production build (`node dist/src/main.js`) as a child process on a free local port, with
 * jobs off and the rate limit out of the way. Shared by the benchmark, the crash test and the
 * browser tests. A restart keeps the port.
 */
export class ProductionService {
  private child: ChildProcess | null = null;

  /**
   * `port` 0: a free one is picked at the first start (a caller that must name the port up front
   * passes it). `entry`: the built service to run, by default `npm run build`'s.
   */
  constructor(
    private readonly env: Record<string, string>,
    readonly token: string,
    private port = 0,
    private readonly entry = 'dist/src/main.js',
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    this.child = spawn(process.execPath, [this.entry], {
      env: {
        ...process.env,
        RUN_JOBS: 'false',
        THROTTLE_LIMIT: '1000000',
        ...this.env,
        PORT: String(this.port),
        ADMIN_TOKEN: this.token,
        DATABASE_URL: this.env.DATABASE_URL ?? '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
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
