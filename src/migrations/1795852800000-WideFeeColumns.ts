import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A statement's position- and covered-minutes as 64-bit integers. The bounds in fees/fee-bounds.ts
 * keep them under 2^31 today; the columns no longer depend on that. SQLite's INTEGER is already
 * 64-bit. On PostgreSQL, ALTER COLUMN TYPE rewrites the table without firing row triggers, so the
 * triggers that keep final statements immutable neither refuse nor see this change.
 */
export class WideFeeColumns1795852800000 implements MigrationInterface {
  name = 'WideFeeColumns1795852800000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query(`ALTER TABLE fee_statements ALTER COLUMN position_minutes TYPE bigint, ALTER COLUMN covered_minutes TYPE bigint`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query(`ALTER TABLE fee_statements ALTER COLUMN position_minutes TYPE integer, ALTER COLUMN covered_minutes TYPE integer`);
  }
}
