import { parseWallClock } from '../normalise/dates';
import { parseIcdCode } from '../normalise/icd';
import { cachedDepartments, patientIds, rememberDiagnoses } from './lookups';
import { writeEncounters, type EncounterRecord } from './encounters';
import type { EntityHandler } from './types';
import { dateRejection, emptyResult, keyOf, mapped, shown, str } from './types';

// Outpatient numbers recycle in some HIS: visits are keyed by the visit serial, never by 门诊号.
export const outpatientVisits: EntityHandler = {
  async processBatch(q, rows, ctx) {
    const result = emptyResult();
    const depts = await cachedDepartments(q, ctx);
    const patients = await patientIds(
      q,
      ctx,
      rows.map((r) => str(r, 'source_patient_id') ?? ''),
    );
    const records: EncounterRecord[] = [];
    const dict: { code: string; category: string; name: string }[] = [];
    for (const row of rows) {
      const key = keyOf(row, 'source_visit_id', 'outpatient_no');
      const reject = (reason: string, detail?: string) => result.rejections.push({ entity: 'outpatient_visits', key, reason, detail, raw: row });
      const id = str(row, 'source_visit_id');
      if (!id) {
        reject('missing key');
        continue;
      }
      const patientId = patients.get(str(row, 'source_patient_id') ?? '');
      if (!patientId) {
        reject('unknown patient', str(row, 'source_patient_id') ?? '(empty)');
        continue;
      }
      const time = parseWallClock(row.visit_time);
      if (!time) {
        reject(...dateRejection('visit', row.visit_time));
        continue;
      }
      const deptName = str(row, 'dept_name');
      const deptId = (str(row, 'dept_code') && depts.byCode.get(str(row, 'dept_code')!)) || depts.byName.get(deptName ?? '');
      if (!deptId) {
        reject('unknown department', deptName ?? '(empty)');
        continue;
      }
      const status = mapped(ctx, 'outpatient_visits', 'status', row.status);
      if ('unmapped' in status || !status.value) {
        reject('unmapped status', shown(row.status));
        continue;
      }
      const icd = parseIcdCode(row.diag_code);
      if (str(row, 'diag_code') && !icd)
        result.rejections.push({ entity: 'outpatient_diagnoses', key: id, reason: 'malformed ICD-10 code', detail: str(row, 'diag_code') ?? '', raw: row });
      if (icd) dict.push({ ...icd, name: str(row, 'diag_name') ?? icd.code });
      records.push({
        sourceId: id,
        cols: {
          patient_id: patientId,
          encounter_no: str(row, 'outpatient_no'),
          dept_id: deptId,
          event_date: time.slice(0, 10),
          event_time: time,
          doctor_name: str(row, 'doctor_name'),
          main_diag_code: icd?.code ?? null,
          main_diag_category: icd?.category ?? null,
          main_diag_name: str(row, 'diag_name'),
          status: status.value,
          source_status_raw: str(row, 'status'),
        },
      });
    }
    await writeEncounters(q, ctx, 'outpatient', records, result);
    await rememberDiagnoses(q, ctx.seenDiagnosisCodes, dict);
    return result;
  },
};
