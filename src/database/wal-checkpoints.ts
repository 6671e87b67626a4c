import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';

/**
 * The writer checkpoints by itself only when the WAL has grown this many pages (40 MB): a safety
 * net for a checkpoint connection that fell behind, far above what one second of writes leaves.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * SQLite in WAL mode copies the WAL back into the database file at checkpoints. By default the
 * connection that commits runs one whenever the WAL passes 1,000 pages, inside that commit: the
 * request that happens to cross the mark waits for 4 MB of copying and two fsyncs, and every
 * write queued behind it waits too (the tail of the write latencies). Here the writer leaves them
 * to a connection of their own, which runs a PASSIVE checkpoint every second on the libuv thread
 * pool: it never blocks a writer or a reader, and it runs in every instance whether or not it
 * runs jobs, since the file needs it regardless. PostgreSQL: nothing to do.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnModuleDestroy {
  /** How often the checkpoint connection copies the WAL into the database file (tests change it). */
  static everyMs = 1_000;

  private readonly logger = new Logger('WalCheckpoints');
  private connection: sqlite3.Database | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.dataSource.options.type !== 'sqlite') return;
    await this.dataSource.query(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
    const db = new sqlite3.Database(this.dataSource.options.database);
    db.configure('busyTimeout', 10_000);
    // Its own checkpoints only when asked: this connection writes nothing.
    db.run('PRAGMA synchronous = NORMAL');
    this.connection = db;
    this.timer = setInterval(() => void this.checkpoint(), WalCheckpoints.everyMs);
    this.timer.unref();
  }

  /** One PASSIVE checkpoint now (tests call it; the timer does every second). Returns when done; never throws. */
  checkpoint(): Promise<void> {
    const db = this.connection;
    if (!db || this.running) return this.running ?? Promise.resolve();
    this.running = new Promise<void>((resolve) => {
      db.get('PRAGMA wal_checkpoint(PASSIVE)', (err) => {
        if (err && !this.failing) this.logger.warn(`WAL checkpoint failed (the writer checkpoints past ${WRITER_AUTOCHECKPOINT_PAGES} pages): ${err.message}`);
        this.failing = !!err;
        resolve();
      });
    }).finally(() => (this.running = null));
    return this.running;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    const db = this.connection;
    this.connection = null;
    if (db) await new Promise((resolve) => db.close(() => resolve(undefined)));
  }
}
