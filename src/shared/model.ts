// Plain data shapes that cross the contract. Dates are wall-clock strings (YYYY-MM-DD or
// YYYY-MM-DD HH:mm:ss, Beijing time as the HIS recorded it), never Date objects.

import type { CriticalValueInfo } from './critical-values';
import type { TimelineFollowup } from './followup-results';
import type { IdNumberProblem } from './id-number-problem';

export type Role = 'nurse' | 'head' | 'admin';
export type EncounterKind = 'inpatient' | 'outpatient' | 'checkup';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface Department {
  id: number;
  name: string;
  active: boolean;
  formerNames: string[];
  /** Pinyin initials of the name and each former name (肿瘤内科 → zlnk), for the department box. */
  initials: string[];
}

export interface PatientRow {
  encounterId: number;
  patientId: number;
  kind: EncounterKind;
  name: string;
  genderCode: string;
  age: number | null;
  deptName: string | null;
  encounterNo: string | null;
  admitDate: string | null;
  eventDate: string;
  mainDiagCode: string | null;
  mainDiagName: string | null;
  dischargeModeCode: string | null;
  status: string;
  phone: string | null;
  criticalCount: number;
}

export interface FindResult {
  total: number;
  page: number;
  pageSize: number;
  rows: PatientRow[];
}

export interface PhoneInfo {
  number: string;
  kind: 'mobile' | 'landline';
  role: 'self' | 'contact';
  contactName: string | null;
  relation: string | null;
  successCount: number;
  failCount: number;
}

export interface PatientHeader {
  id: number;
  name: string;
  genderCode: string;
  birthDate: string | null;
  age: number | null;
  idNumber: string | null;
  idNumberValid: boolean;
  /** Why the ID number cannot be trusted (the patient is kept all the same); null when it can. */
  idNumberProblem: IdNumberProblem | null;
  address: string | null;
  deceased: boolean;
  mergedFrom: string[];
  phones: PhoneInfo[];
}

export interface TimelineDiagnosis {
  code: string;
  name: string;
  isPrimary: boolean;
  role: string;
}

export interface TimelineFinding {
  item: string;
  value: string | null;
  unit: string | null;
  referenceRange: string | null;
  abnormalFlag: string | null;
  critical: boolean;
}

export interface TimelineEvent {
  encounterId: number;
  kind: EncounterKind;
  date: string;
  admitDate: string | null;
  deptName: string | null;
  encounterNo: string | null;
  doctorName: string | null;
  status: string;
  dischargeModeCode: string | null;
  packageName: string | null;
  summary: string | null;
  diagnoses: TimelineDiagnosis[];
  findings: TimelineFinding[];
  /** Checkups: the risk tier each assessing plan placed the client in (src/main/checkups). */
  riskTiers?: TimelineRiskTier[];
  /** Checkups with a critical value a plan followed up: its deadline and who was told, when and how. */
  criticalValue?: CriticalValueInfo;
}

export interface TimelineRiskTier {
  tier: string;
  label: string;
  labelEn: string | null;
  /** "中文 (English)" reasons. */
  reasons: string[];
  assessedAt: string;
}

export interface Timeline {
  patient: PatientHeader;
  events: TimelineEvent[];
  /** Closed follow-ups with their answers and scores, newest first (src/main/tasks/past-results.ts). */
  followups: TimelineFollowup[];
}

export interface EntityCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows of this entity not loaded. */
  rejected: number;
  /** Problems filed under another entity whose row still loaded (phones, id_numbers, outpatient_diagnoses), by that entity. */
  flagged?: Record<string, number>;
  seconds: number;
}

export interface SyncRun {
  id: number;
  profile: string;
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  triggeredBy: string | null;
  counts: Record<string, EntityCounts>;
  error: string | null;
}

export interface RejectedRow {
  id: number;
  syncRunId: number;
  entity: string;
  sourceKey: string;
  reason: string;
  detail: string | null;
  /** What the HIS sent; null for everyone but an admin (patients of every department). */
  raw: Record<string, unknown> | null;
  lastSeenAt: string;
}

export interface SyncProgress {
  runId: number;
  entity: string;
  read: number;
  rejected: number;
  done: boolean;
  status: SyncRun['status'];
}
