import type { HisRow } from '../sources/types';
import type { IdNumberProblem } from '../../../shared/id-number-problem';
import { parseIdNumber } from '../normalise/id-number';
import { problemOf } from '../normalise/id-problem';
import { parseDate, parseWallClock } from '../normalise/dates';
import { normalisePhone, type NormalisedPhone } from '../normalise/phones';
import { namePinyin } from '../normalise/pinyin';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import { resolveMerges } from './merges';
import { forgetFixedWarnings, idNumberWarning, MALFORMED_PHONE } from './patient-warnings';
import type { BatchResult, EntityContext, EntityHandler, Rejection } from './types';
import { emptyResult, keyOf, mapped, noteInserted, rowHash, storedCandidates, str } from './types';

export interface PatientRecord {
  sourceId: string;
  name: string;
  genderCode: string;
  birthDate: string | null;
  idNumber: string | null;
  idKind: string | null;
  idValid: number;
  idProblem: IdNumberProblem | null;
  /** Phone columns that could not be dialled (listed as phone problems, the patient still loads). */
  badPhones: string[];
  address: string | null;
  needsReview: number;
  updatedAt: string | null;
  phones: (NormalisedPhone & { role: 'self' | 'contact'; contactName: string | null; relation: string | null })[];
}

// '?' and private-use characters mark 生僻字 lost in a CP936 HIS: a person must check them.
const needsReview = (name: string) => (/[?\uE000-\uF8FF]/.test(name) ? 1 : 0);

export function normalisePatient(row: HisRow, ctx: EntityContext, entity: 'patients' | 'checkups', rejections: Rejection[]): PatientRecord | null {
  const key = str(row, 'source_patient_id');
  const reject = (reason: string, detail?: string) => {
    rejections.push({ entity, key: keyOf(row, entity === 'patients' ? 'source_patient_id' : 'source_checkup_id', 'name'), reason, detail, raw: row });
    return null;
  };
  const name = str(row, 'name');
  if (!key) return reject('missing key');
  if (!name) return reject('missing name');
  const gender = mapped(ctx, entity, 'gender', row.gender);
  if ('unmapped' in gender) return reject('unmapped gender', gender.unmapped);
  const id = parseIdNumber(str(row, 'id_number'));
  let birthDate = parseDate(row.birth_date);
  if (str(row, 'birth_date') && !birthDate) return reject('bad birth date', str(row, 'birth_date') ?? '');
  if (!birthDate && id?.valid) birthDate = id.birthDate;
  const phones: PatientRecord['phones'] = [];
  const badPhones: string[] = [];
  const addPhone = (col: string, role: 'self' | 'contact', contactName: string | null, relation: string | null) => {
    const p = normalisePhone(row[col]);
    if (p === 'invalid') {
      badPhones.push(col);
      rejections.push({ entity: 'phones', key: `${key}/${col}`, reason: MALFORMED_PHONE, detail: String(row[col]), raw: row });
    } else if (p && !phones.some((x) => x.number === p.number)) phones.push({ ...p, role, contactName, relation });
  };
  addPhone('phone', 'self', null, null);
  addPhone('landline', 'self', null, null);
  addPhone('contact_phone', 'contact', str(row, 'contact_name'), str(row, 'contact_relation'));
  const idProblem = problemOf(id);
  if (idProblem) rejections.push(idNumberWarning(row, key, idProblem));
  return {
    sourceId: key,
    name,
    genderCode: gender.value ?? '0',
    birthDate,
    idNumber: id?.normalized ?? null,
    idKind: id?.kind ?? null,
    idValid: id?.valid ? 1 : 0,
    idProblem,
    badPhones,
    address: str(row, 'address'),
    needsReview: needsReview(name),
    updatedAt: parseWallClock(row.source_updated_at),
    phones,
  };
}

const hashOf = (p: PatientRecord) =>
  rowHash([
    p.name,
    p.genderCode,
    p.birthDate,
    p.idNumber,
    p.idValid,
    p.address,
    p.needsReview,
    ...p.phones.flatMap((x) => [x.number, x.role, x.contactName, x.relation]),
  ]);

/** Inserts or updates patients; returns their store ids by source id. */
export async function writePatients(q: Q, ctx: EntityContext, records: PatientRecord[], result: BatchResult): Promise<Map<string, number>> {
  // A key twice in a batch: the last row wins, and the other counts as read but not written.
  const byKey = new Map(records.map((r) => [r.sourceId, r]));
  result.unchanged += records.length - byKey.size;
  const existing = new Map(
    (
      await selectIn<{ source_patient_id: string; id: number; row_hash: string }>(
        q,
        'select source_patient_id, id, row_hash from patients where source_system = ? and source_patient_id in',
        [ctx.sourceSystem],
        storedCandidates(ctx, [...byKey.keys()]),
      )
    ).map((r) => [r.source_patient_id, r]),
  );
  const inserts: unknown[][] = [];
  const updates: unknown[][] = [];
  const changed: PatientRecord[] = [];
  for (const p of byKey.values()) {
    const hash = hashOf(p);
    const old = existing.get(p.sourceId);
    if (old && old.row_hash === hash) {
      result.unchanged++;
      continue;
    }
    const py = namePinyin(p.name);
    const values = [
      p.name,
      py.initials,
      py.full,
      p.genderCode,
      p.birthDate,
      p.idNumber,
      p.idKind,
      p.idValid,
      p.idProblem,
      p.address,
      p.needsReview,
      hash,
      p.updatedAt,
      ctx.now,
    ];
    if (old) {
      updates.push([...values, old.id]);
      result.updated++;
    } else {
      inserts.push([...values, ctx.sourceSystem, p.sourceId, ctx.now]);
      result.inserted++;
    }
    changed.push(p);
  }
  await q.runMany(
    `insert into patients (name, name_initials, name_pinyin, gender_code, birth_date, id_number, id_number_kind, id_number_valid,
      id_number_problem, address, needs_review, row_hash, source_updated_at, last_synced_at, source_system, source_patient_id, first_seen_at)
     values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    inserts,
  );
  await q.runMany(
    `update patients set name=?, name_initials=?, name_pinyin=?, gender_code=?, birth_date=?, id_number=?, id_number_kind=?,
      id_number_valid=?, id_number_problem=?, address=?, needs_review=?, row_hash=?, source_updated_at=?, last_synced_at=? where id = ?`,
    updates,
  );
  noteInserted(
    ctx,
    inserts.map((v) => v[15] as string),
  );
  const ids = new Map([...existing.values()].map((r) => [r.source_patient_id, r.id]));
  const fresh = inserts.length
    ? await selectIn<{ source_patient_id: string; id: number }>(
        q,
        'select source_patient_id, id from patients where source_system = ? and source_patient_id in',
        [ctx.sourceSystem],
        changed.filter((p) => !existing.has(p.sourceId)).map((p) => p.sourceId),
      )
    : [];
  for (const r of fresh) ids.set(r.source_patient_id, r.id);
  await forgetFixedWarnings(q, ctx, changed);
  await writePhones(
    q,
    changed.map((p) => ({ patientId: ids.get(p.sourceId)!, phones: p.phones, existed: existing.has(p.sourceId) })),
  );
  return ids;
}

async function writePhones(q: Q, owners: { patientId: number; phones: PatientRecord['phones']; existed: boolean }[]): Promise<void> {
  await q.runMany(
    `insert into phones (patient_id, number, kind, role, contact_name, relation, source) values (?,?,?,?,?,?, 'his')
     on conflict (patient_id, number) do update set kind = excluded.kind, role = excluded.role,
       contact_name = excluded.contact_name, relation = excluded.relation`,
    owners.flatMap((o) => o.phones.map((ph) => [o.patientId, ph.number, ph.kind, ph.role, ph.contactName, ph.relation])),
  );
  // A number the HIS no longer lists goes, unless a nurse has already called it.
  for (const o of owners.filter((x) => x.existed)) {
    const keep = o.phones.map((p) => p.number);
    await q.run(
      `delete from phones where patient_id = ? and source = 'his' and success_count = 0 and fail_count = 0
       and number not in (${keep.map(() => '?').join(',') || "''"})`,
      [o.patientId, ...keep],
    );
  }
}

export const patients: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    const records = rows.map((r) => normalisePatient(r, ctx, 'patients', result.rejections)).filter((r): r is PatientRecord => r !== null);
    await writePatients(q, ctx, records, result);
    // A merge read before its records (an earlier run) takes effect once they arrive; on a
    // first load no link exists yet.
    if (!ctx.firstLoad) await resolveMerges(q, ctx, new Set(records.map((r) => r.sourceId)));
    return result;
  },
};
