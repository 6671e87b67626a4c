import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acute requests and their pages (owned by requests/), the webhook outbox (owned by delivery/),
 * the SLA term `ackMinutes` on contracts and the paging webhook of providers. Table definitions
 * are written as TypeORM reads them back on each database, so that the entities and the migrated
 * schema agree (the schema-diff test).
 */
export class AcuteRequests1796300000000 implements MigrationInterface {
  name = 'AcuteRequests1796300000000';

  public async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.driver.options.type === 'postgres';
    await q.query(`ALTER TABLE contracts ADD COLUMN sla_ack_minutes integer`);
    await q.query(`ALTER TABLE providers ADD COLUMN paging_webhook_url text`);
    await q.query(`ALTER TABLE providers ADD COLUMN paging_webhook_secret text`);
    if (pg) {
      await q.query(`CREATE TABLE requests (id text PRIMARY KEY, region_code text NOT NULL, function text NOT NULL,
        contract_id text NOT NULL CONSTRAINT requests_contract_id_fkey REFERENCES contracts(id), urgency text NOT NULL, postcode text NOT NULL,
        partner_reference text NOT NULL, callback_phone text, status text NOT NULL, step integer NOT NULL, ack_minutes integer NOT NULL,
        step_started_at bigint NOT NULL, next_step_at bigint, created_by text NOT NULL, created_at bigint NOT NULL, escalated_at bigint,
        acknowledged_at bigint, acknowledged_page_id text, resolved_at bigint, outcome text, cancelled_at bigint,
        CONSTRAINT requests_step_check CHECK (step BETWEEN 1 AND 3),
        CONSTRAINT requests_status_check CHECK (status IN ('paging', 'escalated', 'acknowledged', 'resolved', 'cancelled')))`);
      await q.query(`CREATE TABLE request_pages (id text PRIMARY KEY,
        request_id text NOT NULL CONSTRAINT request_pages_request_id_fkey REFERENCES requests(id), step integer NOT NULL,
        recipient text NOT NULL, nurse_id text, user_id text, name text NOT NULL, paged_at bigint NOT NULL,
        CONSTRAINT request_pages_step_check CHECK (step BETWEEN 1 AND 3))`);
      await q.query(`CREATE TABLE outbox (id text PRIMARY KEY, kind text NOT NULL, url text NOT NULL, secret text, body text NOT NULL,
        idempotency_key text NOT NULL, status text NOT NULL, attempts integer NOT NULL, next_attempt_at bigint NOT NULL,
        give_up_at bigint NOT NULL, created_at bigint NOT NULL, delivered_at bigint, last_error text,
        CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'delivered', 'failed')))`);
    } else {
      await q.query(`CREATE TABLE "requests" ("id" text PRIMARY KEY NOT NULL, "region_code" text NOT NULL, "function" text NOT NULL,
        "contract_id" text NOT NULL, "urgency" text NOT NULL, "postcode" text NOT NULL, "partner_reference" text NOT NULL, "callback_phone" text,
        "status" text NOT NULL, "step" integer NOT NULL, "ack_minutes" integer NOT NULL, "step_started_at" bigint NOT NULL, "next_step_at" bigint,
        "created_by" text NOT NULL, "created_at" bigint NOT NULL, "escalated_at" bigint, "acknowledged_at" bigint, "acknowledged_page_id" text,
        "resolved_at" bigint, "outcome" text, "cancelled_at" bigint,
        CONSTRAINT "requests_step_check" CHECK (step BETWEEN 1 AND 3),
        CONSTRAINT "requests_status_check" CHECK (status IN ('paging', 'escalated', 'acknowledged', 'resolved', 'cancelled')),
        CONSTRAINT "requests_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`);
      await q.query(`CREATE TABLE "request_pages" ("id" text PRIMARY KEY NOT NULL, "request_id" text NOT NULL, "step" integer NOT NULL,
        "recipient" text NOT NULL, "nurse_id" text, "user_id" text, "name" text NOT NULL, "paged_at" bigint NOT NULL,
        CONSTRAINT "request_pages_step_check" CHECK (step BETWEEN 1 AND 3),
        CONSTRAINT "request_pages_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "requests" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION)`);
      await q.query(`CREATE TABLE "outbox" ("id" text PRIMARY KEY NOT NULL, "kind" text NOT NULL, "url" text NOT NULL, "secret" text,
        "body" text NOT NULL, "idempotency_key" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL,
        "next_attempt_at" bigint NOT NULL, "give_up_at" bigint NOT NULL, "created_at" bigint NOT NULL, "delivered_at" bigint, "last_error" text,
        CONSTRAINT "outbox_status_check" CHECK (status IN ('pending', 'delivered', 'failed')))`);
    }
    await q.query(`CREATE INDEX requests_due ON requests (next_step_at)`);
    await q.query(`CREATE INDEX requests_region_created ON requests (region_code, created_at)`);
    await q.query(`CREATE INDEX requests_contract_created ON requests (contract_id, created_at)`);
    await q.query(`CREATE UNIQUE INDEX request_pages_once ON request_pages (request_id, recipient)`);
    await q.query(`CREATE INDEX request_pages_nurse ON request_pages (nurse_id, paged_at)`);
    await q.query(`CREATE INDEX request_pages_user ON request_pages (user_id, paged_at)`);
    await q.query(`CREATE INDEX outbox_due ON outbox (status, next_attempt_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE request_pages`);
    await q.query(`DROP TABLE requests`);
    await q.query(`ALTER TABLE providers DROP COLUMN paging_webhook_secret`);
    await q.query(`ALTER TABLE providers DROP COLUMN paging_webhook_url`);
    await q.query(`ALTER TABLE contracts DROP COLUMN sla_ack_minutes`);
  }
}
