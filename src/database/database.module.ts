import { Global, Module } from '@nestjs/common';
import { SqliteReaders } from './sqlite-readers.js';
import { Transactions } from './transactions.js';
import { DatabaseTuning } from './tuning.js';

/** The database's services for every feature: transactions and locks, read connections, tuning at start. No tables. */
@Global()
@Module({
  providers: [Transactions, DatabaseTuning, SqliteReaders],
  exports: [Transactions, SqliteReaders],
})
export class DatabaseModule {}
