import type { QueryRunner } from 'typeorm';

/**
 * SQLite cannot add a named constraint to an existing table: the table is rebuilt under its new
 * definition (written as TypeORM writes it, so that it reads the names back), with the same rows,
 * and its indexes and triggers are created again, unchanged. The columns both tables have are
 * copied by name; a new column takes its default, a dropped one is left behind. TypeORM's migration runner turns foreign-key
 * enforcement off on SQLite, which a rebuild of a referenced table needs; every foreign key is
 * checked once the rebuild is done.
 */
export async function rebuildSqliteTable(q: QueryRunner, table: string, definition: string): Promise<void> {
  const [{ foreign_keys: enforced }] = await q.query(`PRAGMA foreign_keys`);
  if (enforced) throw new Error(`rebuilding ${table} needs foreign keys off`);
  const kept: string[] = (
    await q.query(`SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name = ? ORDER BY type, name`, [table])
  ).map((row: { sql: string }) => row.sql);
  const namesOf = async (t: string): Promise<string[]> => (await q.query(`PRAGMA table_info("${t}")`)).map((c: { name: string }) => c.name);
  await q.query(`CREATE TABLE "${table}_rebuilt" (${definition})`);
  const target = new Set(await namesOf(`${table}_rebuilt`));
  const columns = (await namesOf(table))
    .filter((name) => target.has(name))
    .map((name) => `"${name}"`)
    .join(', ');
  await q.query(`INSERT INTO "${table}_rebuilt" (${columns}) SELECT ${columns} FROM "${table}"`);
  await q.query(`DROP TABLE "${table}"`);
  await q.query(`ALTER TABLE "${table}_rebuilt" RENAME TO "${table}"`);
  for (const sql of kept) await q.query(sql);
  const broken = await q.query(`PRAGMA foreign_key_check`);
  if (broken.length > 0) throw new Error(`rebuilding ${table}: ${broken.length} rows break a foreign key, e.g. ${JSON.stringify(broken[0])}`);
}
