import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite's tables said less than PostgreSQL's, and differed from them:
 *
 * - A `text PRIMARY KEY` accepts NULL in SQLite (a documented legacy quirk; only INTEGER PRIMARY
 *   KEY implies NOT NULL). PostgreSQL refuses a NULL key. Every key column is now NOT NULL.
 * - Foreign keys, CHECKs and the statements' (contract_id, month) UNIQUE had no names. PostgreSQL
 *   named them when the initial schema created them (`regions_population_check`, `slots_check1`,
 *   `fee_statements_contract_id_month_key`, ...); the entities carry those names, and TypeORM tells
 *   constraints apart by name only, so unnamed ones could never match an entity. SQLite cannot
 *   name or add a constraint to an existing table: each table is rebuilt, with the same columns,
 *   constraints and rows, under PostgreSQL's names.
 * - The statements' position- and covered-minutes were still declared `integer` (WideFeeColumns
 *   widened them on PostgreSQL only); SQLite stores both as 64-bit either way. Declared `bigint`
 *   now, like PostgreSQL and the entity.
 * - regions.auto_approve_offers defaults to 0 (false), written the way SQLite reports a boolean
 *   default.
 *
 * Each table keeps its indexes and triggers: they are read from sqlite_master before the rebuild
 * and created again, unchanged, afterwards (the append-only and never-reopen triggers included).
 * TypeORM's migration runner turns foreign-key enforcement off for migrations on SQLite, which a
 * rebuild of referenced tables needs; every foreign key is checked once the rebuild is done.
 *
 * PostgreSQL already has all of this: nothing changes there.
 */
export class NamedSqliteConstraints1796025600000 implements MigrationInterface {
  name = 'NamedSqliteConstraints1796025600000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') return;
    const [{ foreign_keys: enforced }] = await q.query(`PRAGMA foreign_keys`);
    if (enforced) throw new Error('NamedSqliteConstraints rebuilds referenced tables and must run with foreign keys off');

    const tables = Object.keys(TABLES);
    const kept: string[] = (
      await q.query(
        `SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
          AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY type, name`,
        tables,
      )
    ).map((row: { sql: string }) => row.sql);

    for (const [table, definition] of Object.entries(TABLES)) {
      const columns = (await q.query(`PRAGMA table_info("${table}")`)).map((c: { name: string }) => `"${c.name}"`).join(', ');
      await q.query(`CREATE TABLE "${table}_rebuilt" (${definition})`);
      await q.query(`INSERT INTO "${table}_rebuilt" (${columns}) SELECT ${columns} FROM "${table}"`);
      await q.query(`DROP TABLE "${table}"`);
      await q.query(`ALTER TABLE "${table}_rebuilt" RENAME TO "${table}"`);
    }
    for (const sql of kept) await q.query(sql);

    const broken = await q.query(`PRAGMA foreign_key_check`);
    if (broken.length > 0) throw new Error(`NamedSqliteConstraints: ${broken.length} rows break a foreign key, e.g. ${JSON.stringify(broken[0])}`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: the rebuilt tables hold the same rows under the same rules, only named and
    // with NOT NULL keys; the earlier migrations' down steps work on them as they are.
  }
}

/** Each table as TypeORM writes it for SQLite, so that it reads the constraint names back. */
const TABLES: Record<string, string> = {
  insurers: `"uzovi" text PRIMARY KEY NOT NULL, "name" text NOT NULL`,
  regions: `"code" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "population" integer NOT NULL, "preferred_insurer_uzovi" text NOT NULL, "timezone" text NOT NULL, "auto_approve_offers" boolean NOT NULL DEFAULT (0), CONSTRAINT "regions_population_check" CHECK (population >= 0), CONSTRAINT "regions_preferred_insurer_uzovi_fkey" FOREIGN KEY ("preferred_insurer_uzovi") REFERENCES "insurers" ("uzovi")`,
  providers: `"agb" text PRIMARY KEY NOT NULL, "name" text NOT NULL`,
  consortia: `"id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "lead_agb" text NOT NULL, "member_agbs" text NOT NULL, CONSTRAINT "consortia_lead_agb_fkey" FOREIGN KEY ("lead_agb") REFERENCES "providers" ("agb")`,
  nurses: `"id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "employer_agb" text NOT NULL, "qualifications" text NOT NULL, "big_number" text, "phone" text, "created_at" bigint NOT NULL, CONSTRAINT "nurses_employer_agb_fkey" FOREIGN KEY ("employer_agb") REFERENCES "providers" ("agb")`,
  users: `"id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "region_codes" text NOT NULL, "insurer_uzovi" text, "nurse_id" text, "token_hash" text NOT NULL UNIQUE, "created_at" bigint NOT NULL, "revoked_at" bigint, CONSTRAINT "users_insurer_uzovi_fkey" FOREIGN KEY ("insurer_uzovi") REFERENCES "insurers" ("uzovi"), CONSTRAINT "users_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id")`,
  calendar_feeds: `"nurse_id" text PRIMARY KEY NOT NULL, "secret" text NOT NULL UNIQUE, "created_at" bigint NOT NULL, CONSTRAINT "calendar_feeds_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id")`,
  contracts: `"id" text PRIMARY KEY NOT NULL, "region_code" text NOT NULL, "insurer_uzovi" text NOT NULL, "function" text NOT NULL, "party_type" text NOT NULL, "party_agb" text, "party_consortium_id" text, "valid_from" text NOT NULL, "valid_to" text, "original_valid_to" text, "fixed_monthly_cents" bigint NOT NULL, "per_position_hour_cents" bigint NOT NULL, "per_inhabitant_monthly_cents" bigint NOT NULL, "sla_min_coverage_hundredths" integer, "sla_deduction_per_uncovered_hour_cents" bigint, "slots_through" text, "terminated_at" bigint, "created_at" bigint NOT NULL, CONSTRAINT "contracts_party_type_check" CHECK (party_type IN ('provider', 'consortium')), CONSTRAINT "contracts_fixed_monthly_cents_check" CHECK (fixed_monthly_cents >= 0), CONSTRAINT "contracts_per_position_hour_cents_check" CHECK (per_position_hour_cents >= 0), CONSTRAINT "contracts_per_inhabitant_monthly_cents_check" CHECK (per_inhabitant_monthly_cents >= 0), CONSTRAINT "contracts_check" CHECK (valid_to IS NULL OR valid_to >= valid_from), CONSTRAINT "contracts_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions" ("code"), CONSTRAINT "contracts_insurer_uzovi_fkey" FOREIGN KEY ("insurer_uzovi") REFERENCES "insurers" ("uzovi"), CONSTRAINT "contracts_party_agb_fkey" FOREIGN KEY ("party_agb") REFERENCES "providers" ("agb"), CONSTRAINT "contracts_party_consortium_id_fkey" FOREIGN KEY ("party_consortium_id") REFERENCES "consortia" ("id")`,
  templates: `"id" text PRIMARY KEY NOT NULL, "contract_id" text NOT NULL, "name" text NOT NULL, "rrule" text, "start_time" text NOT NULL, "end_time" text NOT NULL, "duty_type" text NOT NULL, "required_nurses" integer NOT NULL, "required_qualifications" text NOT NULL, "exdates" text NOT NULL, "holidays" text NOT NULL, "created_at" bigint NOT NULL, "deleted_at" bigint, CONSTRAINT "templates_required_nurses_check" CHECK (required_nurses >= 1), CONSTRAINT "templates_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id")`,
  slots: `"id" text PRIMARY KEY NOT NULL, "contract_id" text NOT NULL, "template_id" text NOT NULL, "region_code" text NOT NULL, "function" text NOT NULL, "local_date" text NOT NULL, "start_ms" bigint NOT NULL, "end_ms" bigint NOT NULL, "duration_minutes" integer NOT NULL, "duty_type" text NOT NULL, "is_holiday" boolean NOT NULL, "required_nurses" integer NOT NULL, "required_qualifications" text NOT NULL, "assigned_count" integer NOT NULL DEFAULT (0), CONSTRAINT "slots_check" CHECK (end_ms > start_ms), CONSTRAINT "slots_check1" CHECK (assigned_count >= 0 AND assigned_count <= required_nurses), CONSTRAINT "slots_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id"), CONSTRAINT "slots_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "templates" ("id")`,
  assignments: `"id" text PRIMARY KEY NOT NULL, "slot_id" text NOT NULL, "nurse_id" text NOT NULL, "contract_id" text NOT NULL, "region_code" text NOT NULL, "function" text NOT NULL, "local_date" text NOT NULL, "start_ms" bigint NOT NULL, "end_ms" bigint NOT NULL, "duty_type" text NOT NULL, "status" text NOT NULL, "sequence" integer NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "cancel_reason" text, CONSTRAINT "assignments_status_check" CHECK (status IN ('active', 'cancelled')), CONSTRAINT "assignments_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id")`,
  fee_statements: `"id" text PRIMARY KEY NOT NULL, "contract_id" text NOT NULL, "month" text NOT NULL, "status" text NOT NULL, "region_code" text NOT NULL, "function" text NOT NULL, "insurer_uzovi" text NOT NULL, "responsible_party" text NOT NULL, "position_minutes" bigint NOT NULL, "covered_minutes" bigint NOT NULL, "coverage_pct_hundredths" integer NOT NULL, "fixed_cents" bigint NOT NULL, "capitation_cents" bigint NOT NULL, "position_hours_cents" bigint NOT NULL, "deduction_cents" bigint NOT NULL, "total_cents" bigint NOT NULL, "computed_at" bigint NOT NULL, "finalized_at" bigint, CONSTRAINT "fee_statements_status_check" CHECK (status IN ('draft', 'final')), CONSTRAINT "fee_statements_contract_id_month_key" UNIQUE ("contract_id", "month"), CONSTRAINT "fee_statements_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id")`,
  audit_events: `"id" text PRIMARY KEY NOT NULL, "at" bigint NOT NULL, "user_id" text NOT NULL, "acting_for" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "summary" text NOT NULL`,
  job_runs: `"id" text PRIMARY KEY NOT NULL, "job" text NOT NULL, "started_at" bigint NOT NULL, "finished_at" bigint, "outcome" text NOT NULL, "counts" text NOT NULL`,
  absences: `"id" text PRIMARY KEY NOT NULL, "nurse_id" text NOT NULL, "from_date" text NOT NULL, "to_date" text NOT NULL, "reason" text NOT NULL, "created_at" bigint NOT NULL, CONSTRAINT "absences_reason_check" CHECK (reason IN ('leave', 'sick', 'training', 'other')), CONSTRAINT "absences_check" CHECK (to_date >= from_date), CONSTRAINT "absences_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id")`,
  offers: `"id" text PRIMARY KEY NOT NULL, "assignment_id" text NOT NULL, "slot_id" text NOT NULL, "region_code" text NOT NULL, "from_nurse_id" text NOT NULL, "to_nurse_id" text, "taker_nurse_id" text, "status" text NOT NULL, "active" integer, "new_assignment_id" text, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL`,
  alerts: `"id" text PRIMARY KEY NOT NULL, "slot_id" text NOT NULL, "region_code" text NOT NULL, "function" text NOT NULL, "start_ms" bigint NOT NULL, "end_ms" bigint NOT NULL, "missing" integer NOT NULL, "status" text NOT NULL, "active" integer, "created_at" bigint NOT NULL, "resolved_at" bigint, CONSTRAINT "alerts_status_check" CHECK (status IN ('open', 'resolved'))`,
  closed_months: `"contract_id" text NOT NULL, "month" text NOT NULL, "closed_at" bigint NOT NULL, CONSTRAINT "closed_months_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id"), PRIMARY KEY ("contract_id", "month")`,
};
