import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditProblem, AuditVerifyResult } from '../../shared/contract/audit';
import { beijingTimestamp, type Clock } from '../util/clock';

// The audit log's hash chain. Rows are inserted as they always were, by many workstations at
// once; sealing them is one writer's job at a time (PostgreSQL: an advisory lock held for the
// sealing transaction; SQLite: its one write transaction), so no audited request waits for it.
// Each seal names one row: hash = sha256(prev_hash, "\n", the row's columns as canonical JSON).
// Seals follow the order they were made in, which may differ from id order where a lower id
// committed late; they are never rewritten.

export const GENESIS = '0'.repeat(64);
/** Rows one sealing transaction takes. */
const BATCH = 500;
/**
 * How far below the newest sealed id a pass looks for rows whose transaction committed after a
 * higher id was sealed. Audited requests commit within seconds, far fewer rows than this; the
 * start-up pass looks at the whole log.
 */
export const LOOKBACK_IDS = 10_000;
/** pg_advisory_xact_lock key of the audit sealer. */
const LOCK_KEY = 7_401_240_024;

const COLUMNS = ['id', 'at', 'user_id', 'username', 'action', 'patient_id', 'detail', 'address'] as const;
type AuditRow = Record<(typeof COLUMNS)[number], unknown>;

const isPg = (knex: Knex) => /^(pg|postgres)/.test(String(knex.client.config.client));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The row as hashed: every column, in a fixed order, the same text on SQLite and PostgreSQL. A new audit_log column must be added here (and old seals then verified with the old form). */
export function canonicalRow(r: AuditRow): string {
  return JSON.stringify({
    id: Number(r.id),
    at: str(r.at),
    user_id: num(r.user_id),
    username: str(r.username),
    action: str(r.action),
    patient_id: num(r.patient_id),
    detail: str(r.detail),
    address: str(r.address),
  });
}

export const sealHash = (prevHash: string, row: AuditRow): string =>
  createHash('sha256')
    .update(`${prevHash}\n${canonicalRow(row)}`)
    .digest('hex');

/** One transaction: the unsealed rows above `low` (default: the look-back window), in id order, sealed onto the chain. */
async function sealBatch(knex: Knex, clock: Clock, low: number | null, wait: boolean): Promise<{ sealed: number; lastId: number; full: boolean; busy?: true }> {
  return knex.transaction(async (trx) => {
    if (isPg(trx) && wait) await trx.raw('select pg_advisory_xact_lock(?)', [LOCK_KEY]);
    else if (isPg(trx)) {
      const { rows } = await trx.raw('select pg_try_advisory_xact_lock(?) as ok', [LOCK_KEY]);
      if (!rows[0].ok) return { sealed: 0, lastId: low ?? 0, full: false, busy: true };
    }
    const tail = (await trx('audit_seal').orderBy('seq', 'desc').first('seq', 'hash')) as { seq: number; hash: string } | undefined;
    const from = low ?? Math.max(0, Number((await trx('audit_seal').max({ m: 'audit_id' }))[0].m ?? 0) - LOOKBACK_IDS);
    const rows = (await trx('audit_log as a')
      .where('a.id', '>', from)
      .whereNotExists((q) => q.select(trx.raw('1')).from('audit_seal as s').whereRaw('s.audit_id = a.id').where('s.audit_id', '>', from))
      .orderBy('a.id')
      .limit(BATCH)
      .select(COLUMNS.map((c) => `a.${c}`))) as AuditRow[];
    let seq = Number(tail?.seq ?? 0);
    let prev = tail?.hash ?? GENESIS;
    const sealedAt = beijingTimestamp(clock.now());
    const seals = rows.map((r) => {
      const hash = sealHash(prev, r);
      const seal = { seq: ++seq, audit_id: Number(r.id), prev_hash: prev, hash, sealed_at: sealedAt };
      prev = hash;
      return seal;
    });
    if (seals.length) await trx('audit_seal').insert(seals);
    return { sealed: seals.length, lastId: seals.at(-1)?.audit_id ?? from, full: rows.length === BATCH };
  });
}

/** `wait: false` and another workstation is sealing: it seals what is there now; try again later. */
export class SealerBusy extends Error {}

/**
 * Seals every unsealed row (within the look-back window; `sweep`: the whole log), a batch per
 * transaction. Idempotent, and a crash loses only the open batch, which the next pass redoes.
 */
export async function sealAudit(knex: Knex, clock: Clock, opts: { sweep?: boolean; wait?: boolean } = {}): Promise<number> {
  let low: number | null = opts.sweep ? 0 : null;
  let total = 0;
  for (;;) {
    const r = await sealBatch(knex, clock, low, opts.wait ?? true);
    total += r.sealed;
    if (r.busy) throw new SealerBusy();
    if (!r.full) return total;
    // Everything unsealed up to the batch's last id is sealed now: go on from there.
    low = r.lastId;
  }
}

const PAGE = 1000;
const MAX_LISTED = 20;

function problemOf(kind: AuditProblem['kind'], seq: number, auditId: number | null, from?: number): AuditProblem {
  const message = {
    edited: `审计记录 #${auditId} 已被修改（第 ${seq} 号封存的散列不符） (audit row ${auditId} was changed: seal ${seq} does not match it)`,
    deleted: `审计记录 #${auditId} 已被删除（第 ${seq} 号封存找不到该记录） (audit row ${auditId} was deleted: seal ${seq} finds no such row)`,
    seal_missing: `第 ${from}–${seq - 1} 号封存已被删除，其审计记录无法核对 (seals ${from} to ${seq - 1} were deleted; their audit rows cannot be checked)`,
    chain_broken: `第 ${seq} 号封存与前一号不相连，封存被删除或改动过 (seal ${seq} does not follow from the one before it: a seal was deleted or changed)`,
  }[kind];
  return { kind, seq, auditId, message };
}

type SealJoin = { seq: number; audit_id: number; prev_hash: string; hash: string; row_id: number | null } & AuditRow;

/** Walks the seals in order, recomputing each hash; names the edited and deleted rows and the missing seals. Reads only. */
export async function verifyAuditChain(knex: Knex): Promise<AuditVerifyResult> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount++;
    if (problems.length < MAX_LISTED) problems.push(p);
  };
  let expectSeq = 1;
  let prevHash = GENESIS;
  let sealed = 0;
  let head: AuditVerifyResult['head'] = null;
  for (;;) {
    const page = (await knex('audit_seal as s')
      .leftJoin('audit_log as a', 'a.id', 's.audit_id')
      .where('s.seq', '>=', expectSeq)
      .orderBy('s.seq')
      .limit(PAGE)
      .select('s.seq', 's.audit_id', 's.prev_hash', 's.hash', 'a.id as row_id', ...COLUMNS.filter((c) => c !== 'id').map((c) => `a.${c}`))) as SealJoin[];
    for (const s of page) {
      const seq = Number(s.seq);
      const auditId = Number(s.audit_id);
      if (seq !== expectSeq) report(problemOf('seal_missing', seq, null, expectSeq));
      else if (s.prev_hash !== prevHash) report(problemOf('chain_broken', seq, auditId));
      if (s.row_id === null || s.row_id === undefined) report(problemOf('deleted', seq, auditId));
      else if (sealHash(s.prev_hash, { ...s, id: auditId }) !== s.hash) report(problemOf('edited', seq, auditId));
      prevHash = s.hash;
      expectSeq = seq + 1;
      sealed++;
      head = { seq, hash: s.hash };
    }
    if (page.length < PAGE) break;
  }
  const [{ n }] = await knex('audit_log as a')
    .whereNotExists((q) => q.select(knex.raw('1')).from('audit_seal as s').whereRaw('s.audit_id = a.id'))
    .count({ n: '*' });
  const unsealed = Number(n);
  const ok = problemCount === 0;
  const message = ok
    ? `审计链完整：已核对 ${sealed} 条封存，另有 ${unsealed} 条记录尚未封存 (the audit chain is intact: ${sealed} seals checked, ${unsealed} rows not sealed yet)`
    : problems[0].message;
  return { ok, sealed, unsealed, head, problems, problemCount, message };
}
