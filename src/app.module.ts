import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dataSourceOptions } from '../ormconfig.js';
import { AuthGuard } from './identity/auth.guard.js';
import { AppConfig } from './config/app-config.js';
import { DatabaseFileLock } from './database/file-lock.js';
import { AbsencesModule } from './absences/absences.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { CoverageModule } from './coverage/coverage.module.js';
import { FeesModule } from './fees/fees.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MonthsModule } from './months/months.module.js';
import { NursesModule } from './nurses/nurses.module.js';
import { OnCallModule } from './on-call/on-call.module.js';
import { OffersModule } from './offers/offers.module.js';
import { RosterPlansModule } from './roster-plans/roster-plans.module.js';
import { PlatformModule } from './platform.module.js';
import { ReferenceModule } from './reference/reference.module.js';
import { RosterModule } from './roster/roster.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { DeliveryModule } from './delivery/delivery.module.js';
import { TerminationModule } from './termination/termination.module.js';
import { PushModule } from './push/push.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    const fileLock: Provider[] = [];
    if (!config.databaseUrl) {
      mkdirSync(dirname(resolve(config.databasePath)), { recursive: true });
      // Before TypeORM opens the file: a second process on it is refused at start.
      fileLock.push({ provide: DatabaseFileLock, useValue: DatabaseFileLock.acquire(config.databasePath) });
    }
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ databasePath: config.databasePath, databaseUrl: config.databaseUrl }),
          migrationsRun: true,
        }),
        ScheduleModule.forRoot(),
        PlatformModule,
        AuditModule,
        // Feature modules, each owning its tables, from the bottom of the house up.
        ReferenceModule,
        IdentityModule,
        MonthsModule,
        ContractsModule,
        NursesModule,
        RosterModule,
        AbsencesModule,
        AssignmentsModule,
        FeesModule,
        TerminationModule,
        CoverageModule,
        OnCallModule,
        CalendarModule,
        OffersModule,
        RosterPlansModule,
        AlertsModule,
        DeliveryModule,
        RequestsModule,
        ReferralsModule,
        JobsModule,
        HealthModule,
        AuthModule,
        PushModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }, { provide: APP_GUARD, useClass: AuthGuard }, ...fileLock],
      exports: [AppConfig],
    };
  }
}
