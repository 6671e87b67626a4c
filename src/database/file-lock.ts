import { type OnApplicationShutdown } from '@nestjs/common';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Lock files this process holds, so a second app in the same process is refused too. */
const held = new Set<string>();
let exitHookInstalled = false;

interface Holder {
  pid: number;
  host: string;
}

/**
 * One process per SQLite file: the transaction queue, the in-process job lock and the cron jobs
 * all assume it, so a second process on the same file would run every job twice and interleave
 * writes. Taken before the database is opened: `<file>.lock` holding the pid and host name,
 * created atomically (a complete file is hard-linked into place, so it fails if one exists and
 * is never seen half written), and removed on shutdown. A lock left by a killed process — its
 * pid no longer runs on this host — is taken over, so a restart after SIGKILL or a power loss
 * works without manual steps.
 */
export class DatabaseFileLock implements OnApplicationShutdown {
  private constructor(readonly path: string) {}

  static acquire(databasePath: string): DatabaseFileLock {
    const path = `${resolve(databasePath)}.lock`;
    const me: Holder = { pid: process.pid, host: hostname() };
    for (let attempt = 0; attempt < 5; attempt++) {
      const holder = held.has(path) ? me : readHolder(path);
      if (holder && (held.has(path) || isAlive(holder))) {
        throw new Error(
          `The database file ${resolve(databasePath)} is in use by process ${holder.pid} on ${holder.host} ` +
            `(lock file ${path}). Only one process may serve a SQLite file; use PostgreSQL (DATABASE_URL) for ` +
            `several instances. If that process is gone, remove the lock file.`,
        );
      }
      if (holder) removeIfPresent(path); // stale: its process is gone
      if (tryCreate(path, me)) {
        held.add(path);
        installExitHook();
        return new DatabaseFileLock(path);
      }
    }
    throw new Error(`Could not take the lock file ${path}: other processes keep creating it`);
  }

  onApplicationShutdown(): void {
    this.release();
  }

  release(): void {
    if (!held.delete(this.path)) return;
    const holder = readHolder(this.path);
    if (holder && holder.pid === process.pid && holder.host === hostname()) removeIfPresent(this.path);
  }
}

function tryCreate(path: string, me: Holder): boolean {
  const draft = `${path}.${me.pid}.${Date.now()}`;
  writeFileSync(draft, `${me.pid}\n${me.host}\n`, { mode: 0o644 });
  try {
    linkSync(draft, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    removeIfPresent(draft);
  }
}

/** The holder named in the lock file; null when there is none. Unreadable content counts as stale. */
function readHolder(path: string): Holder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const [pid, host] = text.split('\n');
  // Garbled (e.g. a disk that lost the last write): nobody can be holding it.
  if (!/^\d+$/.test(pid) || !host) return { pid: 0, host: hostname() };
  return { pid: Number(pid), host };
}

function isAlive(holder: Holder): boolean {
  // Another host's pid cannot be checked from here: assume it runs.
  if (holder.host !== hostname()) return true;
  if (holder.pid <= 0) return false;
  // Our own pid without our own lock: left by an earlier process that had the same pid (a
  // container restarted with the same pid namespace).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** A process that exits without closing the app (a failed start) still leaves no lock behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const path of held) {
      try {
        const holder = readHolder(path);
        if (holder && holder.pid === process.pid) removeIfPresent(path);
      } catch {
        // exiting anyway; the next start takes a stale lock over
      }
    }
  });
}
