import fs from 'node:fs';
import type { QuestionnaireDef } from '../../shared/questionnaire';
import { questionnaireToTables } from './sheets/export';
import { importQuestionnaireTables, type SheetImportResult } from './sheets/import';
import type { Cell, Table, Tables } from './sheets/layout';

// Spreadsheet-authored questionnaires (layout in docs/questionnaire-spreadsheet.md), read with
// SheetJS @e965/xlsx 0.20.3: the npm "xlsx" 0.18.5 has a prototype-pollution CVE on read
// (CVE-2023-30533), and these files come from users.

export type { SheetImportResult } from './sheets/import';

type SheetJs = typeof import('xlsx');

// Loaded on first use: SheetJS is large, and only imports and exports need it.
let sheetjs: SheetJs | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; import() would make every caller async
const XLSX = (): SheetJs => (sheetjs ??= require('xlsx') as SheetJs);

/** Every sheet as rows of cell values, row 1 at index 0 and column A at index 0. */
export function readWorkbookTables(data: Buffer): Tables {
  const wb = XLSX().read(data, { type: 'buffer', cellFormula: false, cellHTML: false, cellText: false, cellDates: false });
  const out: Tables = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws || !ws['!ref']) {
      out[name] = [];
      continue;
    }
    const start = XLSX().utils.decode_range(ws['!ref']).s;
    const rows = XLSX().utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    // sheet_to_json starts at the used range; pad so that cell references stay exact.
    const pad: Cell[] = new Array(start.c).fill(null);
    out[name] = [...new Array<Cell[]>(start.r).fill([]), ...rows.map((r) => [...pad, ...r])];
  }
  return out;
}

export function importQuestionnaireXlsx(file: string): SheetImportResult {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, errors: [`${file}: ${(err as Error).message}`] };
  }
  let tables: Tables;
  try {
    tables = readWorkbookTables(data);
  } catch (err) {
    return { ok: false, errors: [`${file}: not a readable spreadsheet (${(err as Error).message})`] };
  }
  return importQuestionnaireTables(tables);
}

export function tablesToXlsx(tables: Tables): Buffer {
  const wb = XLSX().utils.book_new();
  for (const [name, rows] of Object.entries(tables)) XLSX().utils.book_append_sheet(wb, XLSX().utils.aoa_to_sheet(rows as Table), name);
  return XLSX().write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

/** A definition as a workbook in the import layout (a starting point for a team's own). */
export function questionnaireToXlsx(def: QuestionnaireDef): Buffer {
  return tablesToXlsx(questionnaireToTables(def));
}
