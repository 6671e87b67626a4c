import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who finalized a fee statement: the user's id and the name the user had at that moment (a final
 * statement never changes, so neither does the name on it). Statements finalized before this
 * migration keep both empty. Also the phone number of a region's coordination desk, which the
 * nurses' calendar feed shows with each duty.
 */
export class FinalizedByAndCoordinatorPhone1796600000000 implements MigrationInterface {
  name = 'FinalizedByAndCoordinatorPhone1796600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fee_statements ADD COLUMN finalized_by text`);
    await q.query(`ALTER TABLE fee_statements ADD COLUMN finalized_by_name text`);
    await q.query(`ALTER TABLE regions ADD COLUMN coordinator_phone text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE regions DROP COLUMN coordinator_phone`);
    await q.query(`ALTER TABLE fee_statements DROP COLUMN finalized_by_name`);
    await q.query(`ALTER TABLE fee_statements DROP COLUMN finalized_by`);
  }
}
