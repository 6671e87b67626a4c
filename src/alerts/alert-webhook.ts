import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

const ATTEMPTS = 5;
const FIRST_DELAY_MS = 1_000;

/**
 * POSTs each new gap alert to ALERT_WEBHOOK_URL, retrying with exponential backoff. Fire and
 * forget: the scan never waits for a partner's endpoint.
 */
@Injectable()
export class AlertWebhook {
  private readonly logger = new Logger('AlertWebhook');
  /** Deliveries in flight, so tests and shutdown can wait for them. */
  readonly pending = new Set<Promise<void>>();

  constructor(private readonly config: AppConfig) {}

  send(alert: object): void {
    const url = this.config.alertWebhookUrl;
    if (!url) return;
    const delivery = this.deliver(url, alert).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  private async deliver(url: string, alert: object): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(alert),
          signal: AbortSignal.timeout(5_000),
        });
        if (res.ok) return;
        this.logger.warn(`webhook answered ${res.status} (attempt ${attempt})`);
      } catch (e) {
        this.logger.warn(`webhook failed (attempt ${attempt}): ${e instanceof Error ? e.message : e}`);
      }
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, FIRST_DELAY_MS * 2 ** (attempt - 1)));
    }
    this.logger.error('webhook gave up after retries');
  }
}
