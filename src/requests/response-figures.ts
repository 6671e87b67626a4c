/**
 * Response figures of a contract's requests in a month: pure. How many, how many acknowledged
 * and escalated, the median and 90th percentile of the time to acknowledgement (nearest rank, in
 * whole seconds), and the share acknowledged within ackMinutes of creation (two decimals).
 */
export interface RequestFacts {
  createdAt: number;
  acknowledgedAt: number | null;
  escalatedAt: number | null;
  cancelledAt: number | null;
  ackMinutes: number;
}

function nearestRank(sorted: number[], pct: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)];
}

export function responseFigures(requests: RequestFacts[]) {
  const ackSeconds = requests
    .filter((r) => r.acknowledgedAt !== null)
    .map((r) => Math.round(((r.acknowledgedAt as number) - r.createdAt) / 1000))
    .sort((a, b) => a - b);
  // A request cancelled before anyone acknowledged it was withdrawn, not missed: it does not count against the SLA.
  const measured = requests.filter((r) => !(r.cancelledAt !== null && r.acknowledgedAt === null));
  const within = measured.filter((r) => r.acknowledgedAt !== null && r.acknowledgedAt - r.createdAt <= r.ackMinutes * 60_000).length;
  return {
    requests: requests.length,
    acknowledged: ackSeconds.length,
    escalated: requests.filter((r) => r.escalatedAt !== null).length,
    medianAckSeconds: nearestRank(ackSeconds, 50),
    p90AckSeconds: nearestRank(ackSeconds, 90),
    withinAckPct: measured.length ? Math.round((within * 10_000) / measured.length) / 100 : null,
  };
}
