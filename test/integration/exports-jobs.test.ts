import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveExportCopy } from '../../src/main/electron/export-save';
import { expireOldExports, recoverExports } from '../../src/main/exports/export-service';
import { exportsDir, runnerId } from '../../src/main/exports/files';
import { fixedClock } from '../helpers/his';
import { exportWorld, settled, type ExportWorld } from '../helpers/exports';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// Exports as jobs over the browser shell: start, progress events, history, audit, the download
// route and who may use it, department scope, masking, cancel and a restart mid-export.

async function workbook(buf: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  return wb;
}
const detailRows = (wb: ExcelJS.Workbook) => (wb.getWorksheet('明细')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));

describe.each(STORE_KINDS)('exports on %s', (kind) => {
  let t: TestStore;
  let w: ExportWorld;
  const download = (id: number, cookie?: string) => fetch(`${w.url}/api/exports/${id}/file`, { headers: cookie ? { Cookie: cookie } : {} });

  beforeAll(async () => {
    t = await createTestStore(kind);
    w = await exportWorld(t);
  });
  afterAll(async () => {
    await w?.close();
    await t?.drop();
  });

  it("exports the finder's list as a job: progress, history, audit, a 0600 file and a Chinese download name", async () => {
    const nurse = await w.cookie('nurse1');
    const events: { exportId: number; status: string; rows: number }[] = [];
    const off = w.app.events.subscribe((name, p) => {
      if (name === 'export.progress') events.push(p as never);
    });
    const started = await w.call(nurse, 'exports.start', {
      kind: 'finder',
      format: 'xlsx',
      params: { kind: 'inpatient', eventDate: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(started.status).toBe(200);
    const { exportId } = started.body.result;
    const row = await settled(w, nurse, exportId);
    off();
    expect(row).toMatchObject({
      kind: 'finder',
      format: 'xlsx',
      status: 'done',
      rows: 12,
      byName: '李护士',
      fileName: '出院患者名单_2026-11-01~2026-11-30.xlsx',
    });
    expect(events.filter((e) => e.exportId === exportId).at(-1)).toMatchObject({ status: 'done', rows: 12 });

    const dir = exportsDir(w.dataDir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dir)).toEqual([`export-${exportId}.xlsx`]);
    expect(fs.statSync(path.join(dir, `export-${exportId}.xlsx`)).mode & 0o777).toBe(0o600);

    const res = await download(exportId, nurse);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="_______2026-11-01~2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('出院患者名单_2026-11-01~2026-11-30.xlsx')}`,
    );
    const rows = detailRows(await workbook(await res.arrayBuffer()));
    expect(rows[0]).toEqual([
      '住院/就诊号',
      '姓名',
      '性别',
      '年龄',
      '科室',
      '入院日期',
      '出院/就诊日期',
      '主要诊断编码',
      '主要诊断',
      '离院方式',
      '状态',
      '联系电话',
      '危急值',
    ]);
    expect(rows).toHaveLength(13);
    // Newest discharge first; nurses dial, so they see whole numbers.
    expect(rows.slice(1).map((r) => r[11])).toEqual(expect.arrayContaining(['13900000000', '13900000011']));

    const audits = await w.app.store.knex('audit_log').whereIn('action', ['export.start', 'export.finish', 'export.download']).orderBy('id');
    expect(audits.map((a) => a.action)).toEqual(['export.start', 'export.finish', 'export.download']);
    expect(audits.every((a) => a.user_id === w.users.nurse1.id)).toBe(true);
    expect(JSON.parse(audits[0].detail)).toMatchObject({
      exportId,
      kind: 'finder',
      format: 'xlsx',
      filters: { kind: 'inpatient', eventDate: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(JSON.parse(audits[1].detail)).toMatchObject({ exportId, status: 'done', rows: 12 });
  });

  it("keeps an export its owner's: another nurse gets 404 and does not see it; the admin does", async () => {
    const [n1, n2, admin] = [await w.cookie('nurse1'), await w.cookie('nurse2'), await w.cookie('admin1')];
    const { body } = await w.call(n1, 'exports.start', { kind: 'finder', format: 'csv', params: {} });
    const id = body.result.exportId;
    await settled(w, n1, id);
    expect((await download(id, n2)).status).toBe(404);
    expect((await download(id)).status).toBe(401);
    expect((await download(id + 1000, n1)).status).toBe(404);
    expect((await w.call(n2, 'exports.list')).body.result.map((r: { id: number }) => r.id)).not.toContain(id);
    expect((await w.call(n2, 'exports.cancel', { exportId: id })).status).toBe(404);
    expect((await w.call(admin, 'exports.list')).body.result.map((r: { id: number }) => r.id)).toContain(id);
    expect((await download(id, admin)).status).toBe(200);
    const bytes = Buffer.from(await (await download(id, n1)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1).split('\r\n');
    expect(csv[0]).toBe('住院/就诊号,姓名,性别,年龄,科室,入院日期,出院/就诊日期,主要诊断编码,主要诊断,离院方式,状态,联系电话,危急值');
    expect(csv).toHaveLength(12 + 2);
    // A nurse may not export statistics or research data; formats must fit the kind.
    expect((await w.call(n1, 'exports.start', { kind: 'dashboard', format: 'xlsx', params: { month: '2026-11' } })).body.error.code).toBe('forbidden');
    expect((await w.call(n1, 'exports.start', { kind: 'finder', format: 'fhir', params: {} })).body.error.code).toBe('invalid_input');
    expect((await w.call(n1, 'exports.start', { kind: 'finder', format: 'xlsx', params: { sort: 'nonsense' } })).body.error.code).toBe('invalid_input');
  });

  it("scopes a head's lists to her departments and masks phones for her", async () => {
    const head = await w.cookie('head1');
    const { body } = await w.call(head, 'exports.start', { kind: 'finder', format: 'xlsx', params: {} });
    expect((await settled(w, head, body.result.exportId)).rows).toBe(6);
    const rows = detailRows(await workbook(await (await download(body.result.exportId, head)).arrayBuffer())).slice(1);
    expect(rows.every((r) => r[4] === '心内科')).toBe(true);
    expect(rows.every((r) => /^139\*{4}\d{4}$/.test(String(r[11])))).toBe(true);
    expect((await w.call(head, 'exports.start', { kind: 'finder', format: 'xlsx', params: { deptIds: [w.depts.surgery] } })).body.error.code).toBe('forbidden');

    const q = await w.call(head, 'exports.start', { kind: 'queue', format: 'xlsx', params: { scope: 'all', due: 'any' } });
    const queued = await settled(w, head, q.body.result.exportId);
    const cardioTasks = await w.app.store.knex('tasks').where({ dept_id: w.depts.cardio }).whereIn('status', ['pending', 'claimed']).count({ n: '*' });
    expect(queued.rows).toBe(Number(cardioTasks[0].n));
    const qrows = detailRows(await workbook(await (await download(q.body.result.exportId, head)).arrayBuffer()));
    expect(qrows[0].slice(0, 5)).toEqual(['患者', '性别', '年龄', '联系电话', '科室']);
    expect(qrows.slice(1).every((r) => r[4] === '心内科')).toBe(true);
    const due = qrows.slice(1).map((r) => (r[8] as Date).toISOString().slice(0, 10));
    expect(due).toEqual([...due].sort());
  });

  it('copies a finished export where the desktop user chooses (the save dialog), for its owner only', async () => {
    const n1 = await w.cookie('nurse1');
    const { body } = await w.call(n1, 'exports.start', { kind: 'finder', format: 'csv', params: { deptIds: [w.depts.cardio] } });
    const id = body.result.exportId;
    await settled(w, n1, id);
    const target = path.join(w.dataDir, 'chosen.csv');
    const offered: string[] = [];
    const choose = async (name: string) => {
      offered.push(name);
      return target;
    };
    expect(await saveExportCopy(w.app, w.users.nurse1, id, choose)).toEqual({ ok: true, result: { saved: true } });
    expect(offered).toEqual(['心内科出院患者名单.csv']);
    expect(fs.readFileSync(target)).toEqual(fs.readFileSync(path.join(exportsDir(w.dataDir), `export-${id}.csv`)));
    expect(await saveExportCopy(w.app, w.users.nurse1, id, async () => null)).toEqual({ ok: true, result: { saved: false } });
    expect(await saveExportCopy(w.app, w.users.nurse2, id, choose)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await saveExportCopy(w.app, null, id, choose)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await saveExportCopy(w.app, w.users.nurse1, '1; rm', choose)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    fs.rmSync(target);
  });

  it('exports the dashboard and a report with their definitions', async () => {
    const head = await w.cookie('head1');
    const dash = await w.call(head, 'exports.start', { kind: 'dashboard', format: 'xlsx', params: { month: '2026-11' } });
    expect(await settled(w, head, dash.body.result.exportId)).toMatchObject({ status: 'done', fileName: '统计看板_2026-11.xlsx' });
    const wb = await workbook(await (await download(dash.body.result.exportId, head)).arrayBuffer());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '明细', '指标说明']);
    expect(detailRows(wb).flat()).toContain('随访率');
    const spec = { rows: 'department', measures: ['due', 'followUpRate'], filters: { from: '2026-11-01', to: '2026-11-30' } };
    const rep = await w.call(head, 'exports.start', { kind: 'report', format: 'csv', params: spec });
    expect(await settled(w, head, rep.body.result.exportId)).toMatchObject({ status: 'done', fileName: '随访统计_2026-11.csv' });
    const outside = { ...spec, filters: { ...spec.filters, deptIds: [w.depts.surgery] } };
    expect((await w.call(head, 'exports.start', { kind: 'report', format: 'xlsx', params: outside })).body.error.code).toBe('forbidden');
    expect(
      (await w.call(head, 'exports.start', { kind: 'dashboard', format: 'xlsx', params: { month: '2026-11', deptIds: [w.depts.surgery] } })).body.error.code,
    ).toBe('forbidden');
  });

  it('cancels a running export and leaves no file, not even a partial one', async () => {
    const { knex } = w.app.store;
    const [p] = await knex('patients').limit(1).pluck('id');
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      source_system: 'bulk',
      kind: 'outpatient',
      source_id: `B${i}`,
      patient_id: p,
      encounter_no: `B${i}`,
      dept_id: w.depts.surgery,
      event_date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
      critical_count: 0,
      abnormal_count: 0,
      status: 'visited',
      row_hash: 'x',
      first_seen_at: '2026-11-01 00:00:00',
      last_synced_at: '2026-11-01 00:00:00',
    }));
    await knex.batchInsert('encounters', rows, 500);
    const admin = await w.cookie('admin1');
    const before = fs.readdirSync(exportsDir(w.dataDir));
    const cancelled = new Promise<number>((resolve) => {
      const off = w.app.events.subscribe((name, pl) => {
        const e = pl as { exportId: number; status: string };
        if (name === 'export.progress' && e.status === 'running') {
          off();
          void w.call(admin, 'exports.cancel', { exportId: e.exportId }).then((r) => {
            expect(r.body.result).toEqual({ cancelled: true });
            resolve(e.exportId);
          });
        }
      });
    });
    const { body } = await w.call(admin, 'exports.start', { kind: 'finder', format: 'xlsx', params: { kind: 'outpatient' } });
    expect(await cancelled).toBe(body.result.exportId);
    expect(await settled(w, admin, body.result.exportId)).toMatchObject({ status: 'cancelled' });
    expect(fs.readdirSync(exportsDir(w.dataDir))).toEqual(before);
    expect((await download(body.result.exportId, admin)).status).toBe(404);
    expect((await w.call(admin, 'exports.cancel', { exportId: body.result.exportId })).body.result).toEqual({ cancelled: false });
    const finish = await knex('audit_log').where({ action: 'export.finish' }).orderBy('id', 'desc').first();
    expect(JSON.parse(finish.detail)).toMatchObject({ exportId: body.result.exportId, status: 'cancelled' });
  });

  it("fails this server's unfinished exports after a restart and removes their temporary files", async () => {
    const { knex } = w.app.store;
    const base = { user_id: w.users.nurse1.id, kind: 'finder', format: 'xlsx', params: '{}', status: 'running', rows: 0, created_at: '2026-12-01 09:00:00' };
    await knex('exports').insert([
      { ...base, runner: runnerId(w.dataDir) },
      { ...base, runner: 'another-server:/data' },
    ]);
    const part = path.join(exportsDir(w.dataDir), '.export-999.xlsx.abcd.part');
    fs.writeFileSync(part, 'half');
    expect(await recoverExports(knex, fixedClock('2026-12-01 11:00:00'), w.dataDir)).toBe(1);
    expect(fs.existsSync(part)).toBe(false);
    const left = await knex('exports').where({ created_at: '2026-12-01 09:00:00' }).orderBy('id');
    expect(left.map((r) => r.status)).toEqual(['failed', 'running']);
    expect(left[0].finished_at).toBe('2026-12-01 11:00:00');
  });

  it('deletes a finished file after the days it is kept, keeps younger ones, and says so in the history', async () => {
    const nurse = await w.cookie('nurse2');
    const start = async () =>
      (
        await w.call(nurse, 'exports.start', {
          kind: 'finder',
          format: 'csv',
          params: { kind: 'inpatient', eventDate: { from: '2026-11-01', to: '2026-11-30' } },
        })
      ).body.result.exportId as number;
    const old = await start();
    await settled(w, nurse, old);
    const file = path.join(exportsDir(w.dataDir), `export-${old}.csv`);
    expect(fs.existsSync(file)).toBe(true);
    const { knex } = w.app.store;
    expect(await expireOldExports(knex, fixedClock('2026-12-07 10:00:00'), w.dataDir, 7)).toBe(0);
    expect(await expireOldExports(knex, fixedClock('2026-12-08 10:01:00'), w.dataDir, 7)).toBeGreaterThan(0);
    expect(fs.existsSync(file)).toBe(false);
    const listed = (await w.call(nurse, 'exports.list')).body.result as { id: number; status: string }[];
    expect(listed.find((r) => r.id === old)?.status).toBe('expired');
    expect((await download(old, nurse)).status).toBe(404);
  });
});
