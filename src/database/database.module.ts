import { Global, Module } from '@nestjs/common';
import { SqliteReaders } from './sqlite-readers.js';
import { Transactions } from './transactions.js';
import { DatabaseTuning } from './tuning.js';
import { WalCheckpoints } from './wal-checkpoints.js';

/** The database's services for every feature: transactions and locks, read connections, tuning at start, SQLite's checkpoints. No tables. */
@Global()
@Module({
  providers: [Transactions, DatabaseTuning, SqliteReaders, WalCheckpoints],
  exports: [Transactions, SqliteReaders],
})
export class DatabaseModule {}
