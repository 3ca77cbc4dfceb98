// CSV as Excel reads Chinese from it: UTF-8 with a byte-order mark (without it Excel assumes GBK),
// CRLF line ends, RFC 4180 quoting. Used by the export writer in main and the browser's downloads.

export const CSV_BOM = '\ufeff';

/** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: string[]): string => `${fields.map(csvField).join(',')}\r\n`;
