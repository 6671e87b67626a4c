import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { MonthsModule } from '../months/months.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { OfferEntity } from './offer.entity.js';
import { OffersController } from './offers.controller.js';
import { OffersService } from './offers.service.js';

/** Shift offers (give-away and swap), from offer to approval; closed when their assignment is cancelled. */
@Module({
  imports: [TypeOrmModule.forFeature([OfferEntity]), AssignmentsModule, NursesModule, MonthsModule, ContractsModule, ReferenceModule, RosterModule],
  controllers: [OffersController],
  providers: [OffersService],
  exports: [OffersService],
})
export class OffersModule {}
