import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one database transaction. SQLite (one connection in TypeORM) gets an
 * in-process queue so two requests never interleave inside one transaction; PostgreSQL takes
 * transaction-scoped advisory locks on the given keys so that check-then-insert sequences on the
 * same keys (a nurse, a slot, a region+function) are serialized across all instances.
 */
@Injectable()
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, lockKeys: string[] = []): Promise<T> {
    if (this.isPostgres) {
      return this.dataSource.transaction(async (manager) => {
        for (const key of [...new Set(lockKeys)].sort()) {
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
        }
        return work(manager);
      });
    }
    const result = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }
}
