import { CSV_BOM, csvLine } from '../../../shared/csv';

/** Client-side downloads: a CSV with a BOM (so Excel reads Chinese), or a data URL as a file. */

export function toCsv(rows: string[][]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}

export function saveFile(name: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function saveCsv(name: string, rows: string[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  saveFile(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
