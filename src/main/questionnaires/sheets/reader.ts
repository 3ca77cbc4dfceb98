import { columnLetter, type Cell, type SheetSpec, type Table, type Tables } from './layout';

// Reading one sheet of the layout: header row → column keys, then typed cell access that
// records every problem with its cell reference ("items!C7").

export interface SheetRow {
  n: number;
  cells: Cell[];
}

export class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '_');
const TRUE = new Set(['true', 'yes', 'y', '1', '是', '必答', 'required', '√', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '']);

export class Sheet {
  readonly cols = new Map<string, number>();
  readonly rows: SheetRow[] = [];

  constructor(
    readonly name: string,
    table: Table,
    spec: SheetSpec,
    private readonly problems: Problems,
  ) {
    const header = table[0] ?? [];
    header.forEach((h, i) => {
      const text = h === null || h === undefined ? '' : String(h).trim();
      if (!text || text.startsWith('#')) return;
      const key = Object.keys(spec.columns).find((k) => spec.columns[k].some((alias) => normal(alias) === normal(text)));
      if (!key) {
        problems.add(
          `${name}!${columnLetter(i)}1`,
          `unknown column "${text}" (expected ${Object.values(spec.columns)
            .map((a) => a[0])
            .join(', ')}; start a header with # for notes)`,
        );
        return;
      }
      if (this.cols.has(key)) {
        problems.add(`${name}!${columnLetter(i)}1`, `column "${text}" appears twice`);
        return;
      }
      this.cols.set(key, i);
    });
    for (const key of spec.requiredColumns) if (!this.cols.has(key)) problems.add(`${name}!1`, `missing column "${spec.columns[key][0]}"`);
    table.slice(1).forEach((cells, i) => {
      if (cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) this.rows.push({ n: i + 2, cells });
    });
  }

  /** "items!C7" for a row and column key (the row alone when the column is absent). */
  ref(row: SheetRow, key?: string): string {
    const i = key === undefined ? undefined : this.cols.get(key);
    return i === undefined ? `${this.name}!${row.n}` : `${this.name}!${columnLetter(i)}${row.n}`;
  }

  raw(row: SheetRow, key: string): Cell {
    const i = this.cols.get(key);
    return i === undefined ? undefined : row.cells[i];
  }

  text(row: SheetRow, key: string): string | undefined {
    const v = this.raw(row, key);
    if (v === null || v === undefined) return undefined;
    const s = String(v).trim();
    return s === '' ? undefined : s;
  }

  num(row: SheetRow, key: string): number | undefined {
    const v = this.raw(row, key);
    if (typeof v === 'number') return v;
    const s = this.text(row, key);
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) {
      this.problems.add(this.ref(row, key), `${key} must be a number, got "${s}"`);
      return undefined;
    }
    return n;
  }

  bool(row: SheetRow, key: string): boolean | undefined {
    const v = this.raw(row, key);
    if (typeof v === 'boolean') return v;
    if (v === null || v === undefined) return undefined;
    const s = String(v).trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
    this.problems.add(this.ref(row, key), `${key} must be yes/no (是/否), got "${String(v)}"`);
    return undefined;
  }
}

/** Find a sheet by any of its names (case-insensitive). */
export function findTable(tables: Tables, names: string[]): [string, Table] | undefined {
  const wanted = names.map(normal);
  const hit = Object.keys(tables).find((n) => wanted.includes(normal(n)));
  return hit === undefined ? undefined : [hit, tables[hit]];
}
