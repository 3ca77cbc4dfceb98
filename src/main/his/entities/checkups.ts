import { parseIdNumber } from '../normalise/id-number';
import { parseDate } from '../normalise/dates';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import { cachedDepartments, patientIds } from './lookups';
import { writeEncounters, type EncounterRecord } from './encounters';
import { normalisePatient, writePatients, type PatientRecord } from './patients';
import type { BatchResult, EntityContext, EntityHandler } from './types';
import { dateRejection, emptyResult, keyOf, mapped, shown, str } from './types';

// A PEIS has its own archive numbers: link a checkup to the HIS patient by patient id when the
// view has one, else by a valid ID number, else keep the client as a patient of its own.
async function linkPatients(q: Q, ctx: EntityContext, rows: HisRow[], result: BatchResult): Promise<Map<HisRow, number>> {
  const byPid = await patientIds(
    q,
    ctx,
    rows.map((r) => str(r, 'source_patient_id') ?? ''),
  );
  const idNumbers = rows
    .map((r) => parseIdNumber(str(r, 'id_number')))
    .filter((p) => p?.valid)
    .map((p) => p!.normalized);
  const byIdNumber = new Map(
    // Filtered in JS: a source_system condition here makes SQLite pick the wrong index.
    (
      await selectIn<{ id_number: string; id: number; source_system: string; status: string }>(
        q,
        'select id_number, id, source_system, status from patients where id_number in',
        [],
        idNumbers,
      )
    )
      .filter((r) => r.source_system === ctx.sourceSystem && r.status !== 'merged')
      .map((r) => [r.id_number, r.id]),
  );
  const links = new Map<HisRow, number>();
  const newcomers: { row: HisRow; rec: PatientRecord }[] = [];
  for (const row of rows) {
    const pid = byPid.get(str(row, 'source_patient_id') ?? '');
    const idn = parseIdNumber(str(row, 'id_number'));
    const linked = pid ?? (idn?.valid ? byIdNumber.get(idn.normalized) : undefined);
    if (linked) {
      links.set(row, linked);
      continue;
    }
    const tjh = str(row, 'source_checkup_id');
    if (!tjh) continue;
    const rec = normalisePatient({ ...row, source_patient_id: `peis:${tjh}`, source_updated_at: null }, ctx, 'checkups', result.rejections);
    if (rec) newcomers.push({ row, rec });
  }
  const counts = emptyResult();
  const ids = await writePatients(
    q,
    ctx,
    newcomers.map((n) => n.rec),
    counts,
  );
  result.rejections.push(...counts.rejections);
  for (const n of newcomers) links.set(n.row, ids.get(n.rec.sourceId)!);
  return links;
}

export const checkups: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    const depts = await cachedDepartments(q, ctx);
    const links = await linkPatients(q, ctx, rows, result);
    const records: EncounterRecord[] = [];
    for (const row of rows) {
      const reject = (reason: string, detail?: string) =>
        result.rejections.push({ entity: 'checkups', key: keyOf(row, 'source_checkup_id', 'name'), reason, detail, raw: row });
      const key = str(row, 'source_checkup_id');
      if (!key) {
        reject('missing key');
        continue;
      }
      const patientId = links.get(row);
      if (!patientId) continue; // normalisePatient already recorded why
      const date = parseDate(row.checkup_date);
      if (!date) {
        reject(...dateRejection('checkup', row.checkup_date));
        continue;
      }
      const cancelled = mapped(ctx, 'checkups', 'person_status', row.person_status);
      const status = mapped(ctx, 'checkups', 'status', row.status);
      if ('unmapped' in status || !status.value) {
        reject('unmapped status', shown(row.status));
        continue;
      }
      if ('unmapped' in cancelled) {
        reject('unmapped person status', cancelled.unmapped);
        continue;
      }
      const deptName = str(row, 'dept_name');
      records.push({
        sourceId: key,
        cols: {
          patient_id: patientId,
          encounter_no: key,
          dept_id: deptName ? (depts.byName.get(deptName) ?? null) : null,
          event_date: date,
          event_time: `${date} 00:00:00`,
          package_name: str(row, 'package_name'),
          summary: str(row, 'summary'),
          status: cancelled.value === 'cancelled' ? 'cancelled' : status.value,
          source_status_raw: str(row, 'status'),
          critical_count: Number(row.critical_count) || 0,
          abnormal_count: Number(row.abnormal_count) || 0,
        },
      });
    }
    const written = await writeEncounters(q, ctx, 'checkup', records, result);
    // When a critical value was first seen: its notification deadline counts from it when the
    // HIS gives no report time. Set once, by the run that first sees the checkup with one.
    await q.runMany(
      "update encounters set critical_seen_at = ? where source_system = ? and kind = 'checkup' and source_id = ? and critical_seen_at is null",
      written.filter((w) => w.change !== 'unchanged' && Number(w.cols.critical_count) > 0).map((w) => [ctx.now, ctx.sourceSystem, w.sourceId]),
    );
    return result;
  },
};
