import type { ReportTable } from '../../shared/contract/reports';
import { writeAtomically } from './atomic-file';
import { writeCsv } from './csv-writer';
import { inBatches, type ExportMeta, type RowSource, type WriteOptions } from './table-types';
import { writeXlsx } from './xlsx-writer';

export type { ExportMeta, RowSource, WriteOptions } from './table-types';

// The one writer of report files (exports, the CLI). The format follows the file name: .csv,
// else .xlsx. Written aside and renamed when complete (atomic-file.ts): a cancelled or failed
// write leaves no file.

export const formatOf = (file: string): 'csv' | 'xlsx' => (file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');

/** Writes a file from batches of rows; only one batch is held at a time. */
export async function writeRowsFile(source: RowSource, file: string, meta: ExportMeta, opts: WriteOptions = {}): Promise<{ rows: number }> {
  return writeAtomically(file, async (out) => {
    const it = source.batches[Symbol.asyncIterator]();
    const first = (await it.next()).value ?? [];
    const rows =
      formatOf(file) === 'csv'
        ? await writeCsv(out, source.columns, first, it, opts)
        : await writeXlsx(out, source.columns, source.definitions, source.total, first, it, meta, opts);
    return { rows };
  });
}

/** A table already in memory (a report, the dashboard). */
export function writeReportFile(table: ReportTable, file: string, meta: ExportMeta, opts: WriteOptions = {}): Promise<{ rows: number }> {
  return writeRowsFile({ columns: table.columns, definitions: table.definitions, total: table.rows.length, batches: inBatches(table.rows) }, file, meta, opts);
}
