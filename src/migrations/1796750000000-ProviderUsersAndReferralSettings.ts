import { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildSqliteTable } from './sqlite-rebuild.js';

/**
 * Users acting for one provider (role `provider`, naming the provider's AGB), and each region's
 * referral settings (api.md, "Region settings"): the minutes a provider has to answer an offer and
 * the placement norm, per urgency, and the hours after which a provider's capacity reads grey.
 * Existing regions take the defaults.
 */
export class ProviderUsersAndReferralSettings1796750000000 implements MigrationInterface {
  name = 'ProviderUsersAndReferralSettings1796750000000';

  public async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`ALTER TABLE users ADD COLUMN provider_agb text CONSTRAINT users_provider_agb_fkey REFERENCES providers(agb)`);
      await q.query(`ALTER TABLE regions ADD COLUMN referral_response_today integer NOT NULL DEFAULT 30,
        ADD COLUMN referral_response_within_24h integer NOT NULL DEFAULT 120,
        ADD COLUMN referral_response_planned integer NOT NULL DEFAULT 480,
        ADD COLUMN placement_norm_today integer NOT NULL DEFAULT 120,
        ADD COLUMN placement_norm_within_24h integer NOT NULL DEFAULT 480,
        ADD COLUMN placement_norm_planned integer NOT NULL DEFAULT 2880,
        ADD COLUMN capacity_stale_hours integer NOT NULL DEFAULT 24,
        ADD CONSTRAINT regions_referral_response_check CHECK (${RESPONSE_CHECK}),
        ADD CONSTRAINT regions_placement_norm_check CHECK (${NORM_CHECK}),
        ADD CONSTRAINT regions_capacity_stale_hours_check CHECK (${STALE_CHECK})`);
      return;
    }
    await rebuildSqliteTable(
      q,
      'users',
      `"id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "region_codes" text NOT NULL, "insurer_uzovi" text, "nurse_id" text, "token_hash" text NOT NULL UNIQUE, "created_at" bigint NOT NULL, "revoked_at" bigint, "email" text, "provider_agb" text, CONSTRAINT "users_insurer_uzovi_fkey" FOREIGN KEY ("insurer_uzovi") REFERENCES "insurers" ("uzovi"), CONSTRAINT "users_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id"), CONSTRAINT "users_provider_agb_fkey" FOREIGN KEY ("provider_agb") REFERENCES "providers" ("agb")`,
    );
    await rebuildSqliteTable(
      q,
      'regions',
      `"code" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "population" integer NOT NULL, "preferred_insurer_uzovi" text NOT NULL, "timezone" text NOT NULL, "auto_approve_offers" boolean NOT NULL DEFAULT (0), "coordinator_phone" text, "referral_response_today" integer NOT NULL DEFAULT (30), "referral_response_within_24h" integer NOT NULL DEFAULT (120), "referral_response_planned" integer NOT NULL DEFAULT (480), "placement_norm_today" integer NOT NULL DEFAULT (120), "placement_norm_within_24h" integer NOT NULL DEFAULT (480), "placement_norm_planned" integer NOT NULL DEFAULT (2880), "capacity_stale_hours" integer NOT NULL DEFAULT (24), CONSTRAINT "regions_population_check" CHECK (population >= 0), CONSTRAINT "regions_referral_response_check" CHECK (${RESPONSE_CHECK}), CONSTRAINT "regions_placement_norm_check" CHECK (${NORM_CHECK}), CONSTRAINT "regions_capacity_stale_hours_check" CHECK (${STALE_CHECK}), CONSTRAINT "regions_preferred_insurer_uzovi_fkey" FOREIGN KEY ("preferred_insurer_uzovi") REFERENCES "insurers" ("uzovi")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') {
      await rebuildSqliteTable(q, 'users', USERS_BEFORE);
      await rebuildSqliteTable(q, 'regions', REGIONS_BEFORE);
      return;
    }
    for (const c of ['regions_referral_response_check', 'regions_placement_norm_check', 'regions_capacity_stale_hours_check']) {
      await q.query(`ALTER TABLE regions DROP CONSTRAINT ${c}`);
    }
    for (const column of [
      'referral_response_today',
      'referral_response_within_24h',
      'referral_response_planned',
      'placement_norm_today',
      'placement_norm_within_24h',
      'placement_norm_planned',
      'capacity_stale_hours',
    ]) {
      await q.query(`ALTER TABLE regions DROP COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE users DROP COLUMN provider_agb`);
  }
}

const RESPONSE_CHECK =
  'referral_response_today BETWEEN 1 AND 1440 AND referral_response_within_24h BETWEEN 1 AND 1440 AND referral_response_planned BETWEEN 1 AND 1440';
const NORM_CHECK = 'placement_norm_today BETWEEN 1 AND 20160 AND placement_norm_within_24h BETWEEN 1 AND 20160 AND placement_norm_planned BETWEEN 1 AND 20160';
const STALE_CHECK = 'capacity_stale_hours BETWEEN 1 AND 168';

const USERS_BEFORE = `"id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "role" text NOT NULL, "region_codes" text NOT NULL, "insurer_uzovi" text, "nurse_id" text, "token_hash" text NOT NULL UNIQUE, "created_at" bigint NOT NULL, "revoked_at" bigint, "email" text, CONSTRAINT "users_insurer_uzovi_fkey" FOREIGN KEY ("insurer_uzovi") REFERENCES "insurers" ("uzovi"), CONSTRAINT "users_nurse_id_fkey" FOREIGN KEY ("nurse_id") REFERENCES "nurses" ("id")`;
const REGIONS_BEFORE = `"code" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "population" integer NOT NULL, "preferred_insurer_uzovi" text NOT NULL, "timezone" text NOT NULL, "auto_approve_offers" boolean NOT NULL DEFAULT (0), "coordinator_phone" text, CONSTRAINT "regions_population_check" CHECK (population >= 0), CONSTRAINT "regions_preferred_insurer_uzovi_fkey" FOREIGN KEY ("preferred_insurer_uzovi") REFERENCES "insurers" ("uzovi")`;
