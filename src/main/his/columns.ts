import { STAY_STATES } from '../../shared/stay-status';
import type { EntityName } from './profile';

// The canonical columns each entity's SQL may return (after aliasing), read off what the
// handlers in entities/*.ts use. `required`: without it a sync stops before writing anything
// (every row would be rejected or silently lose meaning). `code`: mapped through the profile's
// valueMaps["<entity>.<column>"] onto `allowed`. `pii`: masked in check samples.

export type ColumnType = 'string' | 'datetime' | 'date' | 'integer' | 'code';

export interface ColumnDecl {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Canonical values of a coded column. */
  allowed?: readonly string[];
  pii?: 'name' | 'id' | 'phone' | 'text';
  /** A time a window (:since/:until) is naturally compared with: rows far before :since here suggest the comparison fails. */
  window?: boolean;
}

export interface EntityColumns {
  columns: ColumnDecl[];
  /** Groups of which at least one column must be present. */
  oneOf?: string[][];
}

const req = (name: string, type: ColumnType = 'string', extra: Partial<ColumnDecl> = {}): ColumnDecl => ({ name, type, required: true, ...extra });
const opt = (name: string, type: ColumnType = 'string', extra: Partial<ColumnDecl> = {}): ColumnDecl => ({ name, type, required: false, ...extra });

const GENDER = ['0', '1', '2', '9'];
const personColumns = (): ColumnDecl[] => [
  opt('gender', 'code', { allowed: GENDER }),
  opt('birth_date', 'date'),
  opt('id_number', 'string', { pii: 'id' }),
  opt('phone', 'string', { pii: 'phone' }),
  opt('landline', 'string', { pii: 'phone' }),
  opt('contact_name', 'string', { pii: 'name' }),
  opt('contact_relation'),
  opt('contact_phone', 'string', { pii: 'phone' }),
  opt('address', 'string', { pii: 'text' }),
];

export const ENTITY_COLUMNS: Record<EntityName, EntityColumns> = {
  departments: { columns: [req('source_code'), req('name'), opt('former_name'), opt('disabled', 'integer')] },
  patients: {
    columns: [req('source_patient_id'), req('name', 'string', { pii: 'name' }), ...personColumns(), opt('source_updated_at', 'datetime', { window: true })],
  },
  merges: { columns: [req('obsolete_source_id'), req('surviving_source_id'), opt('merged_at', 'datetime', { window: true })] },
  inpatient_stays: {
    columns: [
      req('source_stay_id'),
      req('source_patient_id'),
      req('status', 'code', { allowed: STAY_STATES }),
      req('admit_time', 'datetime', { window: true }),
      req('discharge_time', 'datetime', { window: true }),
      req('discharge_dept_code'),
      opt('admit_dept_code'),
      opt('discharge_mode', 'code', { allowed: ['1', '2', '3', '4', '5', '9'] }),
      opt('inpatient_no'),
      opt('doctor_name'),
      opt('main_diag_code'),
      opt('main_diag_name'),
      opt('source_updated_at', 'datetime', { window: true }),
    ],
  },
  inpatient_diagnoses: {
    columns: [
      req('source_stay_id'),
      req('code'),
      req('is_primary', 'integer'),
      opt('seq_no', 'integer'),
      opt('role', 'code', { allowed: ['outpatient', 'admission', 'discharge'] }),
      opt('name'),
    ],
  },
  outpatient_visits: {
    columns: [
      req('source_visit_id'),
      req('source_patient_id'),
      req('visit_time', 'datetime', { window: true }),
      req('status', 'code', { allowed: ['visited', 'cancelled'] }),
      opt('dept_code'),
      opt('dept_name'),
      opt('outpatient_no'),
      opt('doctor_name'),
      opt('diag_code'),
      opt('diag_name'),
    ],
    oneOf: [['dept_code', 'dept_name']],
  },
  checkups: {
    columns: [
      req('source_checkup_id'),
      // Needed only for clients the HIS does not know (kept as patients of their own).
      opt('name', 'string', { pii: 'name' }),
      req('checkup_date', 'date', { window: true }),
      req('status', 'code', { allowed: ['booked', 'registered', 'in_progress', 'completed', 'cancelled'] }),
      opt('source_patient_id'),
      ...personColumns(),
      opt('person_status', 'code', { allowed: ['normal', 'cancelled'] }),
      opt('package_name'),
      opt('summary', 'string', { pii: 'text' }),
      opt('dept_name'),
      opt('critical_count', 'integer'),
      opt('abnormal_count', 'integer'),
    ],
  },
  checkup_findings: {
    columns: [
      req('source_checkup_id'),
      req('item_name'),
      opt('seq_no', 'integer'),
      opt('result_value'),
      opt('unit'),
      opt('reference_range'),
      opt('abnormal_flag', 'code', { allowed: ['N', 'H', 'L', 'A'] }),
      opt('critical', 'integer'),
      // 危急值报告时间: the critical value's notification deadline counts from it.
      opt('critical_reported_at', 'datetime'),
    ],
  },
};
