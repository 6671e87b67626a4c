import { Module } from '@nestjs/common';
import { AbsencesRepository } from './absences/absences.repository.js';
import { MonthsService } from './months/months.service.js';
import { AlertWebhook } from './alerts/alert-webhook.js';
import { AssignmentChecks } from './assignments/assignment-checks.service.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { AuditController } from './audit/audit.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarService } from './calendar/calendar.service.js';
import { ContractsController } from './contracts/contracts.controller.js';
import { ContractsService } from './contracts/contracts.service.js';
import { CoverageController } from './coverage/coverage.controller.js';
import { CoverageService } from './coverage/coverage.service.js';
import { FeeStatementsController } from './fees/fee-statements.controller.js';
import { FeeStatementsService } from './fees/fee-statements.service.js';
import { HealthController } from './health/health.controller.js';
import { JobsController } from './jobs/jobs.controller.js';
import { JobsService } from './jobs/jobs.service.js';
import { OnCallController } from './on-call/on-call.controller.js';
import { OnCallService } from './on-call/on-call.service.js';
import { HolidaysController } from './planning/holidays.controller.js';
import { AbsencesService } from './planning/absences.service.js';
import { CandidatesService } from './planning/candidates.service.js';
import { OffersService } from './planning/offers.service.js';
import { PlanningController } from './planning/planning.controller.js';
import { NursesService } from './reference/nurses.service.js';
import { ConsortiaController, InsurersController, NursesController, ProvidersController, RegionsController } from './reference/reference.controller.js';
import { ReferenceService } from './reference/reference.service.js';
import { RosterController } from './roster/roster.controller.js';
import { SlotsService } from './roster/slots.service.js';
import { TemplatesService } from './roster/templates.service.js';
import { MeController, UsersController } from './identity/users.controller.js';
import { UsersService } from './identity/users.service.js';
import { RevocationHooks } from './identity/revocation-hooks.js';
import { TerminationController } from './termination/termination.controller.js';
import { TerminationService } from './termination/termination.service.js';

@Module({ controllers: [InsurersController, RegionsController, ProvidersController, ConsortiaController, NursesController], providers: [ReferenceService, NursesService], exports: [NursesService] })
export class ReferenceModule {}



/** Which roster months are closed (written by fees at finalize, read by every roster change). */
@Module({ providers: [MonthsService], exports: [MonthsService] })
export class MonthsModule {}

/** The absences table, read by the assignment checks and written by the planning aids. */
@Module({ providers: [AbsencesRepository], exports: [AbsencesRepository] })
export class AbsencesModule {}

@Module({ imports: [MonthsModule], controllers: [ContractsController], providers: [ContractsService], exports: [ContractsService] })
export class ContractsModule {}

@Module({ imports: [ContractsModule, MonthsModule], controllers: [RosterController], providers: [TemplatesService, SlotsService], exports: [SlotsService, TemplatesService] })
export class RosterModule {}

@Module({ imports: [RosterModule, ReferenceModule, MonthsModule, AbsencesModule], controllers: [AssignmentsController], providers: [AssignmentsService, AssignmentChecks], exports: [AssignmentsService, AssignmentChecks] })
export class AssignmentsModule {}

@Module({ imports: [MonthsModule], controllers: [FeeStatementsController], providers: [FeeStatementsService], exports: [FeeStatementsService] })
export class FeesModule {}

/** Terminate a contract, delete a template with force: the changes that cascade over slots and assignments. */
@Module({ imports: [ContractsModule, RosterModule, AssignmentsModule, FeesModule, MonthsModule], controllers: [TerminationController], providers: [TerminationService] })
export class TerminationModule {}

@Module({ controllers: [CoverageController], providers: [CoverageService] })
export class CoverageModule {}

@Module({ controllers: [OnCallController], providers: [OnCallService] })
export class OnCallModule {}

@Module({ controllers: [UsersController, MeController], providers: [UsersService, RevocationHooks], exports: [RevocationHooks] })
export class UsersModule {}

@Module({ imports: [AssignmentsModule, UsersModule], controllers: [CalendarController], providers: [CalendarService], exports: [CalendarService] })
export class CalendarModule {}

@Module({ imports: [FeesModule, MonthsModule], controllers: [JobsController], providers: [JobsService, AlertWebhook], exports: [JobsService, AlertWebhook] })
export class JobsModule {}

@Module({ imports: [AssignmentsModule, ReferenceModule, MonthsModule, AbsencesModule], controllers: [PlanningController, HolidaysController], providers: [CandidatesService, OffersService, AbsencesService] })
export class PlanningModule {}

@Module({ controllers: [AuditController, HealthController] })
export class OperationsModule {}

export const FEATURE_MODULES = [
  ReferenceModule,
  UsersModule,
  ContractsModule,
  RosterModule,
  AssignmentsModule,
  FeesModule,
  CoverageModule,
  OnCallModule,
  CalendarModule,
  JobsModule,
  PlanningModule,
  TerminationModule,
  OperationsModule,
];
