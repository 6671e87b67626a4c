import { percentTwoDecimals, responseFigures, wholeSecondsHalfUp } from './response-figures.js';

const T = Date.parse('2027-03-01T10:00:00Z');
/** A request acknowledged `ackAfterSeconds` after creation (fractions are milliseconds), or never. */
const req = (ackAfterSeconds: number | null, over: Partial<{ escalated: boolean; cancelled: boolean; ackMinutes: number }> = {}) => ({
  createdAt: T,
  acknowledgedAt: ackAfterSeconds === null ? null : T + Math.round(ackAfterSeconds * 1000),
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

  it('seconds to acknowledgement are rounded half up: 0.499 s is 0 s, 0.5 s is 1 s, 2.5 s is 3 s', () => {
    expect([0, 499, 500, 1499, 1500, 2500, 599_499, 599_500].map(wholeSecondsHalfUp)).toEqual([0, 0, 1, 1, 2, 3, 599, 600]);
    expect(responseFigures([req(0.5)]).medianAckSeconds).toBe(1);
    expect(responseFigures([req(2.5), req(2.499)])).toMatchObject({ medianAckSeconds: 2, p90AckSeconds: 3 });
  });

  it('an acknowledgement that reads as exactly ackMinutes in whole seconds is within: 600.499 s is 600 s, 600.5 s is 601 s and late', () => {
    expect(responseFigures([req(600.499)])).toMatchObject({ medianAckSeconds: 600, withinAckPct: 100 });
    expect(responseFigures([req(600.5)])).toMatchObject({ medianAckSeconds: 601, withinAckPct: 0 });
    expect(responseFigures([req(599.5)])).toMatchObject({ medianAckSeconds: 600, withinAckPct: 100 });
    expect(responseFigures([req(1800.4, { ackMinutes: 30 }), req(1800.5, { ackMinutes: 30 })]).withinAckPct).toBe(50);
  });

  it('an acknowledgement stamped a few milliseconds before its request (clocks of two instances) took 0 s', () => {
    expect(wholeSecondsHalfUp(-3)).toBe(0);
    expect(responseFigures([req(-0.003)])).toMatchObject({ medianAckSeconds: 0, withinAckPct: 100 });
  });

  it('the share within is rounded half up to two decimals from the counts: 1 of 32 is 3.13, 2 of 3 is 66.67, 1 of 3 is 33.33', () => {
    expect(percentTwoDecimals(1, 32)).toBe(3.13);
    expect(percentTwoDecimals(2, 3)).toBe(66.67);
    expect(percentTwoDecimals(1, 3)).toBe(33.33);
    expect(percentTwoDecimals(1, 160)).toBe(0.63);
    expect(percentTwoDecimals(7, 7)).toBe(100);
    expect(percentTwoDecimals(0, 7)).toBe(0);
    const oneOf32 = [req(60), ...Array.from({ length: 31 }, () => req(900))];
    expect(responseFigures(oneOf32).withinAckPct).toBe(3.13);
  });
});
