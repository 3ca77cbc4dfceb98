import type { Writable } from 'node:stream';
import type { ReportColumn } from '../../shared/contract/reports';
import { throwIfAborted } from '../jobs/job-runner';
import { writeChunk } from './atomic-file';
import { csvField, csvText, notFormula } from './cell-values';
import type { ReportRow, WriteOptions } from './table-types';

// UTF-8 with a byte-order mark (without it Excel reads the Chinese as GBK), CRLF line ends and
// RFC 4180 quoting; the header row in Chinese, the same columns as the workbook's 明细.

const BOM = '\ufeff';

export async function writeCsv(
  out: Writable,
  columns: ReportColumn[],
  first: ReportRow[],
  rest: AsyncIterator<ReportRow[]>,
  opts: WriteOptions,
): Promise<number> {
  await writeChunk(out, BOM + columns.map((c) => csvField(notFormula(c.title.zh))).join(',') + '\r\n');
  let rows = 0;
  for (let batch: ReportRow[] | undefined = first; batch; batch = (await rest.next()).value ?? undefined) {
    throwIfAborted(opts.signal);
    let text = '';
    for (const r of batch) text += columns.map((c) => csvField(csvText(c, r[c.key]))).join(',') + '\r\n';
    await writeChunk(out, text);
    rows += batch.length;
    opts.onRows?.(rows);
  }
  return rows;
}
