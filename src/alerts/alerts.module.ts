import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { AlertWebhook } from './alert-webhook.js';
import { AlertEntity } from './alert.entity.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

/** Gap alerts of the coming 72 h and their webhook. */
@Module({
  imports: [TypeOrmModule.forFeature([AlertEntity]), DeliveryModule, ReferenceModule, RosterModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertWebhook],
  exports: [AlertsService],
})
export class AlertsModule {}
