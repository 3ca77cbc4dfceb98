import type Database from 'better-sqlite3';

// The tables a HIS sync fills. On a first load into an empty SQLite store their secondary
// indexes are dropped and built once at the end: one sorted build is several times cheaper
// than maintaining seven b-trees row by row over a million encounters. Unique indexes stay:
// the upserts need them.
const BULK_TABLES = ['patients', 'phones', 'encounters', 'diagnoses', 'checkup_findings'];

export function deferIndexes(db: Database.Database): number {
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'CREATE UNIQUE%'
      and tbl_name in (${BULK_TABLES.map(() => '?').join(',')})`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  db.transaction(() => {
    const save = db.prepare('insert into deferred_indexes (name, definition) values (?, ?) on conflict (name) do nothing');
    for (const ix of indexes) {
      save.run(ix.name, ix.sql);
      db.exec(`drop index "${ix.name.replace(/"/g, '""')}"`);
    }
  })();
  return indexes.length;
}

/** Builds every set-aside index; safe to call at any time (a no-op when none is pending). */
export function restoreIndexes(db: Database.Database): number {
  const pending = db.prepare('select name, definition from deferred_indexes').all() as { name: string; definition: string }[];
  for (const ix of pending) {
    db.transaction(() => {
      db.exec(ix.definition.replace(/^CREATE INDEX\b/i, 'CREATE INDEX IF NOT EXISTS'));
      db.prepare('delete from deferred_indexes where name = ?').run(ix.name);
    })();
  }
  if (pending.length) db.exec('analyze');
  return pending.length;
}

export function storeIsEmpty(db: Database.Database, sourceSystem: string): boolean {
  return !db.prepare('select 1 from encounters where source_system = ? limit 1').get(sourceSystem)
    && !db.prepare('select 1 from patients where source_system = ? limit 1').get(sourceSystem);
}
