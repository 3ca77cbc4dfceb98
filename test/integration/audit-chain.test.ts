import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/main/auth/audit';
import { sealAudit, verifyAuditChain } from '../../src/main/auth/audit-chain';
import { AuditSealer } from '../../src/main/auth/audit-sealer';
import type { Store } from '../../src/main/store/store';
import { main } from '../../src/cli/main';
import { createApp } from '../../src/main/app';
import { loadConfig } from '../../src/main/config';
import { fixedClock } from '../helpers/his';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// The audit log is append-only and hash-chained: rows are sealed by a background sealer within
// moments; triggers refuse UPDATE and DELETE; and when an owner drops the triggers and edits or
// deletes a row anyway, `audit verify` (CLI and method) names it.

const clock = fixedClock('2026-06-30 09:00:00');
const nurse = { id: 0, username: 'nurse1', displayName: '护士', role: 'nurse' as const };
const unsealed = async (store: Store) =>
  Number(
    (
      await store
        .knex('audit_log as a')
        .whereNotExists((q) => q.select(store.knex.raw('1')).from('audit_seal as s').whereRaw('s.audit_id = a.id'))
        .count({ n: '*' })
    )[0].n,
  );

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What someone with the database owner's rights can do: the triggers go. */
async function dropGuards(store: Store): Promise<void> {
  for (const table of ['audit_log', 'audit_seal'])
    if (store.dialect === 'pg') await store.knex.raw(`drop trigger ${table}_append_only on ${table}`);
    else for (const op of ['update', 'delete']) await store.knex.raw(`drop trigger ${table}_no_${op}`);
}

/** `followup audit verify --data dir`, in this process: exit code and what it printed. */
async function cliVerify(t: TestStore): Promise<{ code: number; out: string }> {
  const dir = tempDir('audit-cli');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ store: t.config }));
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  const err = vi.spyOn(console, 'error').mockImplementation((s: string) => void lines.push(s));
  try {
    const code = await main(['node', 'followup', 'audit', 'verify', '--data', dir]);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(STORE_KINDS)('audit hash chain on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('seals rows within moments of their writing, also those written in a transaction, and verifies the chain', async () => {
    const sealer = new AuditSealer(store.knex, clock, (m) => logs.push(m), 30).start();
    for (let i = 1; i <= 5; i++) await audit(store.knex, clock, { user: nurse, address: '10.0.0.5' }, 'patient.view', i, { i });
    await store.knex.transaction(async (trx) => audit(trx, clock, nurse, 'followup.complete', 6, { note: '"引号" and \\ backslash' }));
    await until(async () => (await unsealed(store)) === 0);
    await sealer.close();
    const r = await verifyAuditChain(store.knex);
    expect(r).toMatchObject({ ok: true, sealed: 6, unsealed: 0, problemCount: 0, head: { seq: 6 } });
    expect(r.message).toMatch(/^审计链完整.*\(the audit chain is intact: 6 seals checked, 0 rows not sealed yet\)$/);
    expect(logs).toEqual([]);
    // Sealing again changes nothing.
    expect(await sealAudit(store.knex, clock, { sweep: true })).toBe(0);
    expect((await cliVerify(t)).code).toBe(0);
  });

  it('refuses to change or delete audit rows and seals', async () => {
    const refused = /审计日志只能追加.*append-only/;
    await expect(store.knex('audit_log').where({ id: 1 }).update({ action: 'nothing' })).rejects.toThrow(refused);
    await expect(store.knex('audit_log').where({ id: 1 }).delete()).rejects.toThrow(refused);
    await expect(store.knex('audit_seal').where({ seq: 1 }).update({ hash: 'x' })).rejects.toThrow(refused);
    await expect(store.knex('audit_seal').where({ seq: 1 }).delete()).rejects.toThrow(refused);
    if (kind === 'pg') await expect(store.knex.raw('truncate audit_log')).rejects.toThrow(refused);
    expect((await verifyAuditChain(store.knex)).ok).toBe(true);
  });

  it('names an edited row, a deleted row and deleted seals once the triggers are dropped', async () => {
    // The CLI's own audit rows (one per verify) are sealed along with the rest.
    await sealAudit(store.knex, clock);
    await dropGuards(store);
    const before = await store.knex('audit_log').where({ id: 3 }).first();
    await store.knex('audit_log').where({ id: 3 }).update({ patient_id: 99 });
    let r = await verifyAuditChain(store.knex);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'edited', seq: 3, auditId: 3 })]);
    expect(r.message).toBe('审计记录 #3 已被修改（第 3 号封存的散列不符） (audit row 3 was changed: seal 3 does not match it)');
    const cli = await cliVerify(t);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/审计记录 #3 已被修改.*\(audit row 3 was changed/);

    // Put back exactly as it was, the row verifies again: the hash covers its values, nothing else.
    await store.knex('audit_log').where({ id: 3 }).update(before);
    expect((await verifyAuditChain(store.knex)).ok).toBe(true);

    await store.knex('audit_log').where({ id: 5 }).delete();
    r = await verifyAuditChain(store.knex);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: 5, auditId: 5 })]);
    expect(r.message).toMatch(/^审计记录 #5 已被删除.*\(audit row 5 was deleted: seal 5 finds no such row\)$/);

    // Deleting the row's seal too leaves a gap in the chain.
    await store.knex('audit_seal').where({ seq: 5 }).delete();
    r = await verifyAuditChain(store.knex);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'seal_missing', seq: 6 })]);
    expect(r.message).toMatch(/\(seals 5 to 5 were deleted/);
  });
});

describe.each(STORE_KINDS)('audit sealing from two connections on %s', (kind) => {
  let t: TestStore;
  let a: Store, b: Store;
  beforeAll(async () => {
    t = await createTestStore(kind);
    a = await t.open();
    b = await t.open();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('seals every row exactly once, in one valid chain, while both write and seal at once', async () => {
    const logs: string[] = [];
    const sealers = [a, b].map((s) => new AuditSealer(s.knex, clock, (m) => logs.push(m), 5).start());
    const writes = (s: Store, who: string) =>
      Array.from({ length: 60 }, (_, i) =>
        i % 3 ? audit(s.knex, clock, nurse, `test.${who}`, i, null) : s.knex.transaction((trx) => audit(trx, clock, nurse, `test.${who}`, i, { trx: true })),
      );
    // Explicit passes alongside the sealers' own, so that passes of both connections overlap.
    const passes = Array.from({ length: 6 }, (_, i) => sealAudit((i % 2 ? a : b).knex, clock));
    await Promise.all([...writes(a, 'a'), ...writes(b, 'b'), ...passes]);
    await Promise.all(sealers.map((s) => s.close()));
    expect(logs).toEqual([]);
    const [{ rows, seals, ids }] = await a.knex
      .raw(
        kind === 'pg'
          ? 'select (select count(*)::int from audit_log) as rows, count(*)::int as seals, count(distinct audit_id)::int as ids from audit_seal'
          : 'select (select count(*) from audit_log) as rows, count(*) as seals, count(distinct audit_id) as ids from audit_seal',
      )
      .then((r: any) => (kind === 'pg' ? r.rows : r));
    expect({ rows, seals, ids }).toEqual({ rows: 120, seals: 120, ids: 120 });
    expect(await verifyAuditChain(a.knex)).toMatchObject({ ok: true, sealed: 120, unsealed: 0 });
  });

  it.runIf(kind === 'pg')('seals a row whose transaction commits after higher ids were sealed', async () => {
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const slow = a.knex.transaction(async (trx) => {
      await audit(trx, clock, nurse, 'test.slow', null, null);
      wrote();
      await held;
    });
    await written;
    await audit(b.knex, clock, nurse, 'test.quick', null, null);
    await sealAudit(b.knex, clock);
    expect(await unsealed(a)).toBe(0); // the slow row is not visible yet
    commit();
    await slow;
    expect(await unsealed(a)).toBe(1);
    expect(await sealAudit(b.knex, clock)).toBe(1);
    const seals = await a.knex('audit_seal').orderBy('seq', 'desc').limit(2).select('audit_id');
    expect(seals[0].audit_id).toBeLessThan(seals[1].audit_id);
    expect(await verifyAuditChain(a.knex)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('a workstation seals the rows its requests write, within seconds, without being asked', async () => {
    const dir = tempDir('audit-app');
    const logs: string[] = [];
    const app = await createApp({ ...loadConfig(dir, {}), store: t.config }, { clock, log: (m) => logs.push(m) });
    try {
      await audit(app.store.knex, clock, nurse, 'test.app', 1, null);
      await app.store.knex.transaction((trx) => audit(trx, clock, nurse, 'test.app', 2, null));
      await until(async () => (await unsealed(a)) === 0);
      expect(await verifyAuditChain(a.knex)).toMatchObject({ ok: true, unsealed: 0 });
      expect(logs.filter((m) => /audit/.test(m))).toEqual([]);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
