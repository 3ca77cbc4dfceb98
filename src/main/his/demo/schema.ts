// The vendor's views, materialised as plain tables without keys: real views have none, and planted rows break them.
import type { Database } from 'better-sqlite3';

export const TABLE_COLUMNS = {
  V_KS: ['ksdm', 'ksmc', 'jmc', 'tybz'],
  V_BRXX: ['brid', 'xm', 'xb', 'csrq', 'sfzh', 'lxdh', 'jtdh', 'lxrxm', 'lxrgx', 'lxrdh', 'xzz', 'xgsj', 'zxbz'],
  V_BR_HB: ['ybrid', 'xbrid', 'hbsj'],
  V_ZY_CYBR: ['zyh', 'zyhm', 'brid', 'ryrq', 'cyrq', 'ryks', 'cyks', 'zzys', 'lyfs', 'cypb', 'xgsj'],
  V_ZY_ZD: ['zyh', 'zdlb', 'zdxh', 'zdbm', 'zdmc', 'zyzdbz'],
  V_MZ_JZ: ['jzxh', 'mzh', 'brid', 'jzsj', 'ksmc', 'ysxm', 'zdbm', 'zdmc', 'thbz'],
  V_TJ_DJ: ['tjh', 'brid', 'xm', 'xb', 'sfzh', 'dh', 'tjrq', 'tcmc', 'zt', 'ryzt', 'zjjl'],
  V_TJ_JG: ['tjh', 'xh', 'xmmc', 'jg', 'dw', 'ckz', 'ycbz', 'wjzbz', 'wjzbgsj'],
} as const;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLE_NAMES = Object.keys(TABLE_COLUMNS) as TableName[];

const INTEGER_COLUMNS = new Set(['tybz', 'zxbz', 'cypb', 'zdxh', 'zyzdbz', 'thbz', 'zt', 'ryzt', 'xh', 'wjzbz']);

/** Only the discharge times are fixed-width strings in this vendor's schema. */
const CHAR16_COLUMNS = new Set(['V_ZY_CYBR.ryrq', 'V_ZY_CYBR.cyrq']);

export function createTables(db: Database): void {
  for (const table of TABLE_NAMES) {
    const cols = TABLE_COLUMNS[table].map((c) => {
      if (INTEGER_COLUMNS.has(c)) return `${c} INTEGER`;
      return CHAR16_COLUMNS.has(`${table}.${c}`) ? `${c} CHAR(16)` : `${c} TEXT`;
    });
    db.exec(`CREATE TABLE ${table} (${cols.join(', ')})`);
  }
}

export function insertSql(table: TableName): string {
  const cols = TABLE_COLUMNS[table];
  return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
}

/** The indexes a vendor would offer for incremental reads; built after loading because that is much faster. */
export const INDEXES: ReadonlyArray<readonly [TableName, string]> = [
  ['V_BRXX', 'xgsj'],
  ['V_ZY_CYBR', 'xgsj'],
  ['V_ZY_CYBR', 'cyrq'],
  ['V_ZY_ZD', 'zyh'],
  ['V_MZ_JZ', 'jzsj'],
  ['V_TJ_DJ', 'tjrq'],
  ['V_TJ_JG', 'tjh'],
];

export function createIndexes(db: Database): void {
  for (const [table, col] of INDEXES) {
    db.exec(`CREATE INDEX IX_${table}_${col} ON ${table} (${col})`);
  }
}
