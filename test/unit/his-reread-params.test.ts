import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '../../src/main/his/profile';
import { idCheckChar } from '../../src/main/his/normalise/id-number';
import { idNumberProblem } from '../../src/main/his/normalise/id-problem';
import { dateRejection, shown } from '../../src/main/his/entities/types';
import { paramValues, translateParams } from '../../src/main/his/sql-params';
import { mssqlRequestParts } from '../../src/main/his/sources/mssql-source';
import { oracleStatement } from '../../src/main/his/sources/oracle-source';
import { syncWindow } from '../../src/main/his/windows';

const child = (rereadChildrenDays?: number): EntitySpec => ({
  entity: 'inpatient_diagnoses',
  sql: 'x.sql',
  key: 'source_stay_id',
  watermark: { kind: 'datetime', overlapMinutes: 120 },
  rereadChildrenDays,
  sqlText: '',
});
const SQL =
  "SELECT * FROM V_ZY_ZD d JOIN V_ZY_CYBR a ON a.zyh = d.zyh WHERE (a.xgsj >= :since AND a.xgsj < :until) OR a.cyrq >= REPLACE(:reread_since_date, '-', '')";

describe('re-reading children of recent parents', () => {
  const now = '2026-07-02 09:00:00';
  it('starts the re-read at midnight N days ago', () => {
    const { window } = syncWindow(child(30), '2026-07-01 08:55:00', now);
    expect(window).toMatchObject({ since: '2026-07-01 06:55:00', reread_since: '2026-06-02 00:00:00', reread_since_date: '2026-06-02' });
  });
  it('re-reads nothing without the option, and everything on a full or first read', () => {
    expect(syncWindow(child(), '2026-07-01 08:55:00', now).window).toMatchObject({ reread_since: '9999-12-31 23:59:59', reread_since_date: '9999-12-31' });
    expect(syncWindow(child(30), '2026-07-01 08:55:00', now, { full: true }).window.reread_since).toBe('1900-01-01 00:00:00');
    expect(syncWindow(child(30), null, now).window.reread_since).toBe('1900-01-01 00:00:00');
  });
  it('binds the parameter on every driver', () => {
    const window: Record<string, unknown> = { ...syncWindow(child(7), '2026-07-01 08:55:00', now).window };
    for (const style of ['question', 'dollar'] as const) {
      const t = translateParams(SQL, style);
      expect(paramValues(t.names, window)).toEqual([window.since, window.until, '2026-06-25']);
    }
    expect(mssqlRequestParts(SQL, window).inputs).toContainEqual(['reread_since_date', '2026-06-25']);
    expect(oracleStatement(SQL, window).binds).toEqual({ since: window.since, until: window.until, reread_since_date: '2026-06-25' });
  });
});

describe('ID number problems', () => {
  const valid = (first17: string) => first17 + idCheckChar(first17);
  it.each([
    [null, 'missing'],
    ['  ', 'missing'],
    ['11010519491231002', 'length'],
    ['1101051949123100231', 'length'],
    ['11010519491231002A', 'characters'],
    ['11010549123100A', 'characters'],
    [valid('11010519490431002'), 'birth_date'],
    ['110105491331002', 'birth_date'],
    ['110108196108254290', 'check_digit'],
    ['110105491231002', 'legacy_15'],
    [valid('11010519491231002'), null],
    [valid('11010520131229273').toLowerCase(), null],
  ])('%s → %s', (raw, problem) => {
    expect(idNumberProblem(raw)).toBe(problem);
  });
});

describe('rejection details', () => {
  it('calls an empty date missing and keeps a bad one', () => {
    expect(dateRejection('discharge', null)).toEqual(['missing discharge date']);
    expect(dateRejection('visit', ' ')).toEqual(['missing visit date']);
    expect(dateRejection('admission', 'abcd')).toEqual(['bad admission date', 'abcd']);
    expect([shown(null), shown(undefined), shown(''), shown(0)]).toEqual(['(empty)', '(empty)', '(empty)', '0']);
  });
});
