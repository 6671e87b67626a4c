import { responseFigures } from './response-figures.js';

const T = Date.parse('2027-03-01T10:00:00Z');
const req = (ackAfterSeconds: number | null, over: Partial<{ escalated: boolean; cancelled: boolean; ackMinutes: number }> = {}) => ({
  createdAt: T,
  acknowledgedAt: ackAfterSeconds === null ? null : T + ackAfterSeconds * 1000,
  escalatedAt: over.escalated ? T + 600_000 : null,
  cancelledAt: over.cancelled ? T + 60_000 : null,
  ackMinutes: over.ackMinutes ?? 10,
});

describe('response figures', () => {
  it('a month without requests has counts of zero and no times', () => {
    expect(responseFigures([])).toEqual({ requests: 0, acknowledged: 0, escalated: 0, medianAckSeconds: null, p90AckSeconds: null, withinAckPct: null });
  });

  it('median and 90th percentile are nearest-rank seconds to acknowledgement', () => {
    const figures = responseFigures([60, 120, 180, 240, 300, 360, 420, 480, 540, 900].map((s) => req(s)));
    expect(figures.medianAckSeconds).toBe(300);
    expect(figures.p90AckSeconds).toBe(540);
  });

  it('an acknowledgement exactly at ackMinutes is within the SLA, one second later is not', () => {
    expect(responseFigures([req(600), req(601), req(null)]).withinAckPct).toBe(33.33);
  });

  it('a request cancelled before anyone acknowledged it does not count against the SLA', () => {
    expect(responseFigures([req(30), req(null, { cancelled: true })])).toMatchObject({ requests: 2, acknowledged: 1, withinAckPct: 100 });
  });

  it('escalated requests are counted, and the contract’s own ackMinutes applies', () => {
    expect(responseFigures([req(1500, { escalated: true, ackMinutes: 30 })])).toMatchObject({ escalated: 1, withinAckPct: 100 });
  });
});
