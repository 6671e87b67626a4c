import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PushController } from './push.controller.js';
import { PushService } from './push.service.js';

/** A nurse's browsers that pages are pushed to: the subscriptions' API, and their end with the session or the user. */
@Module({
  imports: [DeliveryModule, IdentityModule],
  controllers: [PushController],
  providers: [PushService],
})
export class PushModule {}
