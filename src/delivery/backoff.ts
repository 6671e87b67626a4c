/** Deliveries are retried for this long after they were queued, then marked failed. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 3_600_000;

/** The wait after the given number of failed attempts: 30 s, 1 min, 2 min … doubling, at most an hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failedAttempts - 1, 20)));
}

/** When to try again, or null to give up: never past the retry window. */
export function nextAttemptAt(failedAttempts: number, now: number, giveUpAt: number): number | null {
  if (now >= giveUpAt) return null;
  return Math.min(now + retryDelayMs(failedAttempts), giveUpAt);
}
