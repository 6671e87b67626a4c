import { DataSource, QueryRunner } from 'typeorm';

/**
 * A job runs once across all instances. PostgreSQL: a session-level advisory lock on a dedicated
 * connection — a crashed holder's session ends and the lock goes with it. SQLite (one instance
 * per file): an in-process flag.
 */
export class JobLock {
  private readonly running = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async tryAcquire(job: string): Promise<(() => Promise<void>) | null> {
    if (this.running.has(job)) return null;
    this.running.add(job);
    if (this.dataSource.options.type !== 'postgres') {
      return async () => {
        this.running.delete(job);
      };
    }
    let runner: QueryRunner | null = null;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`job:${job}`]);
      if (!locked) {
        await runner.release();
        this.running.delete(job);
        return null;
      }
    } catch (e) {
      await runner?.release();
      this.running.delete(job);
      throw e;
    }
    const held = runner;
    return async () => {
      try {
        await held.query('SELECT pg_advisory_unlock(hashtext($1))', [`job:${job}`]);
      } finally {
        await held.release();
        this.running.delete(job);
      }
    };
  }
}
