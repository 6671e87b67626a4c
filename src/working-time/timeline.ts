import type { Duty } from './working-time-rules.js';

/**
 * One nurse's duties, sorted by start, with the window queries the working-time rules need. Built
 * once from the nurse's duties around a period, then asked about many candidate duties (candidate
 * lists, a planner): each question costs a binary search, not a scan, and a planner can add a
 * placed duty and take it back.
 */
export class NurseTimeline {
  private readonly duties: Duty[];

  constructor(duties: Iterable<Duty> = []) {
    this.duties = [...duties].sort(byStart);
  }

  get size(): number {
    return this.duties.length;
  }

  all(): readonly Duty[] {
    return this.duties;
  }

  /** Duties that overlap [fromMs, toMs), in order of start. */
  within(fromMs: number, toMs: number): Duty[] {
    // Every duty is shorter than MAX_DUTY_MS, so none starting before fromMs − MAX_DUTY_MS reaches fromMs.
    let i = this.firstStartingAtOrAfter(fromMs - MAX_DUTY_MS);
    const found: Duty[] = [];
    for (; i < this.duties.length && this.duties[i].startMs < toMs; i++) {
      if (this.duties[i].endMs > fromMs) found.push(this.duties[i]);
    }
    return found;
  }

  /** Adds a duty in its place (a planner trying a placement). */
  add(duty: Duty): void {
    this.duties.splice(this.firstStartingAtOrAfter(duty.startMs + 1), 0, duty);
  }

  /** Takes back a duty added before (the same object). */
  remove(duty: Duty): boolean {
    const at = this.duties.indexOf(duty, this.firstStartingAtOrAfter(duty.startMs));
    if (at < 0) return false;
    this.duties.splice(at, 1);
    return true;
  }

  private firstStartingAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.duties.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.duties[mid].startMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** No duty is longer than this: 24 h of wall clock plus a clock change, with room to spare. */
export const MAX_DUTY_MS = 48 * 3_600_000;

function byStart(a: Duty, b: Duty): number {
  return a.startMs - b.startMs || a.endMs - b.endMs;
}
