import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { ReferralsService } from './referrals.service.js';

/** Due offers read at once; a run reads batch after batch until none is due, at most this many batches. */
const TICK_BATCH = 100;
const MAX_BATCHES_PER_TICK = 50;

/**
 * The referral offers' durable timer, run by the job runner every 2 s in each instance that runs
 * jobs: every referral
 * whose open offer is past its answer time is timed out and offered to the next provider (or
 * escalated), each under the referral's lock after reading it again (ReferralsService.timeOut),
 * so a restart, a kill -9 or a second instance neither loses a timeout nor handles it twice.
 */
@Injectable()
export class ReferralTimeouts {
  private readonly logger = new Logger('ReferralTimeouts');
  private ticking: Promise<number> | null = null;

  constructor(
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  /** One run: every offer due at the clock's now is timed out. Returns how many were. One run at a time per instance. */
  tick(): Promise<number> {
    this.ticking ??= this.tickOnce().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async tickOnce(): Promise<number> {
    const now = this.clock.now();
    let handled = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const due = await this.referrals.dueIds(now, TICK_BATCH);
      let changed = 0;
      for (const id of due) {
        try {
          if (await this.referrals.timeOut(id, now)) handled++;
          changed++;
        } catch (e) {
          this.logger.error(`timing out the offer of referral ${id} failed: ${e instanceof Error ? e.message : e}`);
        }
      }
      if (due.length < TICK_BATCH || changed === 0) break;
    }
    return handled;
  }
}
