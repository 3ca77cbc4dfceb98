import { ENTITY_COLUMNS } from './columns';
import type { EntitySpec } from './profile';

/** Edit distance, for suggesting the column a profile most likely meant. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate closest to `name` (case-insensitive), if it is close enough to be a likely slip. */
export function nearest(name: string, candidates: Iterable<string>): string | null {
  const n = name.toLowerCase();
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const l = c.toLowerCase();
    // A prefix (discharge_dept for discharge_dept_code) is a likely slip whatever its length.
    const score = Math.min(l.length, n.length) >= 4 && (l.startsWith(n) || n.startsWith(l)) ? 0.5 : levenshtein(n, l);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best !== null && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

export interface MissingColumn {
  column: string;
  /** The returned column that looks like a misspelling of it. */
  nearest: string | null;
}

/** Required canonical columns (the profile's key included) the returned names lack. */
export function missingRequired(spec: EntitySpec, returned: string[]): MissingColumn[] {
  const decl = ENTITY_COLUMNS[spec.entity];
  const have = new Set(returned);
  const known = new Set(decl.columns.map((c) => c.name));
  const unknown = returned.filter((r) => !known.has(r));
  const needed = [...new Set([...decl.columns.filter((c) => c.required).map((c) => c.name), spec.key])];
  const out: MissingColumn[] = needed.filter((c) => !have.has(c)).map((c) => ({ column: c, nearest: nearest(c, unknown) }));
  for (const group of decl.oneOf ?? []) if (!group.some((c) => have.has(c))) out.push({ column: group.join(' | '), nearest: nearest(group[0], unknown) });
  return out;
}

/** The message a sync stops with: 中文 (English), naming entity, column and the likely slip. */
export function missingColumnsMessage(entity: string, missing: MissingColumn[]): string {
  const zh = missing.map((m) => `${m.column}${m.nearest ? `（返回了 ${m.nearest}，是否拼写错误？）` : ''}`).join('、');
  const en = missing.map((m) => `${m.column}${m.nearest ? ` (the SQL returns ${m.nearest}: misspelled?)` : ''}`).join(', ');
  return `HIS 配置文件 ${entity} 的 SQL 缺少必需列 ${zh}，同步已停止 (the HIS profile's SQL for ${entity} lacks required column ${en}; the sync stopped)`;
}

export class ProfileColumnsError extends Error {}
