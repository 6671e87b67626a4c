import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching the nurse's phone (api.md, "Reaching the nurse's phone"):
 * - regions: `sms_after_seconds` (0 = off, else 15–3600; default 120);
 * - push_subscriptions (owned by delivery/): a browser's Web Push subscription per user, with the
 *   session it was made in, so that signing out of that session removes it;
 * - outbox: the page a delivery belongs to (deliveries per page), the subscription a push goes to,
 *   and when an SMS reached the handset (the gateway's delivery report);
 * - request_pages: the durable SMS timer (`sms_due_at`), when an open event stream carried the
 *   page, and who paged by hand;
 * - requests: how an acknowledgement came (app, notification, sms) and who acknowledged without a
 *   page of their own (a coordinator of the region);
 * - page_links (requests/): the one-time "Ik ga" link of an SMS, only its hash;
 * - link_requests (auth/): recent requests for a sign-in link by SMS, hashed, kept one hour, for
 *   the limits per number and per client address.
 */
export class ReachingThePhone1796760000000 implements MigrationInterface {
  name = 'ReachingThePhone1796760000000';

  public async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.driver.options.type === 'postgres';
    await q.query(`ALTER TABLE regions ADD COLUMN sms_after_seconds integer NOT NULL DEFAULT 120`);
    await q.query(`ALTER TABLE outbox ADD COLUMN page_id text`);
    await q.query(`ALTER TABLE outbox ADD COLUMN target_id text`);
    await q.query(`ALTER TABLE outbox ADD COLUMN reached_at bigint`);
    await q.query(`ALTER TABLE request_pages ADD COLUMN sms_due_at bigint`);
    await q.query(`ALTER TABLE request_pages ADD COLUMN streamed_at bigint`);
    await q.query(`ALTER TABLE request_pages ADD COLUMN paged_by text`);
    await q.query(`ALTER TABLE requests ADD COLUMN acknowledged_via text`);
    await q.query(`ALTER TABLE requests ADD COLUMN acknowledged_by_user_id text`);
    await q.query(`ALTER TABLE requests ADD COLUMN acknowledged_by_name text`);
    if (pg) {
      await q.query(`CREATE TABLE push_subscriptions (id text PRIMARY KEY,
        user_id text NOT NULL CONSTRAINT push_subscriptions_user_id_fkey REFERENCES users(id), nurse_id text, session_id text,
        endpoint text NOT NULL, p256dh text NOT NULL, auth text NOT NULL, created_at bigint NOT NULL)`);
      await q.query(`CREATE TABLE page_links (id text PRIMARY KEY,
        page_id text NOT NULL CONSTRAINT page_links_page_id_fkey REFERENCES request_pages(id), secret_hash text NOT NULL,
        created_at bigint NOT NULL, used_at bigint)`);
      await q.query(`CREATE TABLE link_requests (id text PRIMARY KEY, phone_hash text NOT NULL, address_hash text NOT NULL, created_at bigint NOT NULL)`);
    } else {
      await q.query(`CREATE TABLE "push_subscriptions" ("id" text PRIMARY KEY NOT NULL, "user_id" text NOT NULL, "nurse_id" text,
        "session_id" text, "endpoint" text NOT NULL, "p256dh" text NOT NULL, "auth" text NOT NULL, "created_at" bigint NOT NULL,
        CONSTRAINT "push_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`);
      await q.query(`CREATE TABLE "page_links" ("id" text PRIMARY KEY NOT NULL, "page_id" text NOT NULL, "secret_hash" text NOT NULL,
        "created_at" bigint NOT NULL, "used_at" bigint,
        CONSTRAINT "page_links_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "request_pages" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`);
      await q.query(`CREATE TABLE "link_requests" ("id" text PRIMARY KEY NOT NULL, "phone_hash" text NOT NULL, "address_hash" text NOT NULL,
        "created_at" bigint NOT NULL)`);
    }
    await q.query(`CREATE UNIQUE INDEX push_subscriptions_endpoint ON push_subscriptions (endpoint)`);
    await q.query(`CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at)`);
    await q.query(`CREATE INDEX push_subscriptions_nurse ON push_subscriptions (nurse_id)`);
    await q.query(`CREATE INDEX push_subscriptions_session ON push_subscriptions (session_id)`);
    await q.query(`CREATE UNIQUE INDEX page_links_secret_hash ON page_links (secret_hash)`);
    await q.query(`CREATE INDEX page_links_page ON page_links (page_id)`);
    await q.query(`CREATE INDEX link_requests_phone ON link_requests (phone_hash, created_at)`);
    await q.query(`CREATE INDEX link_requests_address ON link_requests (address_hash, created_at)`);
    await q.query(`CREATE INDEX outbox_page ON outbox (page_id)`);
    await q.query(`CREATE INDEX request_pages_sms_due ON request_pages (sms_due_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX request_pages_sms_due`);
    await q.query(`DROP INDEX outbox_page`);
    await q.query(`DROP TABLE link_requests`);
    await q.query(`DROP TABLE page_links`);
    await q.query(`DROP TABLE push_subscriptions`);
    for (const column of ['acknowledged_by_name', 'acknowledged_by_user_id', 'acknowledged_via']) await q.query(`ALTER TABLE requests DROP COLUMN ${column}`);
    for (const column of ['paged_by', 'streamed_at', 'sms_due_at']) await q.query(`ALTER TABLE request_pages DROP COLUMN ${column}`);
    for (const column of ['reached_at', 'target_id', 'page_id']) await q.query(`ALTER TABLE outbox DROP COLUMN ${column}`);
    await q.query(`ALTER TABLE regions DROP COLUMN sms_after_seconds`);
  }
}
