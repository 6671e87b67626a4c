import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { ADMIN, freshDatabase } from './support/test-app.js';
import type { ScratchDatabase } from '../bench/scratch.js';

/**
 * The schema is built by the migrations alone; the entities must describe that same schema, or
 * `migration:generate` proposes changes nobody asked for and the entity metadata lies about the
 * tables. TypeORM's schema builder is asked what it would run to make a freshly migrated database
 * match the entities: nothing. Triggers are outside its view, so they are listed separately.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
let database: ScratchDatabase;
let app: INestApplication;
let db: DataSource;

beforeAll(async () => {
  database = await freshDatabase();
  ({ app } = await createApp({ ...database.env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false));
  await app.init();
  db = app.get(DataSource);
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

it(`a freshly migrated ${onPostgres ? 'PostgreSQL' : 'SQLite'} database needs no change to match the entities`, async () => {
  const { upQueries } = await db.driver.createSchemaBuilder().log();
  // The whole list on failure: each query is a difference between an entity and the migrations.
  expect(upQueries.map((query) => query.query)).toEqual([]);
});

it(`the append-only and never-reopen triggers are in place on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, async () => {
  const rows: Array<{ name: string }> = onPostgres
    ? await db.query(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`)
    : await db.query(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
  expect(rows.map((row) => row.name)).toEqual(
    onPostgres
      ? [
          'audit_events_no_truncate',
          'audit_events_no_update',
          'closed_months_never_reopen',
          'closed_months_no_truncate',
          'fee_statements_final_immutable',
          'fee_statements_no_truncate',
        ]
      : [
          'audit_events_no_delete',
          'audit_events_no_replace',
          'audit_events_no_update',
          'closed_months_no_delete',
          'closed_months_no_update',
          'fee_statements_final_no_delete',
          'fee_statements_final_no_replace',
          'fee_statements_final_no_replace_by_update',
          'fee_statements_final_no_update',
        ],
  );
});
