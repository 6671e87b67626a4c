import { cronStatus, HEARTBEAT_EVERY_MS, heartbeatDue, STALL_AFTER_MS, tickerStatus, versionVerdict } from './worker-state.js';

const NOW = Date.parse('2027-03-01T12:00:00Z');

describe('which instance may run a worker', () => {
  it('an instance whose version the database records runs it', () => {
    expect(versionVerdict(2, 2)).toBe('current');
  });

  it('a worker the database does not know yet is run (its row is written at start)', () => {
    expect(versionVerdict(1, null)).toBe('current');
  });

  it('an old instance stops once a newer one has raised the version during a rolling upgrade', () => {
    expect(versionVerdict(1, 2)).toBe('outdated');
  });

  it('an instance newer than the database does not run it either until it has raised the version', () => {
    expect(versionVerdict(3, 2)).toBe('ahead');
  });
});

describe('when a ticker writes its heartbeat', () => {
  it('the first run of an instance is written', () => {
    expect(heartbeatDue(null, true, NOW)).toBe(true);
  });

  it('a run without error shortly after the last written one is not written', () => {
    expect(heartbeatDue({ at: NOW - HEARTBEAT_EVERY_MS + 1, ok: true }, true, NOW)).toBe(false);
  });

  it(`a run without error ${HEARTBEAT_EVERY_MS / 1000} s after the last written one is written`, () => {
    expect(heartbeatDue({ at: NOW - HEARTBEAT_EVERY_MS, ok: true }, true, NOW)).toBe(true);
  });

  it('every failed run is written, and so is the first success after a failure', () => {
    expect(heartbeatDue({ at: NOW - 1, ok: true }, false, NOW)).toBe(true);
    expect(heartbeatDue({ at: NOW - 1, ok: false }, false, NOW)).toBe(true);
    expect(heartbeatDue({ at: NOW - 1, ok: false }, true, NOW)).toBe(true);
  });

  it('a clock that went back writes at once', () => {
    expect(heartbeatDue({ at: NOW + 60_000, ok: true }, true, NOW)).toBe(true);
  });
});

describe('how a ticker stands across all instances', () => {
  it('a run without error within the stall window is ok, even when later runs failed', () => {
    expect(tickerStatus({ lastRunAt: NOW - 1_000, lastOkAt: NOW - STALL_AFTER_MS }, NOW)).toBe('ok');
  });

  it('runs that finish but all fail are failing', () => {
    expect(tickerStatus({ lastRunAt: NOW - 2_000, lastOkAt: NOW - STALL_AFTER_MS - 1 }, NOW)).toBe('failing');
    expect(tickerStatus({ lastRunAt: NOW - 2_000, lastOkAt: null }, NOW)).toBe('failing');
  });

  it('an escalation ticker that finished nothing for longer than the window is stalled', () => {
    expect(tickerStatus({ lastRunAt: NOW - STALL_AFTER_MS - 1, lastOkAt: NOW - STALL_AFTER_MS - 1 }, NOW)).toBe('stalled');
  });

  it('a ticker no instance ever ran has not run', () => {
    expect(tickerStatus({ lastRunAt: null, lastOkAt: null }, NOW)).toBe('not-run');
  });
});

describe('how a cron job stands', () => {
  it('by its newest finished run: failed is failing, ok and skipped are ok, none is not run', () => {
    expect(cronStatus('failed')).toBe('failing');
    expect(cronStatus('ok')).toBe('ok');
    expect(cronStatus('skipped')).toBe('ok');
    expect(cronStatus(null)).toBe('not-run');
  });
});
