import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './stores';

const run = promisify(execFile);

/**
 * Every sheet of a workbook as LibreOffice shows it, converted by `soffice --headless` (a real
 * spreadsheet program, installed by scripts/setup-machine.sh) to one CSV per sheet: formatted
 * text (token 9 = "as shown"), UTF-8 (76), all sheets (token 12 = -1). Keyed by sheet name.
 */
export async function sheetsViaLibreOffice(xlsx: string): Promise<Map<string, string[][]>> {
  const out = tempDir('lo-out');
  // Its own profile: parallel or leftover instances must not share one.
  const profile = `file://${tempDir('lo-profile')}`;
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', out, xlsx], { timeout: 120_000 });
  const stem = path.basename(xlsx).replace(/\.xlsx$/, '');
  const sheets = new Map<string, string[][]>();
  for (const f of fs.readdirSync(out)) {
    if (!f.startsWith(`${stem}-`) || !f.endsWith('.csv')) continue;
    sheets.set(f.slice(stem.length + 1, -4), parseCsv(fs.readFileSync(path.join(out, f), 'utf8')));
  }
  return sheets;
}

/** RFC 4180 (quoted fields, doubled quotes, CRLF or LF), a leading BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
