import type { Condition, Op } from './schema';

// A small expression language for conditions written in spreadsheets:
//   phq9_1 > 0            a = 'yes' and b >= 2          (x = 1 or y = 2) and z != 'no'
//   symptoms in ('fever', 'pain')    answered(note)    unanswered(note)    selected(s, 'fever')
// Keywords are case-insensitive; strings take '…', "…" and the curly quotes Excel inserts.

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Tok = { kind: 'id' | 'num' | 'str' | 'op' | 'punct'; text: string; value: string | number; pos: number };

const OPS: Record<string, Op> = { '=': 'eq', '==': 'eq', '!=': 'ne', '<>': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };
const SYMBOL: Record<string, string> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const QUOTES: Record<string, string> = { "'": "'", '"': '"', '‘': '’', '“': '”' };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const m = /^[A-Za-z][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      out.push({ kind: 'id', text: m[0], value: m[0], pos: i + 1 });
      i += m[0].length;
      continue;
    }
    const n = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (n) {
      out.push({ kind: 'num', text: n[0], value: Number(n[0]), pos: i + 1 });
      i += n[0].length;
      continue;
    }
    if (QUOTES[ch]) {
      const end = src.indexOf(QUOTES[ch], i + 1);
      if (end < 0) throw new ExpressionError(`unterminated string starting at ${i + 1}`, i + 1);
      out.push({ kind: 'str', text: src.slice(i, end + 1), value: src.slice(i + 1, end), pos: i + 1 });
      i = end + 1;
      continue;
    }
    const op = /^(==|!=|<>|>=|<=|=|>|<)/.exec(rest);
    if (op) {
      out.push({ kind: 'op', text: op[0], value: op[0], pos: i + 1 });
      i += op[0].length;
      continue;
    }
    if ('(),'.includes(ch)) {
      out.push({ kind: 'punct', text: ch, value: ch, pos: i + 1 });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${ch}" at ${i + 1}`, i + 1);
  }
  return out;
}

export type NameKind = 'item' | 'score';

/**
 * Parse an expression into a Condition. `kindOf` tells whether a name is an item or a score
 * (unknown names are kept as items and left to the definition checks to report).
 */
export function parseCondition(src: string, kindOf: (name: string) => NameKind | undefined = () => 'item'): Condition {
  const toks = tokenize(src);
  let k = 0;
  const peek = () => toks[k];
  const where = (t?: Tok) => (t ? `"${t.text}" at ${t.pos}` : 'end of expression');
  const fail = (want: string): never => {
    throw new ExpressionError(`expected ${want}, found ${where(peek())}`, peek()?.pos ?? src.length + 1);
  };
  const isWord = (w: string) => peek()?.kind === 'id' && peek()!.text.toLowerCase() === w;
  const expect = (text: string) => {
    if (peek()?.text !== text) fail(`"${text}"`);
    k++;
  };
  const name = (): string => {
    const t = peek();
    if (t?.kind !== 'id') fail('an item id');
    k++;
    return t!.text;
  };
  const literal = (): string | number => {
    const t = peek();
    if (t?.kind !== 'num' && t?.kind !== 'str') fail('a number or a quoted value');
    k++;
    return t!.value;
  };
  const leaf = (id: string, op: Op, value?: string | number | boolean | (string | number)[]): Condition =>
    kindOf(id) === 'score' ? { score: id, op, ...(value === undefined ? {} : { value }) } : { item: id, op, ...(value === undefined ? {} : { value }) };

  const group = (kind: 'all' | 'any', parts: Condition[]): Condition => {
    if (parts.length === 1) return parts[0];
    const flat = parts.flatMap((p) => (kind in p ? (p as Record<typeof kind, Condition[]>)[kind] : [p]));
    return kind === 'all' ? { all: flat } : { any: flat };
  };
  const orExpr = (): Condition => {
    const parts = [andExpr()];
    while (isWord('or')) {
      k++;
      parts.push(andExpr());
    }
    return group('any', parts);
  };
  const andExpr = (): Condition => {
    const parts = [atom()];
    while (isWord('and')) {
      k++;
      parts.push(atom());
    }
    return group('all', parts);
  };
  const atom = (): Condition => {
    if (peek()?.text === '(') {
      k++;
      const c = orExpr();
      expect(')');
      return c;
    }
    for (const fn of ['answered', 'unanswered', 'selected']) {
      if (isWord(fn) && toks[k + 1]?.text === '(') {
        k += 2;
        const id = name();
        if (fn === 'selected') {
          expect(',');
          const v = literal();
          expect(')');
          return leaf(id, 'eq', v);
        }
        expect(')');
        return fn === 'answered' ? leaf(id, 'answered') : leaf(id, 'answered', false);
      }
    }
    const id = name();
    if (isWord('in')) {
      k++;
      expect('(');
      const list = [literal()];
      while (peek()?.text === ',') {
        k++;
        list.push(literal());
      }
      expect(')');
      return leaf(id, 'in', list);
    }
    const t = peek();
    if (t?.kind !== 'op') fail(`a comparison (=, !=, >, >=, <, <=, in) after "${id}"`);
    k++;
    return leaf(id, OPS[t!.text], literal());
  };

  if (!toks.length) throw new ExpressionError('empty expression', 1);
  const c = orExpr();
  if (k < toks.length) fail('"and", "or" or the end');
  return c;
}

const lit = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v)}'`);

/** The inverse of parseCondition (for spreadsheet export and for showing rules to people). */
export function formatCondition(c: Condition, nested = false): string {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    const text = list.map((x) => formatCondition(x, true)).join('all' in c ? ' and ' : ' or ');
    return nested && list.length > 1 ? `(${text})` : text;
  }
  const id = 'score' in c ? c.score : c.item;
  if (c.op === 'answered') return c.value === false ? `unanswered(${id})` : `answered(${id})`;
  if (c.op === 'in') return `${id} in (${(c.value as (string | number)[]).map(lit).join(', ')})`;
  return `${id} ${SYMBOL[c.op]} ${lit(c.value)}`;
}
