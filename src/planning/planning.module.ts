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

/** Planning aids: candidates, offers (give-away and swap), absences, public holidays. */
@Module({
  imports: [TypeOrmModule.forFeature([OfferEntity]), AssignmentsModule, NursesModule, MonthsModule, AbsencesModule, ContractsModule, ReferenceModule],
  controllers: [PlanningController, HolidaysController],
  providers: [CandidatesService, OffersService, AbsencesService],
})
export class PlanningModule {}
