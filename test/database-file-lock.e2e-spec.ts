import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { ADMIN } from './support/test-app.js';

/**
 * One process per SQLite file: a second one is refused at start with a message naming the holder,
 * before it opens the database; a lock left by a killed process is taken over.
 */
const itSqlite = process.env.TEST_DATABASE_URL ? it.skip : it;

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wijkwacht-lock-'));
  file = join(dir, 'roster.sqlite');
  lock = `${file}.lock`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start() {
  const { app } = await createApp({ DATABASE_PATH: file, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
  await app.init();
  return app;
}

itSqlite('a second app on the same file is refused while the first runs, and starts once the first has stopped', async () => {
  const first = await start();
  expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
  await expect(start()).rejects.toThrow(`The database file ${file} is in use by process ${process.pid} on ${hostname()} (lock file ${lock}).`);
  expect((await request(first.getHttpServer()).get('/health')).status).toBe(200);
  await first.close();
  expect(existsSync(lock)).toBe(false);

  const second = await start();
  expect((await request(second.getHttpServer()).get('/health')).status).toBe(200);
  await second.close();
});

itSqlite('another live process holding the file keeps this one from starting, and its lock is taken over once it has been killed', async () => {
  // Stands in for a second service process: it holds the lock file and keeps running.
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(lock)}, process.pid + '\\n' + require('os').hostname() + '\\n'); console.log('holding'); setInterval(() => {}, 60000)`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((r) => holder.once('exit', r));
  try {
    await new Promise((r) => holder.stdout.once('data', r));
    await expect(start()).rejects.toThrow(`is in use by process ${holder.pid} on ${hostname()}`);
    // Refused before the database was opened.
    expect(existsSync(file)).toBe(false);
  } finally {
    holder.kill('SIGKILL');
    await exited;
  }
  const app = await start();
  expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
  await app.close();
  expect(existsSync(lock)).toBe(false);
});

itSqlite('a garbled lock file (a write lost in a crash) is taken over', async () => {
  writeFileSync(lock, '');
  const app = await start();
  expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
  await app.close();
});
