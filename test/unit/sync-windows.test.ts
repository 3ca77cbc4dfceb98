import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '../../src/main/his/profile';
import { paramValues, translateParams } from '../../src/main/his/sql-params';
import { mssqlPoolConfig, mssqlRequestParts } from '../../src/main/his/sources/mssql-source';
import { keepGroupsTogether, syncWindow } from '../../src/main/his/windows';

const spec = (watermark: EntitySpec['watermark']): EntitySpec => ({ entity: 'patients', sql: 'x.sql', key: 'k', watermark, sqlText: '' });

describe('sync windows', () => {
  it('reads everything the first time and stores a watermark a little behind now', () => {
    const { window, nextWatermark } = syncWindow(spec({ kind: 'datetime', overlapMinutes: 120 }), null, '2026-07-01 09:00:00');
    expect(window.since).toBe('1900-01-01 00:00:00');
    expect(nextWatermark).toBe('2026-07-01 08:55:00');
  });
  it('re-reads an overlap before a datetime watermark', () => {
    const { window } = syncWindow(spec({ kind: 'datetime', overlapMinutes: 120 }), '2026-07-01 00:30:00', '2026-07-01 09:00:00');
    expect(window.since).toBe('2026-06-30 22:30:00');
    expect(window.until >= '9999').toBe(true);
  });
  it('re-reads a rolling window of days for business dates', () => {
    const { window } = syncWindow(spec({ kind: 'business_date', windowDays: 30 }), '2026-03-01 08:55:00', '2026-03-02 09:00:00');
    expect(window.since_date).toBe('2026-01-30');
  });
  it('ignores the watermark for a full sync', () => {
    expect(syncWindow(spec({ kind: 'datetime', overlapMinutes: 5 }), '2026-07-01 00:30:00', '2026-07-01 09:00:00', { full: true }).window.since).toBe(
      '1900-01-01 00:00:00',
    );
  });
  it("never splits one parent's child rows across batches", async () => {
    async function* batches() {
      yield [{ p: 'a' }, { p: 'a' }, { p: 'b' }];
      yield [{ p: 'b' }, { p: 'b' }];
      yield [{ p: 'c' }];
    }
    const out: string[][] = [];
    for await (const b of keepGroupsTogether(batches(), 'p')) out.push(b.map((r) => r.p));
    expect(out).toEqual([['a', 'a'], ['b', 'b', 'b'], ['c']]);
  });
});

describe('profile SQL parameters', () => {
  const sql = "select * from t where a >= :since and b < :until and c = ':not_a_param' and d::date > :since -- :comment\n/* :block */";
  it('rewrites named parameters for each driver, leaving strings, comments and casts alone', () => {
    expect(translateParams(sql, 'question').sql).toBe(
      "select * from t where a >= ? and b < ? and c = ':not_a_param' and d::date > ? -- :comment\n/* :block */",
    );
    expect(translateParams(sql, 'at').names).toEqual(['since', 'until', 'since']);
    expect(translateParams(sql, 'dollar').sql).toContain('a >= $1 and b < $2');
  });
  it('fails clearly on a parameter nobody provides', () => {
    expect(() => paramValues(['since', 'sinse'], { since: 'x' })).toThrow(/:sinse/);
  });
  it('gives SQL Server @names, each input once', () => {
    const parts = mssqlRequestParts('select * from V where xgsj >= :since and xgsj < :until or upd >= :since', { since: 'S', until: 'U' });
    expect(parts.text).toBe('select * from V where xgsj >= @since and xgsj < @until or upd >= @since');
    expect(parts.inputs).toEqual([
      ['since', 'S'],
      ['until', 'U'],
    ]);
  });
  it('configures SQL Server TLS and NTLM as asked', () => {
    const base = {
      client: 'mssql' as const,
      server: 'his',
      database: 'THIS',
      user: 'u',
      password: 'p',
      encrypt: true,
      trustServerCertificate: true,
      requestTimeoutMs: 1000,
    };
    expect(mssqlPoolConfig(base).options).toMatchObject({ encrypt: true, trustServerCertificate: true, useUTC: true });
    const ntlm = mssqlPoolConfig({ ...base, domain: 'HOSP' });
    expect(ntlm.authentication).toEqual({ type: 'ntlm', options: { userName: 'u', password: 'p', domain: 'HOSP' } });
  });
});
