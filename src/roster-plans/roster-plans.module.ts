import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { MonthsModule } from '../months/months.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { PlanInputLoader } from './plan-input.js';
import { RosterPlanEntity, WishEntity } from './plan.entities.js';
import { PlannerPool } from './planner-pool.js';
import { RosterPlansController } from './roster-plans.controller.js';
import { RosterPlansService } from './roster-plans.service.js';
import { WishesService } from './wishes.service.js';

/** Roster plans (the pure planner in a worker thread, proposals applied in one transaction) and nurses' wishes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([WishEntity, RosterPlanEntity]),
    AssignmentsModule,
    NursesModule,
    MonthsModule,
    ContractsModule,
    ReferenceModule,
    RosterModule,
  ],
  controllers: [RosterPlansController],
  providers: [PlanInputLoader, PlannerPool, RosterPlansService, WishesService],
})
export class RosterPlansModule {}
