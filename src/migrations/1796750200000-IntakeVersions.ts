import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per region of the intake capacity (owned by referrals/), raised in every transaction
 * that changes the region's lines, so that each instance keeps a region's lines for ranking and
 * reads them again only when they changed. Regions with lines start at version 1.
 */
export class IntakeVersions1796750200000 implements MigrationInterface {
  name = 'IntakeVersions1796750200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "intake_versions" ("region_code" text PRIMARY KEY NOT NULL, "version" integer NOT NULL,
        CONSTRAINT "intake_versions_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions" ("code"))`);
    await q.query(`INSERT INTO intake_versions (region_code, version) SELECT DISTINCT region_code, 1 FROM intake_lines`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake_versions`);
  }
}
