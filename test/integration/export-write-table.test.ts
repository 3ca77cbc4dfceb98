import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MetricDefinition, ReportTable } from '../../src/shared/contract/reports';
import { writeAtomically, writeChunk } from '../../src/main/exports/atomic-file';
import { writeCsv } from '../../src/main/exports/csv-writer';
import { writeReportFile, writeRowsFile } from '../../src/main/exports/write-table';
import { writeXlsx } from '../../src/main/exports/xlsx-writer';
import { parseCsv, sheetsViaLibreOffice } from '../helpers/spreadsheet';
import { tempDir } from '../helpers/stores';

const def: MetricDefinition = {
  code: 'followupRate',
  name: { zh: '随访率', en: 'Follow-up rate' },
  unit: 'percent',
  numerator: { zh: '已完成随访的患者', en: 'patients whose follow-up was completed' },
  denominator: { zh: '应访患者', en: 'patients due' },
  exclusions: { zh: '院内死亡', en: 'died in hospital' },
  period: { zh: '任务应访日期', en: "the task's due date" },
  drillable: true,
  drillGap: true,
};

const table: ReportTable = {
  columns: [
    { key: 'dept', title: { zh: '科室', en: 'Department' }, type: 'text' },
    { key: 'due', title: { zh: '应访', en: 'Due' }, type: 'int', metric: 'due' },
    { key: 'rate', title: { zh: '随访率', en: 'Follow-up rate' }, type: 'percent', metric: 'followupRate' },
    { key: 'aht', title: { zh: '平均处理时长', en: 'AHT' }, type: 'decimal' },
    { key: 'first', title: { zh: '首次随访日期', en: 'First' }, type: 'date' },
    { key: 'at', title: { zh: '最后通话', en: 'Last call' }, type: 'datetime' },
  ],
  rows: [
    { dept: '心内科', due: 120, rate: 0.825, aht: 6.25, first: '2026-11-03', at: '2026-11-30 17:45:10' },
    { dept: '肿瘤科, "二病区"', due: '80', rate: 0.9, aht: null, first: null, at: null },
    { dept: '=HYPERLINK("x")', due: 0, rate: null, aht: 0, first: '2026-11-01', at: '2026-11-01 08:00:00' },
  ],
  definitions: [def],
};

const meta = {
  title: '随访统计',
  filters: { from: '2026-11-01', to: '2026-11-30', deptIds: ['心内科', '肿瘤科'] },
  generatedBy: '王主任',
  generatedAt: '2026-12-01 09:30:00',
};

const dir = tempDir('export-writer');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeReportFile: xlsx', () => {
  const file = path.join(dir, '随访统计_2026-11.xlsx');

  it('writes 汇总, 明细 and 指标说明 with formats, a frozen bold header and widths', async () => {
    expect(await writeReportFile(table, file, meta)).toEqual({ rows: 3 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '指标说明']);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(detail.getRow(1).values).toEqual([undefined, '科室', '应访', '随访率', '平均处理时长', '首次随访日期', '最后通话']);
    expect(detail.getCell('A1').font?.bold).toBe(true);
    expect(detail.getCell('C2').value).toBe(0.825);
    expect(detail.getCell('C2').numFmt).toBe('0.0%');
    expect(detail.getCell('B3').value).toBe(80);
    expect(detail.getCell('E2').value).toEqual(new Date(Date.UTC(2026, 10, 3)));
    expect(detail.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(detail.getColumn(1).width).toBeGreaterThanOrEqual(16);
    const defs = wb.getWorksheet('指标说明')!;
    expect(defs.getRow(2).values).toEqual(expect.arrayContaining(['随访率', 'Follow-up rate', '应访患者', 'patients due']));
    const summary = wb.getWorksheet('汇总')!;
    const lines = summary
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(lines).toEqual(
      expect.arrayContaining([
        ['报表', '随访统计'],
        ['统计期间', '2026-11-01 至 2026-11-30'],
        ['筛选：科室', '心内科、肿瘤科'],
        ['生成人', '王主任'],
      ]),
    );
  });

  it('opens in LibreOffice with the values, percents, dates and Chinese text as shown', async () => {
    const sheets = await sheetsViaLibreOffice(file);
    expect([...sheets.keys()].sort()).toEqual(['汇总', '指标说明', '明细'].sort());
    const detail = sheets.get('明细')!;
    expect(detail[0]).toEqual(['科室', '应访', '随访率', '平均处理时长', '首次随访日期', '最后通话']);
    expect(detail[1]).toEqual(['心内科', '120', '82.5%', '6.25', '2026-11-03', '2026-11-30 17:45:10']);
    expect(detail[2]).toEqual(['肿瘤科, "二病区"', '80', '90.0%', '', '', '']);
    // Text, not a formula: the workbook stores strings as strings.
    expect(detail[3][0]).toBe('=HYPERLINK("x")');
    expect(sheets.get('指标说明')!.flat()).toEqual(expect.arrayContaining(['随访率', '2026-12-01 09:30:00', '王主任']));
  }, 180_000);
});

describe('writeReportFile: csv', () => {
  it('is UTF-8 with a BOM, Chinese header, RFC 4180 quoting and no formula injection', async () => {
    const file = path.join(dir, '随访统计.csv');
    await writeReportFile(table, file, meta);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(parseCsv(text)).toEqual([
      ['科室', '应访', '随访率', '平均处理时长', '首次随访日期', '最后通话'],
      ['心内科', '120', '82.5%', '6.25', '2026-11-03', '2026-11-30 17:45:10'],
      ['肿瘤科, "二病区"', '80', '90.0%', '', '', ''],
      ['\'=HYPERLINK("x")', '0', '', '0', '2026-11-01', '2026-11-01 08:00:00'],
    ]);
  });

  it('keeps a header made from an answer (an item distribution) from running as a formula', async () => {
    const file = path.join(dir, 'answers.csv');
    const answerColumn = { key: 'a', title: { zh: '=HYPERLINK("http://x")', en: '=x' }, type: 'int' as const };
    await writeReportFile({ columns: [answerColumn], rows: [{ a: 1 }], definitions: [] }, file, meta);
    expect(parseCsv(fs.readFileSync(file, 'utf8').slice(1))[0]).toEqual(['\'=HYPERLINK("http://x")']);
  });
});

describe('writeRowsFile', () => {
  async function* slowBatches(n: number) {
    for (let i = 0; i < n; i++) {
      yield [{ dept: `科${i}`, due: i, rate: 0.5, aht: 1, first: '2026-11-01', at: null }];
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  for (const ext of ['xlsx', 'csv']) {
    it(`${ext}: a cancelled write leaves no file, not even a partial one`, async () => {
      const sub = tempDir('export-cancel');
      const abort = new AbortController();
      const file = path.join(sub, `cancelled.${ext}`);
      const p = writeRowsFile({ columns: table.columns, definitions: [], batches: slowBatches(1000) }, file, meta, {
        signal: abort.signal,
        onRows: (n) => {
          if (n === 20) abort.abort();
        },
      });
      await expect(p).rejects.toThrow(/cancel/);
      expect(fs.readdirSync(sub)).toEqual([]);
    });
  }

  it('reports rows as it goes and writes an empty table as a header alone', async () => {
    const seen: number[] = [];
    const file = path.join(dir, 'progress.csv');
    expect(await writeRowsFile({ columns: table.columns, definitions: [], batches: slowBatches(3) }, file, meta, { onRows: (n) => seen.push(n) })).toEqual({
      rows: 3,
    });
    expect(seen).toEqual([1, 2, 3]);
    const empty = path.join(dir, 'empty.xlsx');
    expect(await writeReportFile({ ...table, rows: [] }, empty, meta)).toEqual({ rows: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(empty);
    expect(wb.getWorksheet('明细')!.rowCount).toBe(1);
  });
});

describe('a file that fails while it is written (a full disk)', () => {
  /** A destination that takes `limit` bytes, then fails every write as a full disk does. */
  const fullAfter = (limit: number) => {
    let written = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        cb(written > limit ? Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }) : null);
      },
    });
    out.on('error', () => {}); // as writeAtomically listens
    return out;
  };
  async function* many(batches: number) {
    for (let i = 0; i < batches; i++)
      yield Array.from({ length: 500 }, (_, k) => ({ dept: `科室${i}-${k}`.repeat(8), due: k, rate: 0.5, aht: 1, first: '2026-11-01', at: null }));
  }
  const source = (batches: number) => many(batches)[Symbol.asyncIterator]();

  it('xlsx: fails with the disk error instead of waiting for ever', async () => {
    const rest = source(400);
    const first = (await rest.next()).value as ReportTable['rows'];
    await expect(writeXlsx(fullAfter(200_000), table.columns, [], null, first, rest, meta, {})).rejects.toThrow(/ENOSPC/);
  }, 30_000);

  it('csv: fails with the disk error instead of waiting for ever', async () => {
    const rest = source(400);
    const first = (await rest.next()).value as ReportTable['rows'];
    await expect(writeCsv(fullAfter(200_000), table.columns, first, rest, {})).rejects.toThrow(/ENOSPC/);
  }, 30_000);

  it('leaves no file and raises nothing uncaught when the file itself fails', async () => {
    const sub = tempDir('export-full');
    const file = path.join(sub, 'full.csv');
    const p = writeAtomically(file, async (out) => {
      out.destroy(new Error('ENOSPC: no space left on device'));
      await writeChunk(out, 'x'.repeat(1 << 20));
    });
    await expect(p).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(sub)).toEqual([]);
  });
});
