import type { DataSource, EntityManager } from 'typeorm';

/**
 * Dialect and size details of SQL, written once: the placeholder style of the driver and the
 * chunking of long `IN (...)` lists (SQLite allows 32,766 parameters, PostgreSQL 65,535; 500 ids
 * a statement stays far below both and keeps statements small).
 */
export const IN_LIST_CHUNK = 500;

/** Runs `load` over the items in chunks and concatenates the results, in order. */
export async function inChunks<T, R>(items: readonly T[], load: (chunk: T[]) => Promise<R[]>, size = IN_LIST_CHUNK): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await load(items.slice(i, i + size))));
  return results;
}

/** The n-th (1-based) parameter marker of the connection's dialect: `$n` on PostgreSQL, `?` on SQLite. */
export function parameterMarker(db: DataSource | EntityManager): (n: number) => string {
  const options = 'connection' in db ? db.connection.options : db.options;
  return options.type === 'postgres' ? (n) => `$${n}` : () => '?';
}
