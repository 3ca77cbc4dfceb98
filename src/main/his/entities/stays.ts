import { isDischarged, isStayState } from '../../../shared/stay-status';
import { parseWallClock } from '../normalise/dates';
import { parseIcdCode } from '../normalise/icd';
import type { HisRow } from '../sources/types';
import type { Q } from '../sync-db';
import { selectIn } from '../sync-db';
import { cachedDepartments, forgetWritten, patientIds } from './lookups';
import { writeEncounters, type EncounterRecord } from './encounters';
import type { BatchResult, EntityContext, EntityHandler } from './types';
import { dateRejection, emptyResult, keyOf, mapped, rowHash, shown, storedCandidates, str } from './types';

const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';

/**
 * Cancellations that carry no usable dates (vendors often clear 出院日期 when they cancel a
 * discharge): the stored stay turns cancelled and keeps its dates; one never stored is nothing
 * to show. The hash changes too, so a later reinstatement with the old values is written again.
 */
async function cancelStored(q: Q, ctx: EntityContext, rows: { key: string; raw: string | null }[], result: BatchResult) {
  if (!rows.length) return;
  const stored = new Map(
    (
      await selectIn<{ source_id: string; id: number; status: string }>(
        q,
        "select source_id, id, status from encounters where source_system = ? and kind = 'inpatient' and source_id in",
        [ctx.sourceSystem],
        storedCandidates(ctx, [...new Set(rows.map((r) => r.key))]),
      )
    ).map((r) => [r.source_id, r]),
  );
  for (const r of rows) {
    const old = stored.get(r.key);
    if (!old || old.status === 'cancelled') {
      result.unchanged++;
      continue;
    }
    await q.run("update encounters set status = 'cancelled', source_status_raw = ?, row_hash = ?, last_synced_at = ? where id = ?", [
      r.raw,
      rowHash(['cancelled', r.raw]),
      ctx.now,
      old.id,
    ]);
    old.status = 'cancelled';
    forgetWritten(ctx, 'inpatient', [r.key]);
    result.updated++;
  }
}

export const inpatientStays: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    const depts = await cachedDepartments(q, ctx);
    const patients = await patientIds(
      q,
      ctx,
      rows.map((r) => str(r, 'source_patient_id') ?? ''),
    );
    const records: EncounterRecord[] = [];
    const cancellations: { key: string; raw: string | null }[] = [];
    for (const row of rows) {
      const reject = (reason: string, detail?: string) =>
        result.rejections.push({ entity: 'inpatient_stays', key: keyOf(row, 'source_stay_id', 'inpatient_no'), reason, detail, raw: row });
      const key = str(row, 'source_stay_id');
      if (!key) {
        reject('missing key');
        continue;
      }
      // The state first: a cancellation is one whatever the date columns say.
      const status = mapped(ctx, 'inpatient_stays', 'status', row.status);
      if ('unmapped' in status || !isStayState(status.value)) {
        reject('unmapped status', shown(row.status));
        continue;
      }
      const state = status.value;
      const admit = parseWallClock(row.admit_time);
      const discharge = parseWallClock(row.discharge_time);
      if (state === 'cancelled' && (!admit || (!discharge && !blank(row.discharge_time)))) {
        cancellations.push({ key, raw: str(row, 'status') });
        continue;
      }
      const patientId = patients.get(str(row, 'source_patient_id') ?? '');
      if (!patientId) {
        reject('unknown patient', str(row, 'source_patient_id') ?? '(empty)');
        continue;
      }
      if (!admit) {
        reject(...dateRejection('admission', row.admit_time));
        continue;
      }
      // Only a discharge needs its date; a stay under way may have none (or a planned one).
      if (!discharge && (isDischarged(state) || !blank(row.discharge_time))) {
        reject(...dateRejection('discharge', row.discharge_time));
        continue;
      }
      if (discharge && discharge < admit) {
        reject('discharge before admission', `${admit} > ${discharge}`);
        continue;
      }
      const record = stayRecord(ctx, row, { key, state, patientId, admit, discharge, deptOf: (c) => depts.byCode.get(c ?? '') });
      if ('reason' in record) reject(record.reason, record.detail);
      else records.push(record);
    }
    const written = await writeEncounters(q, ctx, 'inpatient', records, result);
    await cancelStored(q, ctx, cancellations, result);
    // 离院方式 5 is death: the registry fields follow, and follow-up plans read them.
    for (const w of written)
      if (w.change !== 'unchanged' && w.cols.discharge_mode_code === '5' && isDischarged(w.cols.status as string))
        await q.run('update patients set deceased = 1, death_date = ? where id = ?', [w.cols.event_date, w.cols.patient_id]);
    return result;
  },
};

interface StayFacts {
  key: string;
  state: string;
  patientId: number;
  admit: string;
  discharge: string | null;
  deptOf: (code: string | null) => number | undefined;
}

function stayRecord(ctx: EntityContext, row: HisRow, f: StayFacts): EncounterRecord | { reason: string; detail?: string } {
  // A stay under way has no discharge department yet: its ward (the admitting one) stands in.
  const deptCode = str(row, 'discharge_dept_code') ?? (isDischarged(f.state) ? null : str(row, 'admit_dept_code'));
  const deptId = f.deptOf(deptCode);
  if (!deptId) return { reason: 'unknown department', detail: deptCode ?? '(empty)' };
  const mode = mapped(ctx, 'inpatient_stays', 'discharge_mode', row.discharge_mode);
  if ('unmapped' in mode) return { reason: 'unmapped discharge mode', detail: mode.unmapped };
  // A malformed main code is reported by the diagnoses entity; the stay still loads.
  const main = parseIcdCode(row.main_diag_code);
  // event_date is the discharge date, or the admission date of a stay without one.
  const event = f.discharge ?? f.admit;
  return {
    sourceId: f.key,
    cols: {
      main_diag_code: main?.code ?? null,
      main_diag_category: main?.category ?? null,
      main_diag_name: str(row, 'main_diag_name'),
      patient_id: f.patientId,
      encounter_no: str(row, 'inpatient_no'),
      dept_id: deptId,
      admit_dept_id: f.deptOf(str(row, 'admit_dept_code')) ?? null,
      admit_date: f.admit.slice(0, 10),
      event_date: event.slice(0, 10),
      admit_time: f.admit,
      event_time: f.discharge,
      doctor_name: str(row, 'doctor_name'),
      discharge_mode_code: mode.value,
      status: f.state,
      source_status_raw: str(row, 'status'),
      source_updated_at: parseWallClock(row.source_updated_at),
    },
  };
}
