import { Global, Module } from '@nestjs/common';
import { ChangeEpochs } from './common/change-epochs.js';
import { Clock } from './common/clock.js';
import { SqliteReaders } from './common/sqlite-readers.js';
import { Transactions } from './common/transactions.js';
import { DatabaseTuning } from './database-tuning.js';

/** The platform every feature stands on: the clock, transactions and locks, read connections. No tables. */
@Global()
@Module({
  providers: [Clock, Transactions, DatabaseTuning, SqliteReaders, ChangeEpochs],
  exports: [Clock, Transactions, SqliteReaders, ChangeEpochs],
})
export class PlatformModule {}
