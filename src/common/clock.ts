import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests control time instead of waiting for it. */
@Injectable()
export class Clock {
  private fixed: number | null = null;
  now(): number {
    return this.fixed ?? Date.now();
  }
  /** Tests only: freeze time at an instant, or pass null to follow the real clock again. */
  set(ms: number | null): void {
    this.fixed = ms;
  }
}
