import { expect } from '@jest/globals';

/**
 * One request must never hold up the service: helpers that ask `/health` over and over while a
 * long computation runs, and tell the slowest answer. `health` is one request to the service.
 */
export type HealthProbe = () => Promise<number>;

/** Asks `/health` one request after another until `stop()` is true; the slowest answer, in ms. */
async function pingHealth(health: HealthProbe, stop: () => boolean): Promise<{ worstMs: number; answers: number }> {
  let worstMs = 0;
  let answers = 0;
  while (!stop()) {
    const started = performance.now();
    expect(await health()).toBe(200);
    worstMs = Math.max(worstMs, performance.now() - started);
    answers++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { worstMs, answers };
}

/**
 * Runs `work` while asking `/health` one request after another; the slowest answer and its bound.
 * The bound is 100 ms, the target; a machine busy with other processes delays every answer, work
 * or not, so a `control` (an idle instance of the same service, asked in the same way at the same
 * time) raises it to twice the control's slowest answer. Before slicing and worker threads, a
 * template that never occurs held `/health` for 8 to 36 s and a large plan for minutes, while an
 * idle instance answered in milliseconds: a bound of this kind catches that.
 */
export async function healthDuring<T>(
  health: HealthProbe,
  work: () => Promise<T>,
  control?: HealthProbe,
): Promise<{ result: T; worstHealthMs: number; boundMs: number; healthAnswers: number; tookMs: number }> {
  let done = false;
  const pinger = pingHealth(health, () => done);
  const controlPinger = control ? pingHealth(control, () => done) : null;
  // Let the first /health go out before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const started = performance.now();
  let result: T;
  try {
    result = await work();
  } finally {
    done = true;
  }
  const tookMs = performance.now() - started;
  const { worstMs, answers } = await pinger;
  const controlWorst = controlPinger ? (await controlPinger).worstMs : 0;
  return { result, worstHealthMs: worstMs, boundMs: Math.max(100, 2 * controlWorst), healthAnswers: answers, tookMs };
}
