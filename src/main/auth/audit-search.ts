import type { Knex } from 'knex';
import type { AuditEntry, AuditFilter } from '../../shared/contract/audit';

// The admin's search of the audit log, newest first; the 'audit' export reads the same filter.

/** `value` matched literally at the start: % and _ in it are not wildcards. */
const startsWith = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** audit_log as `a` (with its seal as `s`, if any) narrowed by the filter. */
export function auditQuery(knex: Knex, f: AuditFilter): Knex.QueryBuilder {
  const q = knex('audit_log as a').leftJoin('audit_seal as s', 's.audit_id', 'a.id');
  if (f.from) q.where('a.at', '>=', `${f.from} 00:00:00`);
  if (f.to) q.where('a.at', '<=', `${f.to} 23:59:59`);
  if (f.username) q.where('a.username', f.username);
  if (f.action) q.whereRaw("a.action like ? escape '\\'", [startsWith(f.action)]);
  if (f.patientId) q.where('a.patient_id', f.patientId);
  if (f.address) q.whereRaw("a.address like ? escape '\\'", [startsWith(f.address)]);
  return q;
}

export const AUDIT_COLUMNS = ['a.id', 'a.at', 'a.user_id', 'a.username', 'a.action', 'a.patient_id', 'a.detail', 'a.address', 's.seq'];

export function toEntry(r: Record<string, unknown>): AuditEntry {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    at: String(r.at),
    userId: num(r.user_id),
    username: (r.username as string | null) ?? null,
    action: String(r.action),
    patientId: num(r.patient_id),
    detail: (r.detail as string | null) ?? null,
    address: (r.address as string | null) ?? null,
    sealed: r.seq !== null && r.seq !== undefined,
  };
}

export async function searchAudit(
  knex: Knex,
  f: AuditFilter & { page: number; pageSize: number },
): Promise<{ total: number; page: number; pageSize: number; rows: AuditEntry[] }> {
  const [{ n }] = await auditQuery(knex, f).count({ n: '*' });
  const rows = await auditQuery(knex, f)
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .select(AUDIT_COLUMNS);
  return { total: Number(n), page: f.page, pageSize: f.pageSize, rows: rows.map(toEntry) };
}
