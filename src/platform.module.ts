import { Global, Module } from '@nestjs/common';
import { ChangeEpochs } from './common/change-epochs.js';
import { Clock } from './common/clock.js';
import { DatabaseModule } from './database/database.module.js';

/** The platform every feature stands on: the clock, the database's transactions and locks, read connections. No tables. */
@Global()
@Module({
  imports: [DatabaseModule],
  providers: [Clock, ChangeEpochs],
  exports: [Clock, ChangeEpochs, DatabaseModule],
})
export class PlatformModule {}
