import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ReportColumn } from '../src/shared/contract/reports';
import { writeRowsFile } from '../src/main/exports/write-table';
import type { ReportRow } from '../src/main/exports/table-types';
import { type BenchRow, percentile, rng } from './stats';

// Exports: our streamed workbook (three sheets, styles, formats, temp file + rename) against a
// bare exceljs streaming write of the same rows, each in a fresh child process so that its peak
// RSS is its own; then one 1M-row export for memory.

const COLUMNS: ReportColumn[] = [
  ['name', '姓名', 'text'],
  ['dept', '科室', 'text'],
  ['plan', '随访计划', 'text'],
  ['point', '随访点', 'text'],
  ['diag', '主要诊断', 'text'],
  ['phone', '联系电话', 'text'],
  ['age', '年龄', 'int'],
  ['due', '应访', 'int'],
  ['done', '已完成', 'int'],
  ['rate', '随访率', 'percent'],
  ['aht', '平均处理时长', 'decimal'],
  ['score', '评分', 'decimal'],
  ['dueDate', '应访日期', 'date'],
  ['eventDate', '出院日期', 'date'],
  ['at', '完成时间', 'datetime'],
].map(([key, zh, type]) => ({ key, title: { zh, en: key }, type: type as ReportColumn['type'] }));

const DEPTS = ['心内科', '普外科', '肿瘤科', '呼吸内科', '神经内科'];

/** The same rows for both writers: batches of 1000, made as the store would return them. */
export async function* benchRows(total: number): AsyncIterable<ReportRow[]> {
  const random = rng(5);
  for (let start = 0; start < total; start += 1000) {
    const batch: ReportRow[] = [];
    for (let i = start; i < Math.min(total, start + 1000); i++) {
      const d = 1 + (i % 28);
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      batch.push({
        name: `患者${i}`,
        dept: DEPTS[i % 5],
        plan: '出院后随访',
        point: `第${7 * (1 + (i % 4))}天`,
        diag: `诊断I${10 + (i % 80)}`,
        phone: `139${String(i).padStart(8, '0')}`,
        age: 20 + (i % 70),
        due: i % 50,
        done: i % 40,
        rate: random(),
        aht: random() * 20,
        score: Math.round(random() * 270) / 10,
        dueDate: day,
        eventDate: day,
        at: `${day} 10:${String(i % 60).padStart(2, '0')}:00`,
      });
    }
    yield batch;
    await new Promise<void>((r) => setImmediate(r));
  }
}

async function bareExceljs(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('明细');
  ws.addRow(COLUMNS.map((c) => c.title.zh)).commit();
  const keys = COLUMNS.map((c) => c.key);
  for await (const batch of benchRows(rows)) for (const r of batch) ws.addRow(keys.map((k) => r[k])).commit();
  ws.commit();
  await wb.commit();
}

async function ours(rows: number, file: string): Promise<void> {
  const meta = { title: '基准', filters: { from: '2026-11-01', to: '2026-11-30' }, generatedBy: 'bench', generatedAt: '2026-12-01 10:00:00' };
  await writeRowsFile({ columns: COLUMNS, definitions: [], total: rows, batches: benchRows(rows) }, file, meta);
}

interface ChildResult {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
}

function inChild(mode: 'ours' | 'bare', rows: number, dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--export-child', mode, String(rows), dir], { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code) reject(new Error(`export bench child (${mode}) exited with ${code}`));
    });
  });
}

async function childMain(mode: string, rows: number, dir: string): Promise<void> {
  const file = path.join(dir, `${mode}-${rows}.xlsx`);
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  await (mode === 'bare' ? bareExceljs(rows, file) : ours(rows, file));
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = process.cpuUsage(c);
  const bytes = fs.statSync(file).size;
  fs.rmSync(file);
  process.send!({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: peakRssMb(), bytes } satisfies ChildResult);
}

/**
 * This process's peak RSS. On Linux from VmHWM: getrusage's maxRSS survives exec, so a child forked
 * from a large parent would report the parent's size at the fork.
 */
function peakRssMb(): number {
  const hwm = fs.existsSync('/proc/self/status') ? /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8')) : null;
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

export async function benchExports(opts: { rows?: number; bigRows?: number; runs?: number } = {}): Promise<BenchRow[]> {
  const rows = opts.rows ?? 100_000;
  const bigRows = opts.bigRows ?? 1_000_000;
  const runs = opts.runs ?? 3;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-exports-'));
  try {
    const o: ChildResult[] = [];
    const b: ChildResult[] = [];
    // Alternated, so that a busy moment on the shared machine hits both alike.
    for (let i = 0; i < runs; i++) {
      b.push(await inChild('bare', rows, dir));
      o.push(await inChild('ours', rows, dir));
    }
    const med = (xs: ChildResult[], k: keyof ChildResult) =>
      percentile(
        xs.map((x) => x[k]),
        50,
      );
    const ratio = med(o, 'cpuMs') / med(b, 'cpuMs');
    const big = await inChild('ours', bigRows, dir);
    const label = `${rows / 1000}k rows × ${COLUMNS.length} columns`;
    return [
      { name: `bare exceljs stream, ${label} (median of ${runs})`, value: round(med(b, 'wallMs')), unit: 'ms' },
      { name: `our export, ${label} (median of ${runs})`, value: round(med(o, 'wallMs')), unit: 'ms' },
      { name: 'our export ÷ bare exceljs (CPU time)', value: round(ratio, 2), unit: '×', target: '≤ 1.2×', pass: ratio <= 1.2 },
      { name: 'our export ÷ bare exceljs (wall time)', value: round(med(o, 'wallMs') / med(b, 'wallMs'), 2), unit: '×' },
      {
        name: `our export, ${label}: peak RSS`,
        value: round(Math.max(...o.map((x) => x.maxRssMb))),
        unit: 'MB',
        target: '≤ 400 MB',
        pass: Math.max(...o.map((x) => x.maxRssMb)) <= 400,
      },
      { name: `bare exceljs, ${label}: peak RSS`, value: round(Math.max(...b.map((x) => x.maxRssMb))), unit: 'MB' },
      { name: `our export, ${bigRows / 1e6}M rows: time`, value: round(big.wallMs / 1000, 1), unit: 's' },
      { name: `our export, ${bigRows / 1e6}M rows: peak RSS`, value: round(big.maxRssMb), unit: 'MB', target: '≤ 500 MB', pass: big.maxRssMb <= 500 },
      { name: `our export, ${bigRows / 1e6}M rows: file size`, value: round(big.bytes / 2 ** 20, 1), unit: 'MB' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--export-child') {
  childMain(process.argv[3], Number(process.argv[4]), process.argv[5]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
