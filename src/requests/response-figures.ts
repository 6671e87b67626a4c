/**
 * Response figures of a contract's requests in a month: pure. How many, how many acknowledged
 * and escalated, the median and 90th percentile of the time to acknowledgement (nearest rank, in
 * whole seconds), and the share acknowledged within ackMinutes of creation (two decimals).
 *
 * api.md: seconds are rounded half up to whole seconds, and an acknowledgement at exactly
 * ackMinutes counts as within. The whole seconds are the measure for both, so a request whose time
 * reads 600 s counts as within 10 minutes (600.4 s is 600 s; 600.5 s is 601 s and late).
 */
export interface RequestFacts {
  createdAt: number;
  acknowledgedAt: number | null;
  escalatedAt: number | null;
  cancelledAt: number | null;
  ackMinutes: number;
}

/**
 * Milliseconds to whole seconds, half up, in integers. An acknowledgement stamped before its
 * request (two instances whose clocks differ by a few milliseconds) took no time: 0 s.
 */
export function wholeSecondsHalfUp(ms: number): number {
  return ms <= 0 ? 0 : Math.floor((ms + 500) / 1000);
}

/** A share in percent with two decimals, half up, from integer counts (no floating-point rounding). */
export function percentTwoDecimals(part: number, whole: number): number {
  return Math.floor((part * 20_000 + whole) / (2 * whole)) / 100;
}

function nearestRank(sorted: number[], pct: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)];
}

/** Whole seconds from creation to acknowledgement; null while unacknowledged. */
function ackSecondsOf(r: RequestFacts): number | null {
  return r.acknowledgedAt === null ? null : wholeSecondsHalfUp(r.acknowledgedAt - r.createdAt);
}

export function responseFigures(requests: RequestFacts[]) {
  const ackSeconds = requests
    .map(ackSecondsOf)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  // A request cancelled before anyone acknowledged it was withdrawn, not missed: it does not count against the SLA.
  const measured = requests.filter((r) => !(r.cancelledAt !== null && r.acknowledgedAt === null));
  const within = measured.filter((r) => {
    const seconds = ackSecondsOf(r);
    return seconds !== null && seconds <= r.ackMinutes * 60;
  }).length;
  return {
    requests: requests.length,
    acknowledged: ackSeconds.length,
    escalated: requests.filter((r) => r.escalatedAt !== null).length,
    medianAckSeconds: nearestRank(ackSeconds, 50),
    p90AckSeconds: nearestRank(ackSeconds, 90),
    withinAckPct: measured.length ? percentTwoDecimals(within, measured.length) : null,
  };
}
