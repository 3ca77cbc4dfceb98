import type Database from 'better-sqlite3';

// Secondary indexes set aside for a bulk load (kept in deferred_indexes, so a load that crashed
// still gets them back when the store next opens) and built once at the end. Unique indexes
// are never deferred: upserts need them.

/** Drops the non-unique indexes of the tables, remembering their definitions. */
export function deferIndexes(db: Database.Database, tables: string[]): number {
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'CREATE UNIQUE%'
      and tbl_name in (${tables.map(() => '?').join(',')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  db.transaction(() => {
    const save = db.prepare('insert into deferred_indexes (name, definition) values (?, ?) on conflict (name) do nothing');
    for (const ix of indexes) {
      save.run(ix.name, ix.sql);
      db.exec(`drop index "${ix.name.replace(/"/g, '""')}"`);
    }
  })();
  return indexes.length;
}

/** The table a CREATE INDEX statement is on, unquoted. */
const indexedTable = (definition: string) => /\bon\s+[`"[]?(\w+)/i.exec(definition)?.[1] ?? '';

/**
 * Builds the set-aside indexes (of the given tables, or all); safe to call at any time (a
 * no-op when none is pending).
 */
export function restoreIndexes(db: Database.Database, tables?: string[]): number {
  const pending = (db.prepare('select name, definition from deferred_indexes').all() as { name: string; definition: string }[]).filter(
    (ix) => !tables || tables.includes(indexedTable(ix.definition)),
  );
  for (const ix of pending) {
    db.transaction(() => {
      db.exec(ix.definition.replace(/^CREATE INDEX\b/i, 'CREATE INDEX IF NOT EXISTS'));
      db.prepare('delete from deferred_indexes where name = ?').run(ix.name);
    })();
  }
  // A sampled analyze: exact statistics over millions of rows cost seconds and choose the same plans.
  // Statistics wait for the whole load: mid-run they would describe half-empty tables.
  if (pending.length && !tables) db.exec('pragma analysis_limit = 2000; analyze');
  return pending.length;
}
