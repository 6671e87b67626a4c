import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntity } from './outbox.entity.js';
import { OutboxService } from './outbox.service.js';
import { WebhookTargets } from './webhook-targets.js';

/** Outgoing webhooks through a stored outbox: signed, retried with backoff, surviving restarts. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntity])],
  providers: [OutboxService, WebhookTargets],
  exports: [OutboxService, WebhookTargets],
})
export class DeliveryModule {}
