import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { CapacityController, IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { ReferralTimeouts } from './referral-timeouts.js';
import { IntakeLineEntity, IntakeSnapshotEntity, IntakeVersionEntity, ProviderIntakeEntity, ReferralEntity, ReferralOfferEntity } from './referral.entities.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsRepository } from './referrals.repository.js';
import { ReferralsService } from './referrals.service.js';

/** The regional coordination point: intake capacity, referrals matched to providers with room, offers one at a time, the desk, the figures. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProviderIntakeEntity, IntakeLineEntity, IntakeSnapshotEntity, IntakeVersionEntity, ReferralEntity, ReferralOfferEntity]),
    ReferenceModule,
    DeliveryModule,
    RequestsModule,
  ],
  controllers: [ReferralsController, IntakeController, CapacityController],
  providers: [ReferralsService, IntakeService, ReferralsRepository, ReferralTimeouts],
  exports: [ReferralsService, IntakeService, ReferralTimeouts],
})
export class ReferralsModule {}
