import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/main/auth/audit';
import { sealAudit } from '../../src/main/auth/audit-chain';
import { createUser } from '../../src/main/auth/users';
import { exportFileFor, exportService } from '../../src/main/exports/export-service';
import { JobRunner } from '../../src/main/jobs/job-runner';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import { EventBus } from '../../src/main/util/events';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { fixedClock } from '../helpers/his';
import { parseCsv } from '../helpers/spreadsheet';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// The admin's search of the audit log (filters, pages, newest first), its export with the same
// filter, and its chain check through the dispatcher; each of them audited in turn.

describe.each(STORE_KINDS)('audit log search on %s', (kind) => {
  const clock = fixedClock('2026-06-30 09:00:00');
  const dataDir = tempDir('audit-search');
  let t: TestStore;
  let store: Store;
  let call: TestDispatch;
  let admin: User, nurse: User, head: User;

  const write = async (at: string, who: User | null, action: string, patientId: number | null, address: string | null) => {
    clock.set(at);
    await audit(store.knex, clock, { user: who, address }, action, patientId, { at });
  };

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    call = ipcDispatch(store, clock, dataDir);
    admin = await createUser(store.knex, clock, { username: 'admin1', displayName: '管理员', role: 'admin', password: 'secret-1234' });
    nurse = await createUser(store.knex, clock, { username: 'nurse1', displayName: '李护士', role: 'nurse', password: 'secret-1234' });
    head = await createUser(store.knex, clock, { username: 'head1', displayName: '王主任', role: 'head', password: 'secret-1234' });
    await write('2026-06-01 08:00:00', nurse, 'patient.view', 11, '10.0.3.17');
    await write('2026-06-01 09:00:00', nurse, 'patient.find', null, '10.0.3.17');
    await write('2026-06-02 10:00:00', head, 'patient.view', 12, '10.0.4.2');
    await write('2026-06-03 23:59:59', nurse, 'login', null, 'ward-pc-3');
    await write('2026-06-04 00:00:00', null, 'login_failed', null, '10.0.3.170');
    await write('2026-06-05 12:00:00', nurse, 'patient_view', 11, '10.0.3.17'); // an underscore, not a dot
    await sealAudit(store.knex, clock);
    await write('2026-06-06 12:00:00', nurse, 'patient.view', 11, '10.0.3.17'); // not sealed yet
    clock.set('2026-06-30 09:00:00');
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const ids = (r: { rows: { id: number }[] }) => r.rows.map((x) => x.id);

  it('filters by dates, user, action, patient and address, newest first, and audits each search', async () => {
    const all = await call(admin, 'audit.search', {});
    expect(all.total).toBe(7);
    expect(ids(all)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(all.rows[0]).toMatchObject({
      id: 7,
      at: '2026-06-06 12:00:00',
      userId: nurse.id,
      username: 'nurse1',
      action: 'patient.view',
      patientId: 11,
      address: '10.0.3.17',
      sealed: false,
    });
    expect(all.rows[1].sealed).toBe(true);
    expect(ids(await call(admin, 'audit.search', { from: '2026-06-02', to: '2026-06-03' }))).toEqual([4, 3]);
    expect(ids(await call(admin, 'audit.search', { username: 'head1' }))).toEqual([3]);
    // "Starts with", and _ is a letter, not a wildcard.
    expect(ids(await call(admin, 'audit.search', { action: 'patient.' }))).toEqual([7, 3, 2, 1]);
    expect(ids(await call(admin, 'audit.search', { action: 'patient_' }))).toEqual([6]);
    expect(ids(await call(admin, 'audit.search', { action: 'login' }))).toEqual([5, 4]);
    expect(ids(await call(admin, 'audit.search', { patientId: 11, address: '10.0.3.17' }))).toEqual([7, 6, 1]);
    expect(ids(await call(admin, 'audit.search', { address: '10.0.3.1' }))).toEqual([7, 6, 5, 2, 1]);

    const searches = await store.knex('audit_log').where({ action: 'audit.search' }).orderBy('id').select('user_id', 'patient_id', 'detail');
    expect(searches).toHaveLength(8);
    expect(searches.every((r: { user_id: number }) => r.user_id === admin.id)).toBe(true);
    const byPatient = searches.find((r: { patient_id: number | null }) => r.patient_id === 11);
    expect(JSON.parse(byPatient.detail)).toMatchObject({ patientId: 11, address: '10.0.3.17', total: 3 });
  });

  it('pages newest first', async () => {
    const filter = { to: '2026-06-06' };
    const p1 = await call(admin, 'audit.search', { ...filter, page: 1, pageSize: 3 });
    const p3 = await call(admin, 'audit.search', { ...filter, page: 3, pageSize: 3 });
    expect({ total: p1.total, page: p1.page, ids: ids(p1) }).toEqual({ total: 7, page: 1, ids: [7, 6, 5] });
    expect(ids(p3)).toEqual([1]);
    await expect(call(admin, 'audit.search', { pageSize: 500 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('is for admins only, and so is its export', async () => {
    await expect(call(head, 'audit.search', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(nurse, 'audit.verify')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(head, 'exports.start', { kind: 'audit', format: 'csv', params: {} })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('exports the same filter, newest first, and the export start is audited', async () => {
    const service = exportService({ knex: store.knex, clock, dataDir, events: new EventBus(), jobs: new JobRunner(), library: shippedLibrary() });
    const { exportId, done } = await service.start(admin, { kind: 'audit', format: 'csv', params: { action: 'patient.', address: '10.0.3.17' } });
    expect((await done).status).toBe('done');
    const { file } = await exportFileFor(store.knex, dataDir, admin, exportId);
    const rows = parseCsv(fs.readFileSync(file, 'utf8'));
    const header = rows.findIndex((r) => r[0] === '记录号');
    expect(rows[header]).toEqual(['记录号', '时间', '用户', '操作', '患者编号', '来源', '详情', '已封存']);
    expect(rows.slice(header + 1).map((r) => [r[0], r[3], r[7]])).toEqual([
      ['7', 'patient.view', '否'],
      ['2', 'patient.find', '是'],
      ['1', 'patient.view', '是'],
    ]);
    const started = await store.knex('audit_log').where({ action: 'export.start' }).first();
    expect(JSON.parse(started.detail)).toMatchObject({ kind: 'audit', filters: { 操作: 'patient.', 来源: '10.0.3.17' } });
  });

  it('verifies the chain for an admin and audits the check', async () => {
    await sealAudit(store.knex, clock);
    const r = await call(admin, 'audit.verify');
    expect(r).toMatchObject({ ok: true, unsealed: 0, problemCount: 0 });
    expect(r.sealed).toBeGreaterThan(7);
    const last = await store.knex('audit_log').orderBy('id', 'desc').first();
    expect(last.action).toBe('audit.verify');
    expect(JSON.parse(last.detail)).toMatchObject({ ok: true, sealed: r.sealed, head: r.head });
  });
});
