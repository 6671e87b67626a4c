import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { FeesModule } from '../fees/fees.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { JobRunEntity } from './job-run.entity.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { WorkerEntity } from './worker.entity.js';
import { WorkersController } from './workers.controller.js';
import { WorkersRepository } from './workers.repository.js';

/** The one runner of background work: cron jobs and tickers, run records and heartbeats, versions, once across instances. */
@Module({
  imports: [TypeOrmModule.forFeature([JobRunEntity, WorkerEntity]), RosterModule, AlertsModule, FeesModule, RequestsModule, DeliveryModule, ReferralsModule],
  controllers: [JobsController, WorkersController],
  providers: [JobsService, WorkersRepository],
})
export class JobsModule {}
