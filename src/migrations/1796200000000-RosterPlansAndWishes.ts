import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roster planner's tables: a nurse's contract hours (for fairness only), her wishes (dates she
 * would rather not start a duty; no reason is stored), and plans with their proposals, kept until
 * applied, discarded or expired.
 */
export class RosterPlansAndWishes1796200000000 implements MigrationInterface {
  name = 'RosterPlansAndWishes1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE nurses ADD COLUMN contract_minutes_per_week integer`);
    await q.query(`CREATE TABLE wishes ("id" text PRIMARY KEY NOT NULL, "nurse_id" text NOT NULL, "local_date" text NOT NULL, "kind" text NOT NULL,
        "created_at" bigint NOT NULL, CONSTRAINT "wishes_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id"))`);
    await q.query(`CREATE UNIQUE INDEX wishes_one_per_date ON wishes (nurse_id, local_date)`);
    await q.query(`CREATE TABLE roster_plans ("id" text PRIMARY KEY NOT NULL, "region_code" text NOT NULL,
        "from_date" text NOT NULL, "to_date" text NOT NULL, "functions" text NOT NULL, "status" text NOT NULL,
        "created_by" text NOT NULL, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "closed_at" bigint,
        "fingerprint" text NOT NULL, "body" text NOT NULL,
        CONSTRAINT "roster_plans_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions" ("code"))`);
    await q.query(`CREATE INDEX roster_plans_region ON roster_plans (region_code, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE roster_plans`);
    await q.query(`DROP TABLE wishes`);
    await q.query(`ALTER TABLE nurses DROP COLUMN contract_minutes_per_week`);
  }
}
