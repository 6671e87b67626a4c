import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cancelled assignment is a record (audit, offers and calendar feeds refer to it), also after
 * its slot was removed by a termination or a template deletion. The foreign key from assignments
 * to slots deleted assignments with their slot (ON DELETE CASCADE); it goes. slot_id stays as a
 * plain, indexed reference: an active assignment's slot is removed only after the assignment was
 * cancelled, in the same transaction.
 */
export class AssignmentsOutliveSlots1795680000000 implements MigrationInterface {
  name = 'AssignmentsOutliveSlots1795680000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      const [constraint] = await q.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = 'assignments'::regclass AND contype = 'f' AND confrelid = 'slots'::regclass`,
      );
      if (constraint) await q.query(`ALTER TABLE assignments DROP CONSTRAINT "${constraint.conname}"`);
      return;
    }
    // SQLite cannot drop a constraint: the table is rebuilt (no table refers to assignments).
    await q.query(`CREATE TABLE assignments_new (id text PRIMARY KEY, slot_id text NOT NULL,
        nurse_id text NOT NULL REFERENCES nurses(id), contract_id text NOT NULL, region_code text NOT NULL,
        function text NOT NULL, local_date text NOT NULL, start_ms bigint NOT NULL, end_ms bigint NOT NULL,
        duty_type text NOT NULL, status text NOT NULL CHECK (status IN ('active', 'cancelled')),
        sequence integer NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL, cancel_reason text)`);
    await q.query(`INSERT INTO assignments_new SELECT id, slot_id, nurse_id, contract_id, region_code, function, local_date,
        start_ms, end_ms, duty_type, status, sequence, created_at, updated_at, cancel_reason FROM assignments`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`ALTER TABLE assignments_new RENAME TO assignments`);
    await q.query(`CREATE UNIQUE INDEX assignments_one_per_slot_and_nurse ON assignments (slot_id, nurse_id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX assignments_nurse_time ON assignments (nurse_id, start_ms)`);
    await q.query(`CREATE INDEX assignments_slot ON assignments (slot_id)`);
  }

  public async down(): Promise<void> {
    throw new Error('AssignmentsOutliveSlots cannot be undone: cancelled assignments of removed slots would be lost');
  }
}
