import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { POOL_UNAVAILABLE_CODE } from './database-errors.js';

type PoolCallback = (err: Error | undefined, client?: unknown, release?: unknown) => void;
interface Pool {
  connect(callback?: PoolCallback): Promise<unknown> | void;
}

/**
 * SQLite in WAL mode with synchronous=NORMAL: a commit survives a killed process (the WAL is
 * written before the commit returns); only a power loss or OS crash may lose the last commits.
 * FULL would fsync on every commit and triple write latency.
 *
 * PostgreSQL: a connection the pool cannot hand out within its acquire timeout fails with an
 * error that has no code; it is given one here so that the error filter answers 503.
 */
@Injectable()
export class DatabaseTuning implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.dataSource.options.type === 'sqlite') await this.dataSource.query('PRAGMA synchronous = NORMAL');
    if (this.dataSource.options.type === 'postgres') markPoolErrors((this.dataSource.driver as unknown as { master: Pool }).master);
  }
}

function markPoolErrors(pool: Pool): void {
  const connect = pool.connect.bind(pool);
  const mark = (err: Error | undefined) => {
    if (err && (err as { code?: unknown }).code === undefined) Object.assign(err, { code: POOL_UNAVAILABLE_CODE });
    return err;
  };
  pool.connect = (callback?: PoolCallback) => {
    if (!callback)
      return (connect() as Promise<unknown>).catch((err: Error) => {
        throw mark(err) as Error;
      });
    return connect((err, client, release) => callback(mark(err), client, release));
  };
}
