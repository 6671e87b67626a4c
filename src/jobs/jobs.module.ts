import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { FeesModule } from '../fees/fees.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { JobRunEntity } from './job-run.entity.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

/** The job runner: schedules, run records, once across instances. */
@Module({
  imports: [TypeOrmModule.forFeature([JobRunEntity]), RosterModule, AlertsModule, FeesModule],
  controllers: [JobsController],
  providers: [JobsService],
})
export class JobsModule {}
