import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { OutboxService } from '../delivery/outbox.service.js';

/**
 * Each new gap alert is POSTed to ALERT_WEBHOOK_URL through the outbox: queued in the scan's own
 * transaction, delivered by the outbox worker and retried with backoff for 24 hours, across
 * restarts. The scan never waits for the partner's endpoint.
 */
@Injectable()
export class AlertWebhook {
  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  async enqueue(manager: EntityManager, alerts: Array<{ id: string }>): Promise<void> {
    const url = this.config.alertWebhookUrl;
    if (!url) return;
    await this.outbox.enqueue(
      manager,
      alerts.map((alert) => ({ kind: 'gap-alert' as const, url, secret: null, body: alert, idempotencyKey: alert.id })),
    );
  }
}
