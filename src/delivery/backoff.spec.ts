import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from './backoff.js';

describe('webhook retry backoff', () => {
  it('waits 30 s after the first failure and doubles each time', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits longer than an hour between attempts', () => {
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(1000)).toBe(3_600_000);
  });

  it('the last attempt falls on the end of the 24-hour window, and after it the delivery gives up', () => {
    const created = 0;
    const giveUp = created + RETRY_WINDOW_MS;
    expect(nextAttemptAt(10, giveUp - 60_000, giveUp)).toBe(giveUp);
    expect(nextAttemptAt(11, giveUp, giveUp)).toBeNull();
  });
});
