import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { FeesModule } from '../fees/fees.module.js';
import { MonthsModule } from '../months/months.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { TerminationController } from './termination.controller.js';
import { TerminationService } from './termination.service.js';

/** Terminate a contract, delete a template with force: the changes that cascade over slots and assignments. */
@Module({
  imports: [ContractsModule, RosterModule, AssignmentsModule, FeesModule, MonthsModule, ReferenceModule],
  controllers: [TerminationController],
  providers: [TerminationService],
})
export class TerminationModule {}
