// Deliberately bad or special rows, planted at fixed patient positions so every database has each of them.

/** Keys of the planted rows; rows of the same kind that occur naturally (e.g. ~1% deaths) are not listed. */
export interface DemoHisPlanted {
  /** brid: 18-digit sfzh with a wrong check character. */
  invalidIdNumbers: string[];
  /** brid: valid legacy 15-digit sfzh. */
  legacyIdNumbers: string[];
  /** brid: otherwise valid sfzh ending in lowercase 'x'. */
  lowercaseX: string;
  /** brid: lxdh NULL (first) or '' (second), and jtdh NULL. */
  missingPhones: string[];
  /** brid: lxdh '12345' and '138001380'. */
  badPhones: string[];
  mergedPatients: { obsolete: string; surviving: string }[];
  /** zyh with cypb = 99. */
  cancelledStays: string[];
  /** zyh with lyfs = '5'. */
  deathStays: string[];
  /** jzxh with thbz = 1. */
  cancelledVisits: string[];
  /** tjh with ryzt = 1. */
  cancelledCheckups: string[];
  badStays: {
    /** zyh whose brid is not in V_BRXX. */
    unknownPatient: string;
    /** zyh whose cyrq has month 13, e.g. '2025133108:00:00'. */
    badDate: string;
    /** zyh whose cyrq is 'abcd'. */
    garbageDate: string;
    /** zyh whose cyrq is earlier than its ryrq. */
    dischargeBeforeAdmission: string;
    /** Stays without a key, identified by zyhm. */
    missingKey: { zyhm: string; zyh: null | '' }[];
  };
  badDiagnoses: {
    /** [zyh, zdxh] of rows whose zdbm is not an ICD-10 code ('肺癌', '123'). */
    malformedCode: [zyh: string, zdxh: number][];
    /** zyh with discharge diagnoses but no zyzdbz = 1 row. */
    noMainDiagnosis: string;
  };
  badVisits: {
    /** jzxh whose ksmc '不存在科' is not in V_KS. */
    unknownDepartment: string;
    /** jzxh whose ksmc is the former name 心内科. */
    oldDepartmentName: string;
  };
  badFindings: {
    /** tjh present in V_TJ_JG but not in V_TJ_DJ. */
    unknownCheckup: string;
  };
  /** mzh shared by visits of two different patients. */
  recycledOutpatientNo: string;
  /** tjh of checkups with a wjzbz = 1 finding, linked to a known brid. */
  criticalFindings: string[];
  /** brid whose xm contains '?'. */
  rareCharName: string;
}

export type Role =
  | 'invalidId'
  | 'legacyId'
  | 'lowercaseX'
  | 'missingPhoneNull'
  | 'missingPhoneEmpty'
  | 'badPhoneShort'
  | 'badPhoneNineDigits'
  | 'mergeSurvivor'
  | 'mergeObsolete'
  | 'cancelledStay'
  | 'deathStay'
  | 'cancelledVisit'
  | 'cancelledCheckup'
  | 'unknownPatientStay'
  | 'badDateStay'
  | 'garbageDateStay'
  | 'dischargeBeforeAdmission'
  | 'missingKeyNull'
  | 'missingKeyEmpty'
  | 'malformedDxName'
  | 'malformedDxNumeric'
  | 'noMainDx'
  | 'unknownDeptVisit'
  | 'oldDeptVisit'
  | 'recycleFirst'
  | 'recycleSecond'
  | 'criticalFinding'
  | 'orphanFindings'
  | 'rareCharName';

// Order matters where one role reads another's result: survivor before obsolete, first mzh owner before reuser.
const ROLE_ORDER: readonly Role[] = [
  'invalidId',
  'legacyId',
  'lowercaseX',
  'missingPhoneNull',
  'mergeSurvivor',
  'cancelledStay',
  'badPhoneShort',
  'deathStay',
  'cancelledVisit',
  'recycleFirst',
  'unknownPatientStay',
  'badDateStay',
  'garbageDateStay',
  'mergeObsolete',
  'dischargeBeforeAdmission',
  'missingKeyNull',
  'missingKeyEmpty',
  'malformedDxName',
  'invalidId',
  'malformedDxNumeric',
  'noMainDx',
  'unknownDeptVisit',
  'oldDeptVisit',
  'cancelledCheckup',
  'legacyId',
  'recycleSecond',
  'criticalFinding',
  'orphanFindings',
  'rareCharName',
  'missingPhoneEmpty',
  'badPhoneNineDigits',
];

export const MIN_PATIENTS = 50;

/** Spreads the roles evenly over the patient range so planted rows are not all at the start of each table. */
export function assignRoles(patients: number): Map<number, Role> {
  if (patients < ROLE_ORDER.length) throw new Error(`need at least ${ROLE_ORDER.length} patients to plant every role`);
  const roles = new Map<number, Role>();
  ROLE_ORDER.forEach((role, r) => roles.set(Math.floor(((r + 0.5) * patients) / ROLE_ORDER.length), role));
  return roles;
}

const STAY_ROLES = new Set<Role>([
  'cancelledStay',
  'deathStay',
  'unknownPatientStay',
  'badDateStay',
  'garbageDateStay',
  'dischargeBeforeAdmission',
  'missingKeyNull',
  'missingKeyEmpty',
  'malformedDxName',
  'malformedDxNumeric',
  'noMainDx',
  'mergeObsolete',
]);
const VISIT_ROLES = new Set<Role>(['cancelledVisit', 'unknownDeptVisit', 'oldDeptVisit', 'recycleFirst', 'recycleSecond', 'mergeObsolete']);
const CHECKUP_ROLES = new Set<Role>(['cancelledCheckup', 'criticalFinding', 'orphanFindings']);

/** Minimum encounter counts a role needs so its planted row can exist. */
export function roleMinimums(role: Role | undefined): { stays: number; visits: number; checkups: number } {
  if (!role) return { stays: 0, visits: 0, checkups: 0 };
  return {
    stays: STAY_ROLES.has(role) ? 1 : 0,
    visits: VISIT_ROLES.has(role) ? 1 : 0,
    checkups: CHECKUP_ROLES.has(role) ? 1 : 0,
  };
}

export function emptyPlanted(): DemoHisPlanted {
  return {
    invalidIdNumbers: [],
    legacyIdNumbers: [],
    lowercaseX: '',
    missingPhones: [],
    badPhones: [],
    mergedPatients: [],
    cancelledStays: [],
    deathStays: [],
    cancelledVisits: [],
    cancelledCheckups: [],
    badStays: { unknownPatient: '', badDate: '', garbageDate: '', dischargeBeforeAdmission: '', missingKey: [] },
    badDiagnoses: { malformedCode: [], noMainDiagnosis: '' },
    badVisits: { unknownDepartment: '', oldDepartmentName: '' },
    badFindings: { unknownCheckup: '' },
    recycledOutpatientNo: '',
    criticalFindings: [],
    rareCharName: '',
  };
}
