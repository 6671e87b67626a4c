import { MigrationInterface, QueryRunner } from 'typeorm';

/** Absences (codes only) and shift offers (give-away and swap). */
export class PlanningAids1795507200000 implements MigrationInterface {
  name = 'PlanningAids1795507200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE absences (id text PRIMARY KEY, nurse_id text NOT NULL REFERENCES nurses(id),
      from_date text NOT NULL, to_date text NOT NULL, reason text NOT NULL CHECK (reason IN ('leave', 'sick', 'training', 'other')),
      created_at bigint NOT NULL, CHECK (to_date >= from_date))`);
    await q.query(`CREATE INDEX absences_nurse ON absences (nurse_id, from_date)`);
    await q.query(`CREATE TABLE offers (id text PRIMARY KEY, assignment_id text NOT NULL, slot_id text NOT NULL,
      region_code text NOT NULL, from_nurse_id text NOT NULL, to_nurse_id text, taker_nurse_id text, status text NOT NULL,
      active integer, new_assignment_id text, created_at bigint NOT NULL, updated_at bigint NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX offers_one_active ON offers (assignment_id) WHERE active = 1`);
    await q.query(`CREATE INDEX offers_region ON offers (region_code, status)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offers`);
    await q.query(`DROP TABLE absences`);
  }
}
