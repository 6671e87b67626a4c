import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a person is at an identity provider: each user may carry one (provider, issuer, subject)
 * link per configured provider, unique across users, looked up first at every sign-in; a
 * verified e-mail address only makes the first link (auth/identity-linking.ts has the rule).
 * Sessions signed in through a provider remember which one and its ID token, sealed with a key
 * derived from the session's cookie secret (which is not stored), for RP-initiated logout.
 * Existing users are linked at their first sign-in after this, by their e-mail address as before.
 */
export class IdentityLinks1796700100000 implements MigrationInterface {
  name = 'IdentityLinks1796700100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_identities ("id" text PRIMARY KEY NOT NULL, "user_id" text NOT NULL, "provider" text NOT NULL,
        "issuer" text NOT NULL, "subject" text NOT NULL, "created_at" bigint NOT NULL, "last_sign_in_at" bigint NOT NULL,
        CONSTRAINT "user_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id"))`);
    await q.query(`CREATE UNIQUE INDEX user_identities_subject ON user_identities (provider, issuer, subject)`);
    await q.query(`CREATE UNIQUE INDEX user_identities_user_provider ON user_identities (user_id, provider)`);
    await q.query(`ALTER TABLE sessions ADD COLUMN provider text`);
    await q.query(`ALTER TABLE sessions ADD COLUMN id_token_sealed text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN id_token_sealed`);
    await q.query(`ALTER TABLE sessions DROP COLUMN provider`);
    await q.query(`DROP TABLE user_identities`);
  }
}
