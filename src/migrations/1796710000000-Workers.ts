import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The background workers' versions and heartbeats (owned by jobs/): an instance runs a worker only
 * while this table records its code's version, and tickers record the newest run any instance
 * finished, so a stalled escalation ticker shows. Rows are written by the service at start.
 */
export class Workers1796710000000 implements MigrationInterface {
  name = 'Workers1796710000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE TABLE workers (name text PRIMARY KEY, version integer NOT NULL, last_run_at bigint, last_ok_at bigint,
        last_failed_at bigint, last_error text, last_instance text)`);
    } else {
      await q.query(`CREATE TABLE "workers" ("name" text PRIMARY KEY NOT NULL, "version" integer NOT NULL, "last_run_at" bigint,
        "last_ok_at" bigint, "last_failed_at" bigint, "last_error" text, "last_instance" text)`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workers`);
  }
}
