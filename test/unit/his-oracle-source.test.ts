import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config';
import { describeHis } from '../../src/main/his/sources';
import { localWallClock, oracleNumber, oracleStatement, openOracleSource, SESSION_SETUP } from '../../src/main/his/sources/oracle-source';
import { syncWindow } from '../../src/main/his/windows';
import { fakeOracle, oracleBindNames, type FakeTable } from '../helpers/fake-oracledb';
import { tempDir } from '../helpers/stores';

const conn = { client: 'oracledb' as const, connectString: 'his-db:1521/HISDB', user: 'followup_ro', password: 'pw', callTimeoutMs: 30000 };
const window = syncWindow(
  { entity: 'patients', sql: 'x', key: 'k', sqlText: '', watermark: { kind: 'datetime', overlapMinutes: 120 } },
  null,
  '2026-07-01 09:00:00',
).window;

const patients: FakeTable = {
  columns: [
    { name: 'SOURCE_PATIENT_ID', dbType: 'NUMBER' },
    { name: 'NAME', dbType: 'VARCHAR2' },
    { name: 'BIRTH_DATE', dbType: 'DATE' },
    { name: 'source_updated_at', dbType: 'TIMESTAMP' },
    { name: 'SIGNED_AT', dbType: 'TIMESTAMP_TZ' },
    { name: 'NOTE', dbType: 'CLOB' },
  ],
  rows: [
    [1001, '张三', '1956-03-01 00:00:00', '2026-06-30 23:59:58', '2026-06-30T16:30:00Z', '长文本'],
    ['12345678901234567890', '李四', null, '2026-01-01 00:00:00', null, null],
    [3, '王五', '2000-02-29 00:00:00', '2026-02-01 08:05:09', '2026-02-01T08:05:09+08:00', ''],
  ],
};

describe('Oracle HIS source (thin oracledb, fake server)', () => {
  it('keeps :name binds, binds only what the SQL names, as strings, and drops a trailing semicolon', () => {
    const sql =
      "select * from V where xgsj >= TO_DATE(:since, 'YYYY-MM-DD HH24:MI:SS') and xgsj < TO_DATE(:until, 'YYYY-MM-DD HH24:MI:SS') or upd >= :since -- not :until_date\n;";
    const { text, binds } = oracleStatement(sql, { ...window, extra: 1 });
    expect(text).toContain(":since, 'YYYY-MM-DD HH24:MI:SS')");
    expect(text.trim().endsWith(';')).toBe(false);
    expect(binds).toEqual({ since: '1900-01-01 00:00:00', until: '9999-12-31 23:59:59' });
    expect(oracleBindNames(text)).toEqual(['SINCE', 'UNTIL']);
    expect(() => oracleStatement('select 1 from dual where a > :nope', { ...window })).toThrow(/:nope/);
  });

  it('runs every demo profile query with binds Oracle accepts', async () => {
    const { driver, log } = fakeOracle(() => ({ columns: [{ name: 'X', dbType: 'NUMBER' }], rows: [] }));
    const source = await openOracleSource(conn, driver);
    const dir = path.resolve(__dirname, '../../templates/his/demo');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sql'))) {
      for await (const batch of source.stream(fs.readFileSync(path.join(dir, f), 'utf8'), { ...window }, 100)) expect(batch).toEqual([]);
    }
    expect(log.executed.length).toBe(8);
    expect(log.executed.find((e) => e.sql.includes('V_TJ_DJ'))?.binds).toEqual({ since_date: '1900-01-01', until_date: '9999-12-31' });
    await source.close();
  });

  it('streams in batches of the requested size with lower-cased columns and wall-clock date strings', async () => {
    const { driver, log } = fakeOracle(() => patients);
    const source = await openOracleSource(conn, driver);
    const batches = [];
    for await (const b of source.stream('select * from V_BRXX where xgsj >= :since', { ...window }, 2)) batches.push(b);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(log.executed[0].options).toMatchObject({ resultSet: true, fetchArraySize: 2, outFormat: driver.OUT_FORMAT_ARRAY });
    const [a, b, c] = batches.flat();
    expect(a).toEqual({
      source_patient_id: 1001,
      name: '张三',
      birth_date: '1956-03-01 00:00:00',
      source_updated_at: '2026-06-30 23:59:58',
      signed_at: '2026-07-01 00:30:00',
      note: '长文本',
    });
    // A 20-digit vendor id keeps every digit; nulls stay null.
    expect(b).toMatchObject({ source_patient_id: '12345678901234567890', birth_date: null, signed_at: null });
    expect(c).toMatchObject({ birth_date: '2000-02-29 00:00:00', source_updated_at: '2026-02-01 08:05:09', signed_at: '2026-02-01 08:05:09' });
    // Every new session is set to Beijing time and the date format :since uses; sessions go back.
    expect(log.sessionSetups.every((s) => s === SESSION_SETUP)).toBe(true);
    expect(SESSION_SETUP).toMatch(/TIME_ZONE = '\+08:00'.*NLS_DATE_FORMAT = 'YYYY-MM-DD HH24:MI:SS'/);
    expect(log.open).toBe(0);
    expect(log.resultSetsClosed).toBe(1);
  });

  it('returns the session when the reader stops early (a check sampling a view)', async () => {
    const { driver, log } = fakeOracle(() => patients);
    const source = await openOracleSource(conn, driver);
    for await (const b of source.stream('select * from V_BRXX', {}, 1)) {
      expect(b).toHaveLength(1);
      break;
    }
    expect(log.open).toBe(0);
    expect(log.resultSetsClosed).toBe(1);
  });

  it('names the database, never the password, when it cannot connect', async () => {
    const { driver } = fakeOracle(() => patients);
    const failing = { ...driver, createPool: async () => Promise.reject(new Error('ORA-01017: invalid credential or not authorized')) } as typeof driver;
    await expect(openOracleSource(conn, failing)).rejects.toThrow(/Oracle his-db:1521\/HISDB: ORA-01017/);
    expect(describeHis(conn)).toBe('Oracle his-db:1521/HISDB');
  });

  it('converts values the way the store keeps them', () => {
    expect(localWallClock(new Date(1988, 3, 10, 0, 0, 0))).toBe('1988-04-10 00:00:00');
    expect(oracleNumber('42')).toBe(42);
    expect(oracleNumber('-0.5')).toBe(-0.5);
    expect(oracleNumber('9007199254740993')).toBe('9007199254740993');
  });

  it('reads the Oracle connection from config.json, the password from the environment', () => {
    const dir = tempDir('followup-oracle-config');
    const { password: _omit, callTimeoutMs: _default, ...file } = conn;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection: file } }));
    const c = loadConfig(dir, { FOLLOWUP_HIS_PASSWORD: 's3cret' });
    expect(c.his.connection).toEqual({ ...file, password: 's3cret', callTimeoutMs: 60000 });
    expect(c.his.demo).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
