import type { Writable } from 'node:stream';
import type { ReportColumn } from '../../shared/contract/reports';
import { CSV_BOM, csvLine } from '../../shared/csv';
import { throwIfAborted } from '../jobs/job-runner';
import { writeChunk } from './atomic-file';
import { csvText, notFormula } from './cell-values';
import type { ReportRow, WriteOptions } from './table-types';

// The CSV export (src/shared/csv.ts: BOM, CRLF, RFC 4180): the header row in Chinese, the same
// columns as the workbook's 明细, text that a spreadsheet would run as a formula made plain text.

export async function writeCsv(
  out: Writable,
  columns: ReportColumn[],
  first: ReportRow[],
  rest: AsyncIterator<ReportRow[]>,
  opts: WriteOptions,
): Promise<number> {
  await writeChunk(out, CSV_BOM + csvLine(columns.map((c) => notFormula(c.title.zh))));
  let rows = 0;
  for (let batch: ReportRow[] | undefined = first; batch; batch = (await rest.next()).value ?? undefined) {
    throwIfAborted(opts.signal);
    let text = '';
    for (const r of batch) text += csvLine(columns.map((c) => csvText(c, r[c.key])));
    await writeChunk(out, text);
    rows += batch.length;
    opts.onRows?.(rows);
  }
  return rows;
}
