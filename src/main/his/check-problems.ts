import type { HisCheckEntity } from '../../shared/his-check';

// Each problem one line, "中文 (English)" like the sync's own errors: the screen and the CLI show them as they are.

const TYPE_ZH: Record<string, string> = { datetime: '日期时间', date: '日期', integer: '整数', string: '文本', code: '代码' };

export function entityProblems(e: HisCheckEntity): string[] {
  const out: string[] = [];
  const n = e.entity;
  if (e.error) out.push(`${n} 的 SQL 执行失败，视图或表可能不存在 (the SQL for ${n} failed, a view or table may be missing: ${e.error})`);
  for (const m of e.missingRequired)
    out.push(
      m.nearest
        ? `${n} 缺少必需列 ${m.column}，返回了 ${m.nearest}，是否拼写错误？ (${n} lacks required column ${m.column}; the SQL returns ${m.nearest}: misspelled?)`
        : `${n} 缺少必需列 ${m.column} (${n} lacks required column ${m.column})`,
    );
  for (const u of e.unknown)
    if (u.nearest)
      out.push(
        `${n} 返回的列 ${u.column} 不会被读取，是否应为 ${u.nearest}？ (${n} returns ${u.column}, which the sync does not read: did you mean ${u.nearest}?)`,
      );
  for (const b of e.badTypes) {
    const eg = b.example === null ? '' : `，例：${b.example}`;
    const egEn = b.example === null ? '' : `, e.g. ${b.example}`;
    out.push(
      `${n}.${b.column} 有 ${b.bad} 个值不是有效的${TYPE_ZH[b.type] ?? b.type}${eg} (${n}.${b.column}: ${b.bad} values are not a valid ${b.type}${egEn})`,
    );
  }
  for (const c of e.unmappedCodes) {
    const key = `valueMaps["${n}.${c.column}"]`;
    out.push(
      c.mappedTo === null
        ? `${n}.${c.column} 的代码 ${c.value} 出现 ${c.count} 次，${key} 未覆盖 (code ${c.value} of ${n}.${c.column}, seen ${c.count} times, is not covered by ${key})`
        : `${n}.${c.column} 的代码 ${c.value}（${c.count} 次）映射为 ${c.mappedTo}，不是规范值 (code ${c.value} of ${n}.${c.column}, seen ${c.count} times, maps to ${c.mappedTo}, not a canonical value)`,
    );
  }
  const w = e.window;
  if (w?.unparseable)
    out.push(
      `${n} 的时间窗口返回了行，但时间列 ${w.columns.join('、')} 无法解析 (the window for ${n} returned rows, but its time columns ${w.columns.join(', ')} cannot be parsed)`,
    );
  else if (w && w.rowsBefore > 0)
    out.push(
      `${n} 返回的 ${w.rowsBefore} 行在所有时间列（${w.columns.join('、')}）上都早于 :since，SQL 对 :since 的比较可能与列的格式不符，每次增量同步都会重读这些行 ` +
        `(${w.rowsBefore} rows returned for ${n} lie before :since in every time column (${w.columns.join(', ')}): the SQL's comparison with :since ` +
        `probably does not match the column's format, e.g. a char(16) 'yyyymmddhh:mi:ss' against 'YYYY-MM-DD HH:mm:ss'; every incremental sync would re-read them)`,
    );
  return out;
}
