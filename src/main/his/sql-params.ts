// Profile SQL names its parameters as :since / :until. Each driver wants its own form; the
// rewrite skips string literals, comments and PostgreSQL's :: casts so only real
// placeholders change.
const TOKEN = /('(?:[^']|'')*')|(--[^\n]*)|(\/\*[\s\S]*?\*\/)|(::)|:([A-Za-z_][A-Za-z0-9_]*)/g;

// 'colon' keeps :name, for drivers that bind by name natively (Oracle).
export type ParamStyle = 'at' | 'question' | 'dollar' | 'colon';

export function translateParams(sql: string, style: ParamStyle): { sql: string; names: string[] } {
  const names: string[] = [];
  const out = sql.replace(TOKEN, (match, str, line, block, cast, name: string | undefined) => {
    if (!name) return match;
    names.push(name);
    if (style === 'at') return `@${name}`;
    if (style === 'colon') return `:${name}`;
    if (style === 'dollar') return `$${names.length}`;
    return '?';
  });
  return { sql: out, names };
}

export function paramValues(names: string[], params: Record<string, unknown>): unknown[] {
  return names.map((n) => {
    if (!(n in params)) throw new Error(`the SQL uses :${n} but no such parameter is provided`);
    return params[n];
  });
}
