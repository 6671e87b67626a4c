import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Throwaway databases and ports, shared by the benchmark and the test suites. */

export interface ScratchDatabase {
  /** Environment for the service: DATABASE_PATH (SQLite) or DATABASE_URL (PostgreSQL). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database: a new SQLite file in a temporary folder, or — when `serverUrl` points
 * at a PostgreSQL server — a new database on that server, dropped again by `drop()`.
 */
export async function scratchDatabase(serverUrl?: string): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'wijkwacht-'));
    return { env: { DATABASE_PATH: join(dir, 'scratch.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ww_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
