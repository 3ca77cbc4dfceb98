import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { generateDemoHis, type DemoHisSummary } from '../../src/main/his/demo/generate';
import { TABLE_NAMES } from '../../src/main/his/demo/schema';
import { parseIdNumber } from '../../src/main/his/normalise/id-number';
import { parseDemoHisOptions, registerDemoHis } from '../../src/cli/demo-his';

type Row = Record<string, string | number | null>;

let dir: string;
let summary: DemoHisSummary;
let db: Database.Database;
const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
const one = (sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as Row | undefined;
const scalar = (sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params);

function tableHashes(file: string): Record<string, string> {
  const d = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      TABLE_NAMES.map((t) => {
        const h = crypto.createHash('sha256');
        for (const row of d.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row));
        return [t, h.digest('hex')];
      }),
    );
  } finally {
    d.close();
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-his-'));
  summary = generateDemoHis({ out: path.join(dir, 'a.sqlite'), patients: 300, seed: 7 });
  db = new Database(path.join(dir, 'a.sqlite'), { readonly: true });
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('generateDemoHis', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    generateDemoHis({ out: path.join(dir, 'b.sqlite'), patients: 300, seed: 7 });
    generateDemoHis({ out: path.join(dir, 'c.sqlite'), patients: 300, seed: 8 });
    const a = tableHashes(path.join(dir, 'a.sqlite'));
    expect(tableHashes(path.join(dir, 'b.sqlite'))).toEqual(a);
    const c = tableHashes(path.join(dir, 'c.sqlite'));
    for (const t of ['V_BRXX', 'V_ZY_CYBR', 'V_ZY_ZD', 'V_MZ_JZ', 'V_TJ_DJ', 'V_TJ_JG']) expect(c[t]).not.toBe(a[t]);
  });

  it('overwrites an existing file and rejects too few patients', () => {
    const out = path.join(dir, 'b.sqlite');
    const again = generateDemoHis({ out, patients: 60, seed: 1 });
    expect(again.patients).toBe(60);
    expect(() => generateDemoHis({ out: path.join(dir, 'd.sqlite'), patients: 49, seed: 1 })).toThrow(/at least 50|>= 50/);
    expect(() => generateDemoHis({ out: path.join(dir, 'd.sqlite'), patients: 60, seed: 1, endDate: '2026-02-30' })).toThrow(/endDate/);
  });

  it('reports counts that match the tables and has about four encounters per patient', () => {
    expect(summary.patients).toBe(scalar('SELECT count(*) FROM V_BRXX'));
    expect(summary.inpatientStays).toBe(scalar('SELECT count(*) FROM V_ZY_CYBR'));
    expect(summary.outpatientVisits).toBe(scalar('SELECT count(*) FROM V_MZ_JZ'));
    expect(summary.checkups).toBe(scalar('SELECT count(*) FROM V_TJ_DJ'));
    expect(summary.findings).toBe(scalar('SELECT count(*) FROM V_TJ_JG'));
    expect(summary.diagnoses).toBe(scalar('SELECT count(*) FROM V_ZY_ZD'));
    expect(summary.encounters).toBe(summary.inpatientStays + summary.outpatientVisits + summary.checkups);
    expect(summary.encounters / summary.patients).toBeGreaterThan(3);
    expect(summary.encounters / summary.patients).toBeLessThan(5.5);
  });

  it('creates the vendor indexes and the department dictionary', () => {
    expect(scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index'")).toBe(7);
    expect(one("SELECT * FROM V_KS WHERE ksmc = '心血管内科'")).toMatchObject({ jmc: '心内科', tybz: 0 });
    const disabled = all('SELECT ksmc FROM V_KS WHERE tybz = 1');
    expect(disabled).toEqual([{ ksmc: '中医科' }]);
    expect(scalar("SELECT coalesce(max(jzsj), '') < '2025-01-01' FROM V_MZ_JZ WHERE ksmc = '中医科'")).toBe(1);
  });

  it('has valid, consistent ID numbers except the planted bad ones', () => {
    const p = summary.planted;
    const invalid: string[] = [];
    for (const r of all('SELECT brid, xb, csrq, sfzh FROM V_BRXX')) {
      const id = parseIdNumber(r.sfzh as string);
      if (!id?.valid) {
        invalid.push(r.brid as string);
        continue;
      }
      expect(id.birthDate).toBe(r.csrq);
      if (r.xb === '1' || r.xb === '2') expect(id.sexCode).toBe(r.xb);
    }
    expect(invalid.sort()).toEqual([...p.invalidIdNumbers].sort());
    for (const brid of p.invalidIdNumbers) expect(String(scalar('SELECT sfzh FROM V_BRXX WHERE brid = ?', brid))).toHaveLength(18);
    for (const brid of p.legacyIdNumbers) expect(String(scalar('SELECT sfzh FROM V_BRXX WHERE brid = ?', brid))).toMatch(/^\d{15}$/);
    expect(scalar('SELECT sfzh FROM V_BRXX WHERE brid = ?', p.lowercaseX)).toMatch(/^\d{17}x$/);
    const rare = one('SELECT xm, sfzh FROM V_BRXX WHERE brid = ?', p.rareCharName)!;
    expect(rare.xm).toContain('?');
    expect(parseIdNumber(rare.sfzh as string)?.valid).toBe(true);
  });

  it('has well-formed phones except the planted missing and malformed ones', () => {
    const p = summary.planted;
    for (const brid of p.missingPhones) {
      expect(one('SELECT lxdh, jtdh FROM V_BRXX WHERE brid = ?', brid)).toMatchObject({ jtdh: null });
      expect([null, '']).toContain(scalar('SELECT lxdh FROM V_BRXX WHERE brid = ?', brid));
    }
    expect(p.badPhones.map((b) => scalar('SELECT lxdh FROM V_BRXX WHERE brid = ?', b)).sort()).toEqual(['12345', '138001380']);
    const odd = all(
      "SELECT brid FROM V_BRXX WHERE NOT (coalesce(lxdh, '') GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' OR (lxdh IS NULL AND jtdh IS NOT NULL))",
    );
    expect(odd.map((r) => r.brid).sort()).toEqual([...p.missingPhones, ...p.badPhones].sort());
  });

  it('plants a merged patient whose obsolete id still has encounters', () => {
    const [m] = summary.planted.mergedPatients;
    expect(one('SELECT * FROM V_BR_HB WHERE ybrid = ?', m.obsolete)).toMatchObject({ xbrid: m.surviving });
    expect(scalar('SELECT count(*) FROM V_BRXX WHERE brid IN (?, ?)', m.obsolete, m.surviving)).toBe(2);
    expect(scalar('SELECT count(*) FROM V_ZY_CYBR WHERE brid = ?', m.obsolete)).toBeGreaterThan(0);
    expect(scalar('SELECT count(*) FROM V_MZ_JZ WHERE brid = ?', m.obsolete)).toBeGreaterThan(0);
  });

  it('plants cancelled, death and bad stays', () => {
    const p = summary.planted;
    for (const zyh of p.cancelledStays) expect(scalar('SELECT cypb FROM V_ZY_CYBR WHERE zyh = ?', zyh)).toBe(99);
    for (const zyh of p.deathStays) expect(scalar('SELECT lyfs FROM V_ZY_CYBR WHERE zyh = ?', zyh)).toBe('5');
    const b = p.badStays;
    expect(scalar('SELECT count(*) FROM V_BRXX WHERE brid = (SELECT brid FROM V_ZY_CYBR WHERE zyh = ?)', b.unknownPatient)).toBe(0);
    expect(scalar('SELECT cyrq FROM V_ZY_CYBR WHERE zyh = ?', b.badDate)).toMatch(/^\d{4}13\d{2}08:00:00$/);
    expect(scalar('SELECT cyrq FROM V_ZY_CYBR WHERE zyh = ?', b.garbageDate)).toBe('abcd');
    const swapped = one('SELECT ryrq, cyrq FROM V_ZY_CYBR WHERE zyh = ?', b.dischargeBeforeAdmission)!;
    expect(String(swapped.cyrq) < String(swapped.ryrq)).toBe(true);
    expect(b.missingKey).toHaveLength(2);
    for (const k of b.missingKey) expect(one('SELECT zyh FROM V_ZY_CYBR WHERE zyhm = ?', k.zyhm)).toEqual({ zyh: k.zyh });

    const special = new Set([b.unknownPatient, b.badDate, b.garbageDate, b.dischargeBeforeAdmission]);
    for (const r of all('SELECT zyh, brid, ryrq, cyrq, xgsj FROM V_ZY_CYBR WHERE zyh <> ?', '')) {
      if (special.has(r.zyh as string)) continue;
      expect(r.ryrq).toMatch(/^20\d{6}\d{2}:\d{2}:\d{2}$/);
      expect(r.cyrq).toMatch(/^20\d{6}\d{2}:\d{2}:\d{2}$/);
      expect(String(r.cyrq) > String(r.ryrq)).toBe(true);
      expect(String(r.cyrq) <= '2026113023:59:59').toBe(true);
      const c = String(r.cyrq);
      expect(String(r.xgsj) >= `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)} ${c.slice(8)}`).toBe(true);
    }
    expect(scalar('SELECT count(*) FROM V_ZY_CYBR c LEFT JOIN V_BRXX b ON b.brid = c.brid WHERE b.brid IS NULL')).toBe(1);
  });

  it('gives every stay exactly one main diagnosis, except the planted one, and well-formed codes except the planted ones', () => {
    const d = summary.planted.badDiagnoses;
    const wrong = all(
      "SELECT c.zyh FROM V_ZY_CYBR c LEFT JOIN V_ZY_ZD z ON z.zyh = c.zyh WHERE c.zyh <> '' GROUP BY c.zyh HAVING coalesce(sum(z.zyzdbz = 1), 0) <> 1",
    );
    expect(wrong).toEqual([{ zyh: d.noMainDiagnosis }]);
    expect(scalar("SELECT count(*) FROM V_ZY_ZD WHERE zyzdbz = 1 AND zdlb <> '3'")).toBe(0);
    const malformed = all("SELECT zyh, zdxh FROM V_ZY_ZD WHERE NOT zdbm GLOB '[A-Z][0-9][0-9].[0-9x][0-9][0-9]*'").map((r) => [r.zyh, r.zdxh]);
    expect(malformed.sort()).toEqual([...d.malformedCode].sort());
    expect(all('SELECT zdbm FROM V_ZY_ZD WHERE zyh = ? AND zdxh = ?', ...d.malformedCode[0]).length).toBe(1);
    expect(scalar("SELECT count(*) FROM V_ZY_ZD WHERE zdmc LIKE '%肺癌%' AND zdbm GLOB 'C34*'")).toBeGreaterThan(0);
  });

  it('plants bad and cancelled visits and a recycled outpatient number', () => {
    const p = summary.planted;
    for (const j of p.cancelledVisits) expect(scalar('SELECT thbz FROM V_MZ_JZ WHERE jzxh = ?', j)).toBe(1);
    expect(scalar('SELECT ksmc FROM V_MZ_JZ WHERE jzxh = ?', p.badVisits.unknownDepartment)).toBe('不存在科');
    expect(scalar('SELECT ksmc FROM V_MZ_JZ WHERE jzxh = ?', p.badVisits.oldDepartmentName)).toBe('心内科');
    const unknown = all('SELECT jzxh FROM V_MZ_JZ WHERE ksmc NOT IN (SELECT ksmc FROM V_KS) AND ksmc NOT IN (SELECT jmc FROM V_KS WHERE jmc IS NOT NULL)');
    expect(unknown).toEqual([{ jzxh: p.badVisits.unknownDepartment }]);
    expect(scalar("SELECT count(*) FROM V_MZ_JZ WHERE ksmc = '心内科' AND jzsj >= '2025-01-01'")).toBe(0);
    expect(scalar("SELECT count(*) FROM V_MZ_JZ WHERE ksmc = '心血管内科' AND jzsj < '2025-01-01'")).toBe(0);
    expect(scalar('SELECT count(DISTINCT jzxh) = count(*) FROM V_MZ_JZ')).toBe(1);
    const shared = all('SELECT mzh FROM V_MZ_JZ GROUP BY mzh HAVING count(DISTINCT brid) > 1');
    expect(shared).toEqual([{ mzh: p.recycledOutpatientNo }]);
  });

  it('plants checkup special cases and keeps PEIS codes and critical flags consistent', () => {
    const p = summary.planted;
    for (const t of p.cancelledCheckups) expect(scalar('SELECT ryzt FROM V_TJ_DJ WHERE tjh = ?', t)).toBe(1);
    const orphans = all('SELECT DISTINCT tjh FROM V_TJ_JG WHERE tjh NOT IN (SELECT tjh FROM V_TJ_DJ)');
    expect(orphans).toEqual([{ tjh: p.badFindings.unknownCheckup }]);
    for (const t of p.criticalFindings) {
      expect(scalar('SELECT count(*) FROM V_TJ_JG WHERE tjh = ? AND wjzbz = 1', t)).toBeGreaterThan(0);
      expect(scalar('SELECT count(*) FROM V_TJ_DJ d JOIN V_BRXX b ON b.brid = d.brid WHERE d.tjh = ?', t)).toBe(1);
    }
    expect(scalar("SELECT count(*) FROM V_TJ_JG WHERE wjzbz = 1 AND ycbz NOT IN ('H', 'L')")).toBe(0);
    expect(
      scalar("SELECT count(*) FROM V_TJ_DJ d JOIN V_BRXX b ON b.brid = d.brid WHERE b.xb IN ('1', '2') AND d.xb <> CASE b.xb WHEN '1' THEN '0' ELSE '1' END"),
    ).toBe(0);
    const unlinked = Number(scalar('SELECT avg(brid IS NULL) FROM V_TJ_DJ'));
    expect(unlinked).toBeGreaterThan(0.1);
    expect(unlinked).toBeLessThan(0.5);
    expect(scalar('SELECT count(*) FROM V_TJ_DJ d WHERE brid IS NULL AND sfzh NOT IN (SELECT sfzh FROM V_BRXX)')).toBe(0);
  });

  it('keeps encounter dates within the three years before the end date', () => {
    expect(one('SELECT min(jzsj) lo, max(jzsj) hi FROM V_MZ_JZ')).toEqual({
      lo: expect.stringMatching(/^2023-12|^2024/),
      hi: expect.stringMatching(/^2026-11/),
    });
    expect(scalar("SELECT count(*) FROM V_MZ_JZ WHERE jzsj < '2023-12-01' OR jzsj > '2026-11-30 23:59:59'")).toBe(0);
    expect(scalar("SELECT count(*) FROM V_TJ_DJ WHERE tjrq < '2023-12-01' OR tjrq > '2026-11-30'")).toBe(0);
    expect(scalar("SELECT count(*) FROM V_BRXX WHERE xgsj < '2023-12-01' OR xgsj > '2026-11-30 23:59:59'")).toBe(0);
    expect(scalar("SELECT count(*) FROM V_ZY_CYBR WHERE xgsj > '2026-11-30 23:59:59'")).toBe(0);
  });
});

describe('demo-his command', () => {
  it('validates flags with clear messages', () => {
    expect(() => parseDemoHisOptions({ patients: '300', seed: '1' })).toThrow(/--out/);
    expect(() => parseDemoHisOptions({ out: 'x', patients: 'abc', seed: '1' })).toThrow(/--patients must be an integer/);
    expect(() => parseDemoHisOptions({ out: 'x', patients: '10', seed: '1' })).toThrow(/--patients/);
    expect(() => parseDemoHisOptions({ out: 'x', patients: '300', seed: '-1' })).toThrow(/--seed/);
    expect(() => parseDemoHisOptions({ out: 'x', patients: '300' })).toThrow(/--seed is required/);
    expect(() => parseDemoHisOptions({ out: 'x', patients: '300', seed: '1', endDate: '2026-13-01' })).toThrow(/--end-date/);
    expect(parseDemoHisOptions({ out: 'x', patients: '300', seed: '0' })).toEqual({ out: 'x', patients: 300, seed: 0, endDate: '2026-11-30' });
  });

  it('writes the database and prints a one-line JSON summary', async () => {
    const program = new Command().exitOverride();
    registerDemoHis(program);
    const out = path.join(dir, 'cli.sqlite');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(['demo-his', '--out', out, '--patients', '60', '--seed', '3', '--end-date', '2025-06-30'], { from: 'user' });
      const printed = stdout.mock.calls.map((c) => String(c[0])).join('');
      expect(printed.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(printed)).toMatchObject({ patients: 60 });
      expect(stderr.mock.calls.some((c) => String(c[0]).includes('V_BRXX'))).toBe(true);
      await expect(program.parseAsync(['demo-his', '--out', out, '--patients', 'x', '--seed', '3'], { from: 'user' })).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringMatching(/--patients must be an integer/),
      });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(fs.existsSync(out)).toBe(true);
  });
});
