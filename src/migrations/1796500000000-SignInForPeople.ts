import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in for people: users get an optional e-mail address (unique, stored lower-cased; the
 * identity provider's verified e-mail claim is matched against it), server-side sessions
 * referenced by a cookie, and one-time sign-in links for a nurse's phone. Sessions and links
 * store only a SHA-256 of their secret.
 */
export class SignInForPeople1796500000000 implements MigrationInterface {
  name = 'SignInForPeople1796500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email text`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (email)`);
    await q.query(`CREATE TABLE sessions ("id" text PRIMARY KEY NOT NULL, "user_id" text NOT NULL, "kind" text NOT NULL,
        "secret_hash" text NOT NULL, "user_agent" text, "created_at" bigint NOT NULL, "last_used_at" bigint NOT NULL,
        "expires_at" bigint NOT NULL, "ended_at" bigint,
        CONSTRAINT "sessions_kind_check" CHECK (kind IN ('oidc', 'device')),
        CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id"))`);
    await q.query(`CREATE UNIQUE INDEX sessions_secret_hash ON sessions (secret_hash)`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id, created_at)`);
    await q.query(`CREATE TABLE sign_in_links ("id" text PRIMARY KEY NOT NULL, "user_id" text NOT NULL, "secret_hash" text NOT NULL,
        "created_by" text NOT NULL, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "used_at" bigint,
        CONSTRAINT "sign_in_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id"))`);
    await q.query(`CREATE UNIQUE INDEX sign_in_links_secret_hash ON sign_in_links (secret_hash)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_links`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP INDEX users_email`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
