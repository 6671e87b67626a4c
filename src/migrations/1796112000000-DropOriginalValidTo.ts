import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `contracts.original_valid_to` was written at creation and never read: the audit log keeps a
 * contract's original period (the create event's summary). The column goes, so that the
 * entities and the schema stay the same (the schema-diff test).
 */
export class DropOriginalValidTo1796112000000 implements MigrationInterface {
  name = 'DropOriginalValidTo1796112000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts DROP COLUMN original_valid_to`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN original_valid_to text`);
  }
}
