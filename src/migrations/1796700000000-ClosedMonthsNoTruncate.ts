import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed roster month never reopens, also not by TRUNCATE: on PostgreSQL TRUNCATE fires no row
 * trigger, so the table's BEFORE DELETE trigger let `TRUNCATE closed_months` (and a TRUNCATE that
 * cascades to it) empty it, after which an assignment in a finalized month was accepted. A
 * statement trigger refuses it, as for the audit log and the fee statements. SQLite has no
 * TRUNCATE (its `DELETE FROM` without WHERE meets the delete trigger), so nothing changes there.
 */
export class ClosedMonthsNoTruncate1796700000000 implements MigrationInterface {
  name = 'ClosedMonthsNoTruncate1796700000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query(`CREATE TRIGGER closed_months_no_truncate BEFORE TRUNCATE ON closed_months
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('a closed month never reopens')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query(`DROP TRIGGER closed_months_no_truncate ON closed_months`);
  }
}
