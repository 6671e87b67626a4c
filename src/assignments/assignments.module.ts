import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '../contracts/contracts.module.js';
import { MonthsModule } from '../months/months.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { AssignmentChecks } from './assignment-checks.service.js';
import { AssignmentEntity } from './assignment.entity.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { AssignmentsService } from './assignments.service.js';
import { SlotViewsService } from './slot-views.service.js';
import { SlotsController } from './slots.controller.js';
import { CandidatesController } from './candidates.controller.js';
import { CandidatesService } from './candidates.service.js';

/** Nurses on slots, judged by one pure verdict; the slots as the board shows them; who could take a slot. */
@Module({
  imports: [TypeOrmModule.forFeature([AssignmentEntity]), RosterModule, NursesModule, MonthsModule, ContractsModule, ReferenceModule],
  controllers: [AssignmentsController, SlotsController, CandidatesController],
  providers: [AssignmentsService, AssignmentChecks, SlotViewsService, AssignmentsRepository, CandidatesService],
  exports: [AssignmentsService, AssignmentChecks, AssignmentsRepository],
})
export class AssignmentsModule {}
