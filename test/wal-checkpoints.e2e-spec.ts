import { statSync } from 'node:fs';
import { WalCheckpoints, WRITER_AUTOCHECKPOINT_PAGES } from '../src/database/wal-checkpoints.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * SQLite: the connection that commits does not copy the WAL into the database file on the way
 * (the request that crossed 1,000 pages used to wait for it); a connection of its own does, in
 * the background.
 */
const onSqlite = !process.env.TEST_DATABASE_URL;
let t: TestApp;
const every = WalCheckpoints.everyMs;

beforeAll(async () => {
  WalCheckpoints.everyMs = 3_600_000; // the test runs the checkpoints itself
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  WalCheckpoints.everyMs = every;
});

(onSqlite ? it : it.skip)('commits leave the WAL to the checkpoint connection, which copies it into the database file', async () => {
  const [{ wal_autocheckpoint }] = await t.db.query('PRAGMA wal_autocheckpoint');
  expect(wal_autocheckpoint).toBe(WRITER_AUTOCHECKPOINT_PAGES);
  const file = (t.db.options as { database: string }).database;
  const checkpoints = t.app.get(WalCheckpoints);
  await checkpoints.checkpoint();
  const before = statSync(file).size;
  const w = new World(t);
  const { contract } = await w.contracted({ contract: { validFrom: '2027-01-01', validTo: '2028-12-31' } });
  await w.template(contract.id); // two years of nightly slots: hundreds of pages, all in the WAL
  expect(statSync(file).size).toBe(before);
  expect(statSync(`${file}-wal`).size).toBeGreaterThan(100 * 4096);
  await checkpoints.checkpoint();
  expect(statSync(file).size).toBeGreaterThan(before);
  // Everything written is in the file: a checkpoint now finds nothing left to copy.
  const [done] = await t.db.query('PRAGMA wal_checkpoint(PASSIVE)');
  expect(done.log).toBe(done.checkpointed);
});
