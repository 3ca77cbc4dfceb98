// Batched bulk insert: one prepared statement per table, committing every N rows to bound the transaction size.
import type { Database, Statement } from 'better-sqlite3';
import { TABLE_NAMES, insertSql, type TableName } from './schema';

export type ProgressFn = (p: { table: string; rows: number }) => void;

export type Cell = string | number | null;

const PROGRESS_EVERY = 50_000;

export class BulkWriter {
  readonly counts: Record<TableName, number>;
  private readonly stmts: Record<TableName, Statement<[Cell[]]>>;
  private pending = 0;
  private open = false;

  constructor(
    private readonly db: Database,
    private readonly onProgress?: ProgressFn,
    private readonly commitEvery = 50_000,
  ) {
    this.counts = {} as Record<TableName, number>;
    this.stmts = {} as Record<TableName, Statement<[Cell[]]>>;
    for (const t of TABLE_NAMES) {
      this.counts[t] = 0;
      this.stmts[t] = db.prepare<[Cell[]]>(insertSql(t));
    }
  }

  insert(table: TableName, row: Cell[]): void {
    if (!this.open) {
      this.db.exec('BEGIN');
      this.open = true;
    }
    this.stmts[table].run(row);
    const n = ++this.counts[table];
    if (this.onProgress && n % PROGRESS_EVERY === 0) this.onProgress({ table, rows: n });
    if (++this.pending >= this.commitEvery) this.commit();
  }

  commit(): void {
    if (this.open) this.db.exec('COMMIT');
    this.open = false;
    this.pending = 0;
  }

  /** Commits the tail and reports final per-table counts. */
  finish(): void {
    this.commit();
    if (this.onProgress) for (const t of TABLE_NAMES) this.onProgress({ table: t, rows: this.counts[t] });
  }
}
