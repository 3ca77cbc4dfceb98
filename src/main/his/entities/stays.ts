import { parseWallClock } from '../normalise/dates';
import { parseIcdCode } from '../normalise/icd';
import { cachedDepartments, patientIds } from './lookups';
import { writeEncounters, type EncounterRecord } from './encounters';
import type { EntityHandler } from './types';
import { emptyResult, keyOf, mapped, str } from './types';

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
    for (const row of rows) {
      const reject = (reason: string, detail?: string) =>
        result.rejections.push({ entity: 'inpatient_stays', key: keyOf(row, 'source_stay_id', 'inpatient_no'), reason, detail, raw: row });
      const key = str(row, 'source_stay_id');
      if (!key) {
        reject('missing key');
        continue;
      }
      const patientId = patients.get(str(row, 'source_patient_id') ?? '');
      if (!patientId) {
        reject('unknown patient', str(row, 'source_patient_id') ?? '(empty)');
        continue;
      }
      const admit = parseWallClock(row.admit_time);
      if (!admit) {
        reject('bad admission date', String(row.admit_time));
        continue;
      }
      const discharge = parseWallClock(row.discharge_time);
      if (!discharge) {
        reject('bad discharge date', String(row.discharge_time));
        continue;
      }
      if (discharge < admit) {
        reject('discharge before admission', `${admit} > ${discharge}`);
        continue;
      }
      const deptId = depts.byCode.get(str(row, 'discharge_dept_code') ?? '');
      if (!deptId) {
        reject('unknown department', str(row, 'discharge_dept_code') ?? '(empty)');
        continue;
      }
      const mode = mapped(ctx, 'inpatient_stays', 'discharge_mode', row.discharge_mode);
      if ('unmapped' in mode) {
        reject('unmapped discharge mode', mode.unmapped);
        continue;
      }
      const status = mapped(ctx, 'inpatient_stays', 'status', row.status);
      if ('unmapped' in status || !status.value) {
        reject('unmapped status', String(row.status));
        continue;
      }
      // A malformed main code is reported by the diagnoses entity; the stay still loads.
      const main = parseIcdCode(row.main_diag_code);
      records.push({
        sourceId: key,
        cols: {
          main_diag_code: main?.code ?? null,
          main_diag_category: main?.category ?? null,
          main_diag_name: str(row, 'main_diag_name'),
          patient_id: patientId,
          encounter_no: str(row, 'inpatient_no'),
          dept_id: deptId,
          admit_dept_id: depts.byCode.get(str(row, 'admit_dept_code') ?? '') ?? null,
          admit_date: admit.slice(0, 10),
          event_date: discharge.slice(0, 10),
          admit_time: admit,
          event_time: discharge,
          doctor_name: str(row, 'doctor_name'),
          discharge_mode_code: mode.value,
          status: status.value,
          source_status_raw: str(row, 'status'),
          source_updated_at: parseWallClock(row.source_updated_at),
        },
      });
    }
    const written = await writeEncounters(q, ctx, 'inpatient', records, result);
    // 离院方式 5 is death: the registry fields follow, and follow-up plans read them.
    for (const w of written)
      if (w.change !== 'unchanged' && w.cols.discharge_mode_code === '5' && w.cols.status !== 'cancelled')
        await q.run('update patients set deceased = 1, death_date = ? where id = ?', [w.cols.event_date, w.cols.patient_id]);
    return result;
  },
};
