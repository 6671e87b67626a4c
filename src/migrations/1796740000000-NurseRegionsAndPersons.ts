import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nurses gain the regions they work in (`region_codes`, a JSON list; null: every region where
 * the employer is responsible, as before), which roster plans draw their candidates by. And the
 * BIG number is indexed: records with the same one are one person, whose duties the working-time
 * rules load together.
 */
export class NurseRegionsAndPersons1796740000000 implements MigrationInterface {
  name = 'NurseRegionsAndPersons1796740000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nurses ADD COLUMN region_codes text`);
    await q.query(`CREATE INDEX nurses_big_number ON nurses (big_number)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX nurses_big_number`);
    await q.query(`ALTER TABLE nurses DROP COLUMN region_codes`);
  }
}
