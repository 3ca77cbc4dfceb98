import real from 'oracledb';
import type { ColumnMetaData, ExecuteOptions } from 'oracledb';
import type { OracleDriver } from '../../src/main/his/sources/oracle-source';

// A stand-in for node-oracledb in thin mode, strict where the real one is: bind names must match
// the SQL's placeholders both ways (ORA-01036 / NJS-098), no ';', '?' or '@name' in the text
// (ORA-00933 / ORA-00911), unquoted aliases come back upper-cased, DATE/TIMESTAMP values are Dates
// built from their local-time fields (as thin mode's makeDate does) and fetchTypeHandler results
// are applied column by column.

export type FakeColumn = { name: string; dbType: 'DATE' | 'TIMESTAMP' | 'TIMESTAMP_TZ' | 'NUMBER' | 'VARCHAR2' | 'CLOB' };
export type FakeTable = { columns: FakeColumn[]; rows: unknown[][] };

const SKIP = /('(?:[^']|'')*')|(--[^\n]*)|(\/\*[\s\S]*?\*\/)|("[^"]*")|:([A-Za-z_][A-Za-z0-9_]*)/g;

export function oracleBindNames(sql: string): string[] {
  const names: string[] = [];
  for (const m of sql.matchAll(SKIP)) if (m[5]) names.push(m[5].toUpperCase());
  return [...new Set(names)];
}

export interface FakeLog {
  sessionSetups: string[];
  executed: { sql: string; binds: Record<string, unknown>; options: ExecuteOptions }[];
  open: number;
  resultSetsClosed: number;
  getRowsCalls: number[];
}

const DB_TYPE = {
  DATE: real.DB_TYPE_DATE,
  TIMESTAMP: real.DB_TYPE_TIMESTAMP,
  TIMESTAMP_TZ: real.DB_TYPE_TIMESTAMP_TZ,
  NUMBER: real.DB_TYPE_NUMBER,
  VARCHAR2: real.DB_TYPE_VARCHAR,
  CLOB: real.DB_TYPE_CLOB,
};

/** The value thin mode hands a converter for a column, given the value as the server stores it. */
function fetched(col: FakeColumn, fetchType: unknown, v: unknown): unknown {
  if (v === null) return null;
  if (col.dbType === 'NUMBER') return fetchType === real.STRING ? String(v) : Number(v);
  if (col.dbType === 'DATE' || col.dbType === 'TIMESTAMP') {
    const [y, mo, d, h, mi, s] = String(v).split(/[- :]/).map(Number);
    return new Date(y, mo - 1, d, h, mi, s);
  }
  if (col.dbType === 'TIMESTAMP_TZ') return new Date(String(v)); // ISO with offset: an instant
  if (col.dbType === 'CLOB' && fetchType !== real.STRING) return { lob: true };
  return v;
}

export function fakeOracle(tables: (sql: string) => FakeTable): { driver: OracleDriver; log: FakeLog } {
  const log: FakeLog = { sessionSetups: [], executed: [], open: 0, resultSetsClosed: 0, getRowsCalls: [] };
  const connection = () => {
    log.open++;
    return {
      callTimeout: 0,
      async execute(sql: string, binds?: Record<string, unknown>, options?: ExecuteOptions) {
        if (/^ALTER SESSION/i.test(sql)) {
          log.sessionSetups.push(sql);
          return {};
        }
        if (/;\s*$/.test(sql)) throw new Error('ORA-00933: SQL command not properly ended');
        if (/\?|@[a-z]/i.test(sql.replace(SKIP, (m, ...groups: unknown[]) => (groups[4] ? m : '')))) throw new Error('ORA-00911: invalid character');
        const inSql = oracleBindNames(sql);
        const given = Object.keys(binds ?? {}).map((k) => k.toUpperCase());
        for (const g of given) if (!inSql.includes(g)) throw new Error(`ORA-01036: illegal variable name/number (${g})`);
        for (const n of inSql)
          if (!given.includes(n)) throw new Error(`NJS-098: ${inSql.length} positional bind values are required but ${given.length} were provided`);
        log.executed.push({ sql, binds: binds ?? {}, options: options! });
        const table = tables(sql);
        const metaData: ColumnMetaData[] = table.columns.map((c) => ({ name: c.name, dbType: DB_TYPE[c.dbType] }));
        const handlers = metaData.map((m) => options!.fetchTypeHandler(m));
        let at = 0;
        const resultSet = {
          async getRows(n: number) {
            log.getRowsCalls.push(n);
            const out = table.rows.slice(at, at + n).map((r) =>
              r.map((v, i) => {
                const h = handlers[i];
                const value = fetched(table.columns[i], h?.type, v);
                return h?.converter && value !== null ? (h.converter as (x: unknown) => unknown)(value) : value;
              }),
            );
            at += out.length;
            return out;
          },
          async close() {
            log.resultSetsClosed++;
          },
        };
        return { metaData, resultSet };
      },
      async close() {
        log.open--;
      },
    };
  };
  const driver = Object.assign({}, real, {
    async createPool(attrs: Parameters<OracleDriver['createPool']>[0]) {
      const fresh = async () => {
        const c = connection();
        // A pool calls sessionCallback for each new session before handing it out.
        await new Promise<void>((resolve, reject) => attrs.sessionCallback(c as never, '', (err) => (err ? reject(err) : resolve())));
        return c;
      };
      return { getConnection: fresh, close: async () => undefined };
    },
  }) as unknown as OracleDriver;
  return { driver, log };
}
