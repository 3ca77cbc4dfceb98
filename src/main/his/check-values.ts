import type { HisCheckEntity } from '../../shared/his-check';
import { maskIdNumber, maskName, maskPhone } from './check-mask';
import { ENTITY_COLUMNS, type ColumnDecl } from './columns';
import { nearest } from './column-check';
import { parseDate, parseWallClock } from './normalise/dates';
import type { EntitySpec, ValueMapper } from './profile';
import type { HisRow } from './sources/types';

const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
const text = (v: unknown) => (v instanceof Date ? (parseWallClock(v) ?? String(v)) : String(v).trim());

function typeOk(c: ColumnDecl, v: unknown): boolean {
  if (blank(v)) return true;
  if (c.type === 'datetime') return parseWallClock(v) !== null;
  if (c.type === 'date') return parseDate(v) !== null;
  if (c.type === 'integer') return /^-?\d+$/.test(text(v));
  return true;
}

function mask(c: ColumnDecl, s: string | null): string | null {
  if (s === null || !c.pii) return s;
  if (c.pii === 'name') return maskName(s);
  if (c.pii === 'id') return maskIdNumber(s);
  if (c.pii === 'phone') return maskPhone(s.replace(/\D/g, ''));
  return `${Array.from(s).slice(0, 3).join('')}…`;
}

function normalised(c: ColumnDecl, v: unknown, entity: EntitySpec['entity'], mapper: ValueMapper): string | number | null {
  if (c.type === 'datetime') return parseWallClock(v) ?? (blank(v) ? null : `? ${text(v)}`);
  if (c.type === 'date') return parseDate(v) ?? (blank(v) ? null : `? ${text(v)}`);
  if (c.type === 'code') return mapper.map(entity, c.name, v) ?? null;
  if (blank(v)) return null;
  if (c.type === 'integer') return /^-?\d+$/.test(text(v)) ? Number(text(v)) : text(v);
  return mask(c, text(v));
}

type ValueFindings = Pick<HisCheckEntity, 'returned' | 'missingOptional' | 'unknown' | 'badTypes' | 'unmappedCodes' | 'samples' | 'window'>;

/** Columns, types, codes, samples and the window, from the rows one entity's SQL returned. */
export function analyseRows(spec: EntitySpec, rows: HisRow[], returned: string[], mapper: ValueMapper, since: string): ValueFindings {
  const decls = ENTITY_COLUMNS[spec.entity].columns;
  const known = new Set(decls.map((c) => c.name));
  const present = decls.filter((c) => returned.includes(c.name));
  const out: ValueFindings = {
    returned,
    missingOptional: decls.filter((c) => !c.required && !returned.includes(c.name)).map((c) => c.name),
    unknown: returned
      .filter((r) => !known.has(r) && r !== spec.key)
      .map((r) => ({
        column: r,
        nearest: nearest(
          r,
          [...known].filter((k) => !returned.includes(k)),
        ),
      })),
    badTypes: [],
    unmappedCodes: [],
    samples: rows.slice(0, 3).map((row) => Object.fromEntries(present.map((c) => [c.name, normalised(c, row[c.name], spec.entity, mapper)]))),
    window: null,
  };
  for (const c of present) {
    const bad = rows.filter((r) => !typeOk(c, r[c.name]));
    if (bad.length) out.badTypes.push({ column: c.name, type: c.type, bad: bad.length, example: c.pii ? null : text(bad[0][c.name]) });
    if (c.type !== 'code') continue;
    const counts = new Map<string, { count: number; mappedTo: string | null }>();
    for (const r of rows) {
      const v = mapper.map(spec.entity, c.name, r[c.name]);
      const uncovered = v === undefined || (v === null ? c.required : !!c.allowed && !c.allowed.includes(v));
      if (!uncovered) continue;
      const raw = blank(r[c.name]) ? '(empty)' : text(r[c.name]);
      const e = counts.get(raw) ?? { count: 0, mappedTo: v ?? null };
      e.count++;
      counts.set(raw, e);
    }
    for (const [value, e] of counts) out.unmappedCodes.push({ column: c.name, value, count: e.count, mappedTo: e.mappedTo });
  }
  const times = present.filter((c) => c.window);
  if (spec.watermark && times.length && rows.length) {
    let before = 0;
    let parsedAny = false;
    for (const r of rows) {
      const ts = times.map((c) => parseWallClock(r[c.name])).filter((t): t is string => t !== null);
      if (ts.length) parsedAny = true;
      if (ts.length && ts.every((t) => t < since)) before++;
    }
    out.window = { rowsBefore: before, unparseable: !parsedAny, columns: times.map((c) => c.name) };
  }
  return out;
}
