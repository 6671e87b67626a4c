import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbsencesModule } from '../absences/absences.module.js';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { MonthsModule } from '../months/months.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { AbsencesService } from './absences.service.js';
import { CandidatesService } from './candidates.service.js';
import { HolidaysController } from './holidays.controller.js';
import { OfferEntity } from './offer.entity.js';
import { OffersService } from './offers.service.js';
import { PlanningController } from './planning.controller.js';
import { PlanInputLoader } from './plans/plan-input.js';
import { RosterPlanEntity, WishEntity } from './plans/plan.entities.js';
import { RosterPlansController } from './plans/roster-plans.controller.js';
import { PlannerPool } from './plans/planner-pool.js';
import { RosterPlansService } from './plans/roster-plans.service.js';
import { WishesService } from './plans/wishes.service.js';

/** Planning aids: candidates, offers (give-away and swap), absences, public holidays, wishes and roster plans. */
@Module({
  imports: [
    TypeOrmModule.forFeature([OfferEntity, WishEntity, RosterPlanEntity]),
    AssignmentsModule,
    NursesModule,
    MonthsModule,
    AbsencesModule,
    ContractsModule,
    ReferenceModule,
  ],
  controllers: [PlanningController, HolidaysController, RosterPlansController],
  providers: [CandidatesService, OffersService, AbsencesService, PlanInputLoader, PlannerPool, RosterPlansService, WishesService],
})
export class PlanningModule {}
