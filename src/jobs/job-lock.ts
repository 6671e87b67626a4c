import { DataSource, QueryRunner } from 'typeorm';
import { versionVerdict } from './worker-state.js';
import type { WorkersRepository } from './workers.repository.js';

export type JobLockResult = { release: () => Promise<void> } | { refused: 'busy' | 'outdated' };

/**
 * A job runs once across all instances, and only by an instance whose version the database
 * records (GoAlert's processing lock). PostgreSQL: a session-level advisory lock on a dedicated
 * connection — a crashed holder's session ends and the lock goes with it — then the job's
 * version, read on that connection. SQLite (one instance per file): an in-process flag, and
 * the version is read from the file all the same, so both databases behave alike.
 */
export class JobLock {
  private readonly running = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly workers: WorkersRepository,
  ) {}

  async tryAcquire(job: string, version: number): Promise<JobLockResult> {
    if (this.running.has(job)) return { refused: 'busy' };
    this.running.add(job);
    if (this.dataSource.options.type !== 'postgres') {
      const release = async () => {
        this.running.delete(job);
      };
      try {
        if (versionVerdict(version, await this.workers.storedVersion(this.dataSource, job)) === 'current') return { release };
      } catch (e) {
        await release();
        throw e;
      }
      await release();
      return { refused: 'outdated' };
    }
    let runner: QueryRunner | null = null;
    let refusal: 'busy' | 'outdated' | null = null;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`job:${job}`]);
      if (!locked) refusal = 'busy';
      else if (versionVerdict(version, await this.workers.storedVersion(runner.manager, job)) !== 'current') {
        refusal = 'outdated';
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`job:${job}`]);
      }
    } catch (e) {
      await runner?.release();
      this.running.delete(job);
      throw e;
    }
    if (refusal) {
      await runner.release();
      this.running.delete(job);
      return { refused: refusal };
    }
    const held = runner;
    return {
      release: async () => {
        try {
          await held.query('SELECT pg_advisory_unlock(hashtext($1))', [`job:${job}`]);
        } finally {
          await held.release();
          this.running.delete(job);
        }
      },
    };
  }
}
