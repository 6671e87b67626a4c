import { performance } from 'node:perf_hooks';

/**
 * Pausable computations: a generator that yields between small units of work (any value it
 * yields is only a pause) and returns its result. The event loop is for answering, so a long
 * computation runs in slices of a few milliseconds and lets other requests in between.
 */
export type Pausable<T> = Generator<unknown, T, void>;

/** Runs a pausable computation to its end at once (small inputs, tests, code already off the loop). */
export function runToEnd<T>(work: Pausable<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** At most this long on the event loop at a time, then other work gets a turn. */
export const SLICE_MS = 4;

/** Runs a pausable computation in slices of at most about `sliceMs` each. */
export async function runInSlices<T>(work: Pausable<T>, sliceMs = SLICE_MS): Promise<T> {
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = performance.now() + sliceMs;
    }
  }
}
