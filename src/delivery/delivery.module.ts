import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntity } from './outbox.entity.js';
import { OutboxService } from './outbox.service.js';
import { PushSubscriptionEntity } from './push-subscription.entity.js';
import { PushSubscriptions } from './push-subscriptions.js';
import { SmsStatusController } from './sms-status.controller.js';
import { WebhookTargets } from './webhook-targets.js';

/**
 * Everything that leaves the house, through one stored outbox: signed webhooks, Web Push to the
 * stored subscriptions, SMS through the gateway; retried with backoff, surviving restarts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntity, PushSubscriptionEntity])],
  controllers: [SmsStatusController],
  providers: [OutboxService, WebhookTargets, PushSubscriptions],
  exports: [OutboxService, WebhookTargets, PushSubscriptions],
})
export class DeliveryModule {}
