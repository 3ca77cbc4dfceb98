import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { MetricDefinition, ReportColumn } from '../../shared/contract/reports';
import { throwIfAborted } from '../jobs/job-runner';
import { drained, failureOf, throwIfClosed } from './atomic-file';
import { columnWidth, NUM_FMT, xlsxValue } from './cell-values';
import { footerLines, summaryLines } from './sheet-texts';
import type { ExportMeta, ReportRow, WriteOptions } from './table-types';

// A streamed workbook: 汇总 (summary), 明细 (the rows) and 指标说明 (definitions, filters, period,
// who and when). Each sheet's rows are committed as they are written, and a sheet is finished
// before the next is started: the zip takes the sheets one after another, so rows of a sheet
// written while an earlier one is still open would wait in memory.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];

type Sheet = ExcelJS.Worksheet;

function header(ws: Sheet, titles: string[]): void {
  const row = ws.addRow(titles);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  row.commit();
}

function keyValueSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, lines: [string, string | number][]): void {
  const ws = wb.addWorksheet(name, { views: FROZEN_HEADER });
  ws.columns = [{ width: 24 }, { width: 60 }];
  header(ws, ['项目', '内容']);
  for (const line of lines) ws.addRow(line).commit();
  ws.commit();
}

const DEF_COLUMNS: [string, number, (d: MetricDefinition) => string][] = [
  ['指标代码', 18, (d) => d.code],
  ['指标名称', 16, (d) => d.name.zh],
  ['Metric', 24, (d) => d.name.en],
  ['分子', 36, (d) => d.numerator.zh],
  ['Numerator', 36, (d) => d.numerator.en],
  ['分母', 36, (d) => d.denominator?.zh ?? '—'],
  ['Denominator', 36, (d) => d.denominator?.en ?? '—'],
  ['排除', 30, (d) => d.exclusions.zh],
  ['Exclusions', 30, (d) => d.exclusions.en],
  ['统计期间口径', 24, (d) => d.period.zh],
  ['Period', 24, (d) => d.period.en],
];

function definitionsSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, defs: MetricDefinition[], meta: ExportMeta, rows: number): void {
  const ws = wb.addWorksheet('指标说明', { views: FROZEN_HEADER });
  ws.columns = DEF_COLUMNS.map(([, width]) => ({ width }));
  header(
    ws,
    DEF_COLUMNS.map(([title]) => title),
  );
  for (const d of defs) {
    const row = ws.addRow(DEF_COLUMNS.map(([, , text]) => text(d)));
    row.alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  ws.addRow([]).commit();
  for (const [k, v] of footerLines(meta, rows)) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  ws.commit();
}

const BACKLOG_BYTES = 4 << 20;

/**
 * Waits while the zip has more than a few MB of sheet XML still to compress. exceljs pushes a
 * sheet's XML into the zip's input (a PassThrough inside archiver, the task being zipped) without
 * heeding backpressure, so without this wait a million rows pile up there uncompressed (780 MB
 * peak RSS measured, against ~200 MB with it). Private to exceljs 4.4.0 / archiver 5 (pinned):
 * if the shape changes this waits for nothing and the bench's RSS figure shows it.
 */
async function drainZip(wb: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable): Promise<void> {
  // archiver's PassThrough comes from readable-stream 2, which has no writableLength getter.
  type Input = Writable & { _writableState?: { length?: number } };
  const input = (wb as unknown as { zip?: { _task?: { source?: Input } } }).zip?._task?.source;
  const backlog = input?._writableState?.length;
  // A failed file stops the zip's pipe, so its backlog would never drain: wait on the file too.
  if (input && typeof backlog === 'number' && backlog > BACKLOG_BYTES) await drained(out, input);
  else await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfClosed(out);
}

export async function writeXlsx(
  out: Writable,
  columns: ReportColumn[],
  definitions: MetricDefinition[],
  total: number | null | undefined,
  first: ReportRow[],
  rest: AsyncIterator<ReportRow[]>,
  meta: ExportMeta,
  opts: WriteOptions,
): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = meta.generatedBy;
  keyValueSheet(wb, '汇总', summaryLines(meta, total));

  const ws = wb.addWorksheet('明细', { views: FROZEN_HEADER });
  ws.columns = columns.map((c) => ({ key: c.key, width: columnWidth(c, first) }));
  header(
    ws,
    columns.map((c) => c.title.zh),
  );
  const keys = columns.map((c) => c.key);
  const types = columns.map((c) => c.type);
  // One style object per column, shared by its cells: exceljs caches a style's id by object, so a
  // fresh object per cell (what a column style gives) would be looked up anew every time.
  const styles = columns.map((c): Partial<ExcelJS.Style> => (NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {}));
  let rows = 0;
  for (let batch: ReportRow[] | undefined = first; batch; batch = (await rest.next()).value ?? undefined) {
    throwIfAborted(opts.signal);
    for (const r of batch) {
      const row = ws.addRow(keys.map((k, i) => xlsxValue(types[i], r[k])));
      for (let i = 0; i < keys.length; i++) row.getCell(i + 1).style = styles[i];
      row.commit();
    }
    rows += batch.length;
    opts.onRows?.(rows);
    await drainZip(wb, out);
  }
  ws.commit();
  definitionsSheet(wb, definitions, meta, rows);
  await Promise.race([wb.commit(), failureOf(out)]);
  return rows;
}
