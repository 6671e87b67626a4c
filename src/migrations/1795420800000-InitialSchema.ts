import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole v1 schema. The DDL is written in the common subset of SQLite and PostgreSQL; only
 * the append-only and immutability triggers differ per database.
 */
export class InitialSchema1795420800000 implements MigrationInterface {
  name = 'InitialSchema1795420800000';

  public async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE insurers (uzovi text PRIMARY KEY, name text NOT NULL)`,
      `CREATE TABLE regions (code text PRIMARY KEY, name text NOT NULL, population integer NOT NULL CHECK (population >= 0),
        preferred_insurer_uzovi text NOT NULL REFERENCES insurers(uzovi), timezone text NOT NULL,
        auto_approve_offers boolean NOT NULL DEFAULT false)`,
      `CREATE TABLE providers (agb text PRIMARY KEY, name text NOT NULL)`,
      `CREATE TABLE consortia (id text PRIMARY KEY, name text NOT NULL, lead_agb text NOT NULL REFERENCES providers(agb),
        member_agbs text NOT NULL)`,
      `CREATE TABLE nurses (id text PRIMARY KEY, name text NOT NULL, employer_agb text NOT NULL REFERENCES providers(agb),
        qualifications text NOT NULL, big_number text, phone text, created_at bigint NOT NULL)`,
      `CREATE INDEX nurses_employer ON nurses (employer_agb)`,
      `CREATE TABLE users (id text PRIMARY KEY, name text NOT NULL, role text NOT NULL, region_codes text NOT NULL,
        insurer_uzovi text REFERENCES insurers(uzovi), nurse_id text REFERENCES nurses(id), token_hash text NOT NULL UNIQUE,
        created_at bigint NOT NULL, revoked_at bigint)`,
      `CREATE TABLE calendar_feeds (nurse_id text PRIMARY KEY REFERENCES nurses(id), secret text NOT NULL UNIQUE,
        created_at bigint NOT NULL)`,
      `CREATE TABLE contracts (id text PRIMARY KEY, region_code text NOT NULL REFERENCES regions(code),
        insurer_uzovi text NOT NULL REFERENCES insurers(uzovi), function text NOT NULL,
        party_type text NOT NULL CHECK (party_type IN ('provider', 'consortium')),
        party_agb text REFERENCES providers(agb), party_consortium_id text REFERENCES consortia(id),
        valid_from text NOT NULL, valid_to text, original_valid_to text,
        fixed_monthly_cents bigint NOT NULL CHECK (fixed_monthly_cents >= 0),
        per_position_hour_cents bigint NOT NULL CHECK (per_position_hour_cents >= 0),
        per_inhabitant_monthly_cents bigint NOT NULL CHECK (per_inhabitant_monthly_cents >= 0),
        sla_min_coverage_hundredths integer, sla_deduction_per_uncovered_hour_cents bigint,
        slots_through text, terminated_at bigint, created_at bigint NOT NULL,
        CHECK (valid_to IS NULL OR valid_to >= valid_from))`,
      `CREATE INDEX contracts_region_function ON contracts (region_code, function, valid_from)`,
      `CREATE TABLE templates (id text PRIMARY KEY, contract_id text NOT NULL REFERENCES contracts(id), name text NOT NULL,
        rrule text, start_time text NOT NULL, end_time text NOT NULL, duty_type text NOT NULL,
        required_nurses integer NOT NULL CHECK (required_nurses >= 1), required_qualifications text NOT NULL,
        exdates text NOT NULL, holidays text NOT NULL, created_at bigint NOT NULL, deleted_at bigint)`,
      `CREATE INDEX templates_contract ON templates (contract_id)`,
      `CREATE TABLE slots (id text PRIMARY KEY, contract_id text NOT NULL REFERENCES contracts(id),
        template_id text NOT NULL REFERENCES templates(id), region_code text NOT NULL, function text NOT NULL,
        local_date text NOT NULL, start_ms bigint NOT NULL, end_ms bigint NOT NULL, duration_minutes integer NOT NULL,
        duty_type text NOT NULL, is_holiday boolean NOT NULL, required_nurses integer NOT NULL,
        required_qualifications text NOT NULL, assigned_count integer NOT NULL DEFAULT 0,
        CHECK (end_ms > start_ms), CHECK (assigned_count >= 0 AND assigned_count <= required_nurses))`,
      `CREATE INDEX slots_region_function_start ON slots (region_code, function, start_ms, end_ms)`,
      `CREATE INDEX slots_region_date ON slots (region_code, local_date)`,
      `CREATE INDEX slots_contract_date ON slots (contract_id, local_date)`,
      `CREATE UNIQUE INDEX slots_template_date ON slots (template_id, local_date)`,
      `CREATE TABLE assignments (id text PRIMARY KEY, slot_id text NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
        nurse_id text NOT NULL REFERENCES nurses(id), contract_id text NOT NULL, region_code text NOT NULL,
        function text NOT NULL, local_date text NOT NULL, start_ms bigint NOT NULL, end_ms bigint NOT NULL,
        duty_type text NOT NULL, status text NOT NULL CHECK (status IN ('active', 'cancelled')),
        sequence integer NOT NULL, created_at bigint NOT NULL, updated_at bigint NOT NULL, cancel_reason text)`,
      `CREATE UNIQUE INDEX assignments_one_per_slot_and_nurse ON assignments (slot_id, nurse_id) WHERE status = 'active'`,
      `CREATE INDEX assignments_nurse_time ON assignments (nurse_id, start_ms)`,
      `CREATE INDEX assignments_slot ON assignments (slot_id)`,
      `CREATE TABLE fee_statements (id text PRIMARY KEY, contract_id text NOT NULL REFERENCES contracts(id),
        month text NOT NULL, status text NOT NULL CHECK (status IN ('draft', 'final')), region_code text NOT NULL,
        function text NOT NULL, insurer_uzovi text NOT NULL, responsible_party text NOT NULL,
        position_minutes integer NOT NULL, covered_minutes integer NOT NULL, coverage_pct_hundredths integer NOT NULL,
        fixed_cents bigint NOT NULL, capitation_cents bigint NOT NULL, position_hours_cents bigint NOT NULL,
        deduction_cents bigint NOT NULL, total_cents bigint NOT NULL, computed_at bigint NOT NULL, finalized_at bigint,
        UNIQUE (contract_id, month))`,
      `CREATE TABLE audit_events (id text PRIMARY KEY, at bigint NOT NULL, user_id text NOT NULL, acting_for text NOT NULL,
        action text NOT NULL, entity_type text NOT NULL, entity_id text NOT NULL, summary text NOT NULL)`,
      `CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, at)`,
      `CREATE INDEX audit_events_at ON audit_events (at)`,
      `CREATE TABLE job_runs (id text PRIMARY KEY, job text NOT NULL, started_at bigint NOT NULL, finished_at bigint,
        outcome text NOT NULL, counts text NOT NULL)`,
      `CREATE INDEX job_runs_job ON job_runs (job, started_at)`,
    ];
    for (const sql of statements) await q.query(sql);

    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`);
      await q.query(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change('audit events are append-only')`);
      await q.query(`CREATE TRIGGER fee_statements_final_immutable BEFORE UPDATE OR DELETE ON fee_statements
        FOR EACH ROW WHEN (OLD.status = 'final') EXECUTE FUNCTION refuse_change('a final fee statement is immutable')`);
    } else {
      await q.query(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`);
      await q.query(`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`);
      await q.query(`CREATE TRIGGER fee_statements_final_no_update BEFORE UPDATE ON fee_statements
        WHEN OLD.status = 'final' BEGIN SELECT RAISE(ABORT, 'a final fee statement is immutable'); END`);
      await q.query(`CREATE TRIGGER fee_statements_final_no_delete BEFORE DELETE ON fee_statements
        WHEN OLD.status = 'final' BEGIN SELECT RAISE(ABORT, 'a final fee statement is immutable'); END`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'job_runs',
      'audit_events',
      'fee_statements',
      'assignments',
      'slots',
      'templates',
      'contracts',
      'calendar_feeds',
      'users',
      'nurses',
      'consortia',
      'providers',
      'regions',
      'insurers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    if (q.connection.driver.options.type === 'postgres') await q.query(`DROP FUNCTION refuse_change()`);
  }
}
