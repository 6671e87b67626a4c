import { MigrationInterface, QueryRunner } from 'typeorm';

/** Gap alerts recorded by the scan-gaps job: one open alert per slot at a time. */
export class GapAlerts1795593600000 implements MigrationInterface {
  name = 'GapAlerts1795593600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE alerts (id text PRIMARY KEY, slot_id text NOT NULL, region_code text NOT NULL,
      function text NOT NULL, start_ms bigint NOT NULL, end_ms bigint NOT NULL, missing integer NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'resolved')), active integer, created_at bigint NOT NULL, resolved_at bigint)`);
    await q.query(`CREATE UNIQUE INDEX alerts_one_open_per_slot ON alerts (slot_id) WHERE active = 1`);
    await q.query(`CREATE INDEX alerts_region_start ON alerts (region_code, start_ms)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts`);
  }
}
