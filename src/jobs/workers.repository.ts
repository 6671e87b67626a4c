import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parameterMarker } from '../database/dialect.js';
import { WorkerEntity } from './worker.entity.js';

/** The `workers` table: versions and heartbeats. Each method takes the manager of the caller's transaction, or reads outside one. */
@Injectable()
export class WorkersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a row for each worker this code knows and raises a stored version below the code's
   * (never lowers one: an older instance must not take a worker back from a newer one).
   */
  async register(m: EntityManager, versions: ReadonlyMap<string, number>): Promise<void> {
    const p = parameterMarker(m);
    for (const [name, version] of versions) {
      await m.query(`INSERT INTO workers (name, version) VALUES (${p(1)}, ${p(2)}) ON CONFLICT (name) DO NOTHING`, [name, version]);
      await m.query(`UPDATE workers SET version = ${p(1)} WHERE name = ${p(2)} AND version < ${p(3)}`, [version, name, version]);
    }
  }

  all(): Promise<WorkerEntity[]> {
    return this.dataSource.getRepository(WorkerEntity).find({ order: { name: 'ASC' } });
  }

  /** The version the database records for the worker (null: no row yet), read on the given connection. */
  async storedVersion(m: EntityManager | DataSource, name: string): Promise<number | null> {
    const rows: Array<{ version: number }> = await m.query(`SELECT version FROM workers WHERE name = ${parameterMarker(m)(1)}`, [name]);
    return rows.length ? Number(rows[0].version) : null;
  }

  /**
   * The end of a ticker run, written only while the database records this code's version (false:
   * it does not, and nothing was written).
   */
  async beat(m: EntityManager, name: string, version: number, beat: { at: number; instance: string; error: string | null }): Promise<boolean> {
    const set: Partial<WorkerEntity> = { lastRunAt: beat.at, lastInstance: beat.instance };
    if (beat.error === null) set.lastOkAt = beat.at;
    else Object.assign(set, { lastFailedAt: beat.at, lastError: beat.error.slice(0, 200) });
    const { affected } = await m.update(WorkerEntity, { name, version }, set);
    return !!affected;
  }
}
