import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';

/**
 * Read-only connections to the SQLite file for the hot read path (who is on call). TypeORM keeps
 * one connection, on which every query waits its turn; WAL lets readers run beside the writer,
 * so these connections answer in parallel on the libuv thread pool. With PostgreSQL the pool
 * already does this and the DataSource is used.
 */
@Injectable()
export class SqliteReaders implements OnModuleDestroy {
  private readonly readers: sqlite3.Database[] = [];
  private next = 0;

  constructor(private readonly dataSource: DataSource) {}

  private open(): sqlite3.Database[] {
    if (this.readers.length || this.dataSource.options.type !== 'sqlite') return this.readers;
    const file = this.dataSource.options.database;
    for (let i = 0; i < 3; i++) {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
      db.configure('busyTimeout', 10_000);
      this.readers.push(db);
    }
    return this.readers;
  }

  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const readers = this.open();
    if (!readers.length) return this.dataSource.query(sql, params);
    const db = readers[this.next++ % readers.length];
    return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.readers.splice(0).map((db) => new Promise((r) => db.close(() => r(undefined)))));
  }
}
