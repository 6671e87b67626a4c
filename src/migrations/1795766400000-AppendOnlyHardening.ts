import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closes the gaps the row triggers of the initial schema leave open to raw SQL.
 *
 * SQLite: `INSERT OR REPLACE` (and `UPDATE OR REPLACE`) resolve a key conflict by deleting the old
 * row, and that delete fires no delete trigger unless recursive_triggers is on. So an insert that
 * would meet an existing audit event, or a final statement by id or by (contract_id, month), is
 * refused before the conflict is resolved.
 *
 * PostgreSQL: TRUNCATE fires no row trigger; a statement trigger refuses it on both tables (also
 * when reached by TRUNCATE ... CASCADE). `INSERT ... ON CONFLICT DO UPDATE` already meets the
 * BEFORE UPDATE row triggers.
 */
export class AppendOnlyHardening1795766400000 implements MigrationInterface {
  name = 'AppendOnlyHardening1795766400000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit events are append-only')`);
      await q.query(`CREATE TRIGGER fee_statements_no_truncate BEFORE TRUNCATE ON fee_statements
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('a final fee statement is immutable; fee statements are never truncated')`);
      return;
    }
    await q.query(`CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
      WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`);
    await q.query(`CREATE TRIGGER fee_statements_final_no_replace BEFORE INSERT ON fee_statements
      WHEN EXISTS (SELECT 1 FROM fee_statements WHERE status = 'final'
        AND (id = NEW.id OR (contract_id = NEW.contract_id AND month = NEW.month)))
      BEGIN SELECT RAISE(ABORT, 'a final fee statement is immutable'); END`);
    // UPDATE OR REPLACE of another row onto a final statement's id or month would delete it.
    await q.query(`CREATE TRIGGER fee_statements_final_no_replace_by_update BEFORE UPDATE ON fee_statements
      WHEN EXISTS (SELECT 1 FROM fee_statements WHERE status = 'final' AND id <> OLD.id
        AND (id = NEW.id OR (contract_id = NEW.contract_id AND month = NEW.month)))
      BEGIN SELECT RAISE(ABORT, 'a final fee statement is immutable'); END`);
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
      await q.query(`DROP TRIGGER fee_statements_no_truncate ON fee_statements`);
      return;
    }
    await q.query(`DROP TRIGGER audit_events_no_replace`);
    await q.query(`DROP TRIGGER fee_statements_final_no_replace`);
    await q.query(`DROP TRIGGER fee_statements_final_no_replace_by_update`);
  }
}
