import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildSqliteTable } from './sqlite-rebuild.js';

/**
 * The regional coordination point (owned by referrals/): providers' intake (their phone and last
 * publication), intake lines and their history, referrals and their offers. A page may now name a
 * referral instead of a request (request_pages, owned by requests/): a referral that no provider
 * could take is paged to the desk as step 3 of a request is.
 */
export class Referrals1796750100000 implements MigrationInterface {
  name = 'Referrals1796750100000';

  public async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.driver.options.type === 'postgres';
    await q.query(`CREATE TABLE "provider_intake" ("agb" text PRIMARY KEY NOT NULL, "intake_phone" text NOT NULL, "published_at" bigint NOT NULL,
        "published_by" text NOT NULL, CONSTRAINT "provider_intake_agb_fkey" FOREIGN KEY ("agb") REFERENCES "providers" ("agb"))`);
    await q.query(`CREATE TABLE "intake_lines" ("id" text PRIMARY KEY NOT NULL, "agb" text NOT NULL, "region_code" text NOT NULL,
        "care_kind" text NOT NULL, "postcodes" text NOT NULL, "places" integer NOT NULL, "is_primary" boolean NOT NULL, "updated_at" bigint NOT NULL,
        CONSTRAINT "intake_lines_places_check" CHECK (places BETWEEN 0 AND 99),
        CONSTRAINT "intake_lines_care_kind_check" CHECK (care_kind IN ('basic', 'palliative', 'wound-care', 'infusion-therapy', 'dementia-case-management')),
        CONSTRAINT "intake_lines_agb_fkey" FOREIGN KEY ("agb") REFERENCES "providers" ("agb"),
        CONSTRAINT "intake_lines_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions" ("code"))`);
    await q.query(`CREATE INDEX intake_lines_region ON intake_lines (region_code, care_kind)`);
    await q.query(`CREATE INDEX intake_lines_agb ON intake_lines (agb)`);
    await q.query(`CREATE TABLE "intake_snapshots" ("id" text PRIMARY KEY NOT NULL, "agb" text NOT NULL, "at" bigint NOT NULL, "published_at" bigint NOT NULL,
        "lines" text NOT NULL, CONSTRAINT "intake_snapshots_agb_fkey" FOREIGN KEY ("agb") REFERENCES "providers" ("agb"))`);
    await q.query(`CREATE INDEX intake_snapshots_agb_at ON intake_snapshots (agb, at)`);
    await q.query(`CREATE TABLE "referrals" ("id" text PRIMARY KEY NOT NULL, "region_code" text NOT NULL, "postcode" text NOT NULL, "care_kinds" text NOT NULL,
        "urgency" text NOT NULL, "start_on" text NOT NULL, "referrer_reference" text NOT NULL, "callback_phone" text, "status" text NOT NULL,
        "created_by" text NOT NULL, "created_at" bigint NOT NULL, "offer_due_at" bigint, "escalated_at" bigint, "placed_agb" text, "placed_at" bigint,
        "closed_at" bigint, "outcome" text, "cancelled_at" bigint, "skipped" text NOT NULL,
        CONSTRAINT "referrals_status_check" CHECK (status IN ('offered', 'escalated', 'placed', 'closed', 'cancelled')),
        CONSTRAINT "referrals_urgency_check" CHECK (urgency IN ('today', 'within-24h', 'planned')),
        CONSTRAINT "referrals_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "regions" ("code"),
        CONSTRAINT "referrals_placed_agb_fkey" FOREIGN KEY ("placed_agb") REFERENCES "providers" ("agb"))`);
    await q.query(`CREATE INDEX referrals_due ON referrals (offer_due_at)`);
    await q.query(`CREATE INDEX referrals_region_created ON referrals (region_code, created_at)`);
    await q.query(`CREATE INDEX referrals_created_by ON referrals (created_by, created_at)`);
    await q.query(`CREATE TABLE "referral_offers" ("id" text PRIMARY KEY NOT NULL, "referral_id" text NOT NULL, "agb" text NOT NULL, "offered_at" bigint NOT NULL,
        "respond_by" bigint NOT NULL, "answer" text, "answered_at" bigint, "reason" text, "manual" boolean NOT NULL, "offered_by" text NOT NULL,
        CONSTRAINT "referral_offers_answer_check" CHECK (answer IS NULL OR answer IN ('accepted', 'declined', 'timed-out', 'withdrawn')),
        CONSTRAINT "referral_offers_reason_check" CHECK (reason IS NULL OR reason IN ('no-places', 'no-expertise', 'outside-area', 'other')),
        CONSTRAINT "referral_offers_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals" ("id"),
        CONSTRAINT "referral_offers_agb_fkey" FOREIGN KEY ("agb") REFERENCES "providers" ("agb"))`);
    await q.query(`CREATE UNIQUE INDEX referral_offers_once ON referral_offers (referral_id, agb)`);
    await q.query(`CREATE UNIQUE INDEX referral_offers_one_open ON referral_offers (referral_id) WHERE answer IS NULL`);
    await q.query(`CREATE INDEX referral_offers_agb ON referral_offers (agb, offered_at)`);

    if (pg) {
      await q.query(`ALTER TABLE request_pages ALTER COLUMN request_id DROP NOT NULL,
        ADD COLUMN referral_id text CONSTRAINT request_pages_referral_id_fkey REFERENCES referrals(id),
        ADD CONSTRAINT request_pages_subject_check CHECK ((request_id IS NULL) <> (referral_id IS NULL))`);
    } else {
      await rebuildSqliteTable(
        q,
        'request_pages',
        `"id" text PRIMARY KEY NOT NULL, "request_id" text, "step" integer NOT NULL, "recipient" text NOT NULL, "nurse_id" text, "user_id" text, "name" text NOT NULL, "paged_at" bigint NOT NULL, "referral_id" text, CONSTRAINT "request_pages_step_check" CHECK (step BETWEEN 1 AND 3), CONSTRAINT "request_pages_subject_check" CHECK ((request_id IS NULL) <> (referral_id IS NULL)), CONSTRAINT "request_pages_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id"), CONSTRAINT "request_pages_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals" ("id")`,
      );
    }
    await q.query(`CREATE UNIQUE INDEX request_pages_referral_once ON request_pages (referral_id, recipient)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX request_pages_referral_once`);
    await q.query(`DELETE FROM request_pages WHERE referral_id IS NOT NULL`);
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`ALTER TABLE request_pages DROP CONSTRAINT request_pages_subject_check, DROP COLUMN referral_id, ALTER COLUMN request_id SET NOT NULL`);
    } else {
      await rebuildSqliteTable(
        q,
        'request_pages',
        `"id" text PRIMARY KEY NOT NULL, "request_id" text NOT NULL, "step" integer NOT NULL, "recipient" text NOT NULL, "nurse_id" text, "user_id" text, "name" text NOT NULL, "paged_at" bigint NOT NULL, CONSTRAINT "request_pages_step_check" CHECK (step BETWEEN 1 AND 3), CONSTRAINT "request_pages_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id")`,
      );
    }
    for (const table of ['referral_offers', 'referrals', 'intake_snapshots', 'intake_lines', 'provider_intake']) await q.query(`DROP TABLE ${table}`);
  }
}
