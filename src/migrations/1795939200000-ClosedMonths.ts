import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closed roster months get a table of their own, owned by the months module: the roster asks it
 * instead of reading fee statements. Filled from the final statements; append-only like them.
 */
export class ClosedMonths1795939200000 implements MigrationInterface {
  name = 'ClosedMonths1795939200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE closed_months (contract_id text NOT NULL REFERENCES contracts(id), month text NOT NULL,
        closed_at bigint NOT NULL, PRIMARY KEY (contract_id, month))`);
    await q.query(`INSERT INTO closed_months (contract_id, month, closed_at)
        SELECT contract_id, month, COALESCE(finalized_at, computed_at) FROM fee_statements WHERE status = 'final'`);
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE TRIGGER closed_months_never_reopen BEFORE UPDATE OR DELETE ON closed_months
        FOR EACH ROW EXECUTE FUNCTION refuse_change('a closed month never reopens')`);
    } else {
      await q.query(`CREATE TRIGGER closed_months_no_update BEFORE UPDATE ON closed_months
        BEGIN SELECT RAISE(ABORT, 'a closed month never reopens'); END`);
      await q.query(`CREATE TRIGGER closed_months_no_delete BEFORE DELETE ON closed_months
        BEGIN SELECT RAISE(ABORT, 'a closed month never reopens'); END`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE closed_months`);
  }
}
