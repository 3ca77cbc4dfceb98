import { z } from 'zod';
import type { Role } from '../model';
import { ALL_ROLES, date, id, none, type MethodSpec } from './common';

// The department heads' side: metric definitions, the dashboard, drill-downs, the report
// builder with saved reports, survival analysis, and exports run as jobs. Heads see only their
// departments (users.setDepartments); admins see all.

const heads: Role[] = ['head', 'admin'];

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM (expected YYYY-MM)');
const deptIds = z.array(id).max(200).optional();
const page = { page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(200).default(50) };

/** A text in both UI languages: every figure carries its definition in Chinese and English. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type MetricUnit = 'count' | 'percent' | 'minutes' | 'perDay';

export interface MetricDefinition {
  code: string;
  name: Bilingual;
  unit: MetricUnit;
  numerator: Bilingual;
  /** Null for plain counts. */
  denominator: Bilingual | null;
  exclusions: Bilingual;
  /** Which date puts a row in a period (e.g. the task's due date, the call's start). */
  period: Bilingual;
  /** True when the metric has a drill-down list. */
  drillable: boolean;
  /** True when the drill-down also lists the denominator's rows outside the numerator. */
  drillGap: boolean;
}

export interface MetricValue {
  /** Percent as 0–1; counts as integers; minutes and per-day figures as decimals. Null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface DashboardMetric extends MetricValue {
  code: string;
  previous: MetricValue;
  /** Twelve months ending with the chosen one, oldest first. */
  trend: ({ month: string } & MetricValue)[];
}

export interface Dashboard {
  month: string;
  /** The departments the figures cover (a head's own, or the ones she chose among them); null = all. */
  deptIds: number[] | null;
  metrics: DashboardMetric[];
}

export const dimensions = [
  'department',
  'nurse',
  'week',
  'month',
  'plan',
  'track',
  'diagnosisGroup',
  'encounterKind',
  'questionnaireItem',
  'scoreBand',
] as const;
export type Dimension = (typeof dimensions)[number];

export const reportFilters = z
  .object({
    from: date,
    to: date,
    deptIds,
    planIds: z.array(id).max(200).optional(),
    encounterKinds: z
      .array(z.enum(['inpatient', 'outpatient', 'checkup']))
      .max(3)
      .optional(),
    nurseIds: z.array(id).max(500).optional(),
  })
  .strict()
  .refine((f) => f.from <= f.to, { message: '开始日期不能晚于结束日期 (from must not be after to)', path: ['to'] });

export const reportSpec = z
  .object({
    rows: z.enum(dimensions),
    measures: z.array(z.string().min(1).max(64)).max(30).default([]),
    /** The answer distribution of one questionnaire item (rows × answer), or its score bands. */
    item: z
      .object({ questionnaireId: z.string().min(1).max(64), itemId: z.string().min(1).max(64) })
      .strict()
      .optional(),
    filters: reportFilters,
  })
  .strict();
export type ReportSpec = z.output<typeof reportSpec>;
export type ReportSpecInput = z.input<typeof reportSpec>;

export type ColumnType = 'text' | 'int' | 'decimal' | 'percent' | 'date' | 'datetime';

export interface ReportColumn {
  key: string;
  title: Bilingual;
  type: ColumnType;
  /** The metric behind a measure column, for its definition. */
  metric?: string;
}

/** Tabular result shared by the report builder, the dashboard export and every Excel/CSV export. */
export interface ReportTable {
  columns: ReportColumn[];
  rows: Record<string, string | number | null>[];
  /** Definitions of the metrics used, for the definitions sheet. */
  definitions: MetricDefinition[];
  /** The last row is the total of the others (kept last, not sorted with them). */
  totalRow?: boolean;
  // A row's `groupCode` (not a column), where set, names its group in the UI's language:
  // 'totalRow', 'unspecified' or 'kind.<encounter kind>' (i18n keys under reports.*); its
  // `groupEn`, where set, is the English name of a plan or track group.
}

export const drilldownInput = z
  .object({
    metric: z.string().min(1).max(64),
    from: date,
    to: date,
    deptIds,
    /** numerator: the rows counted; gap: in the denominator but not the numerator. */
    part: z.enum(['numerator', 'gap']),
    ...page,
  })
  .strict();

/** What a drill-down's rows are: tasks, dials, patients, SMS or nurse working days. */
export type DrillKind = 'task' | 'dial' | 'patient' | 'sms' | 'nurseDay';

export interface DrillRow {
  /** Unique within the list (a task is listed once per dial or SMS). */
  key: string;
  taskId: number | null;
  /** Null on nurse-day rows. */
  patientId: number | null;
  patientName: string | null;
  deptName: string | null;
  planName: string | null;
  pointLabel: string | null;
  /** Where the plan has them: the English of planName and pointLabel. */
  planNameEn?: string | null;
  pointLabelEn?: string | null;
  dueDate: string | null;
  status: string | null;
  /** The last attempt's outcome (answered, no_answer, …) or the task's disposition. */
  lastOutcome: string | null;
  lastAttemptAt: string | null;
  nurseName: string | null;
  /** Dial rows: the dial's minutes (answered, ended). SMS rows: lastOutcome is the SMS status, lastAttemptAt its time. */
  minutes?: number | null;
  /** Nurse-day rows: the day, and the nurse's dials and completions on it. */
  day?: string;
  dials?: number;
  completions?: number;
}

export interface SavedReport {
  id: number;
  name: string;
  /** A department's report is shared with its heads; a personal one is its owner's only. */
  deptId: number | null;
  ownerId: number;
  spec: ReportSpecInput;
  updatedAt: string;
}

export const survivalInput = z
  .object({
    anchor: z.enum(['diagnosis', 'firstDischarge', 'treatmentStart']),
    groupBy: z.enum(['plan', 'diagnosisGroup', 'department']),
    /** Patients whose anchor date falls in this range. */
    from: date.optional(),
    to: date.optional(),
    cutOff: date,
    planIds: z.array(id).max(200).optional(),
    deptIds,
    /** ICD-10 codes or ranges, e.g. C34 or C00-C97. */
    diagnosis: z.string().trim().max(200).optional(),
  })
  .strict();

export interface SurvivalPoint {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SurvivalGroupResult {
  group: string;
  /** Stable id of the group: 'plan:3', 'dept:5', 'dept:none' or 'icd:C34'. */
  key: string;
  patients: number;
  deaths: number;
  steps: SurvivalPoint[];
  median: { median: number | null; lower: number | null; upper: number | null };
  /** 1, 3 and 5 years (365, 1095, 1826 days). */
  atYears: { years: number; survival: number | null; stdErr: number | null; lower: number | null; upper: number | null }[];
  /** Number at risk at 0, 1, 2, 3, 4 and 5 years, for the table under the chart. */
  riskTable: { time: number; nRisk: number }[];
  /** Share of patients with known vital status at the cut-off. */
  completeness: { known: number; total: number; share: number | null };
}

export interface SurvivalResult {
  transform: 'log-log' | 'log' | 'plain';
  groups: SurvivalGroupResult[];
  logRank: { chiSquare: number; df: number; pValue: number } | null;
  completeness: { known: number; total: number; share: number | null };
  /** Patients of the cohort left off the curves, by reason (src/main/reports/survival-data). */
  excluded: Record<SurvivalExclusion, number>;
}

/** Why a patient of the cohort is not on the curves: no treatment start (for that anchor), no
 * anchor event, no diagnosis to group by, dead without a date, a death before the anchor, or
 * an anchor after the cut-off. */
export const survivalExclusions = ['noTreatmentStart', 'noAnchor', 'noDiagnosisGroup', 'deathDateUnknown', 'deathBeforeAnchor', 'anchoredAfterCutOff'] as const;
export type SurvivalExclusion = (typeof survivalExclusions)[number];

export const exportKinds = ['report', 'dashboard', 'finder', 'queue', 'research', 'audit'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportStartInput = z
  .object({
    kind: z.enum(exportKinds),
    format: z.enum(['xlsx', 'csv', 'fhir']),
    /** Per kind: report → a ReportSpec; dashboard → { month, deptIds }; finder → a finder query;
     * queue → the queue filter; research → { questionnaireId, from, to, deptIds, deidentify };
     * audit → the audit log filter (admins only). */
    params: z.record(z.string(), z.unknown()),
  })
  .strict();

export interface ExportRecord {
  id: number;
  kind: ExportKind;
  format: 'xlsx' | 'csv' | 'fhir';
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'expired';
  rows: number;
  fileName: string | null;
  createdAt: string;
  finishedAt: string | null;
  byName: string;
  error: string | null;
}

export interface ExportProgress {
  exportId: number;
  rows: number;
  total: number | null;
  status: ExportRecord['status'];
}

export const reportMethods = {
  'reports.metrics': { input: none, roles: heads, audit: 'none: the list of figures' },
  'reports.dashboard': { input: z.object({ month, deptIds }).strict(), roles: heads, audit: { kind: 'view', action: 'report.dashboard', detail: ['input'] } },
  // The rows name patients.
  'reports.drilldown': { input: drilldownInput, roles: heads, audit: { kind: 'view', action: 'report.drilldown', detail: ['input', 'output.total'] } },
  'reports.run': { input: reportSpec, roles: heads, audit: { kind: 'view', action: 'report.run', detail: ['input'] } },
  'reports.saved.list': { input: none, roles: heads, audit: 'none: report definitions' },
  'reports.saved.save': {
    input: z.object({ id: id.optional(), name: z.string().trim().min(1).max(100), deptId: id.nullable(), spec: reportSpec }).strict(),
    roles: heads,
    audit: { kind: 'change', action: 'report.saved.save', detail: ['input.id', 'input.name', 'input.deptId'] },
  },
  'reports.saved.delete': { input: z.object({ id }).strict(), roles: heads, audit: { kind: 'change', action: 'report.saved.delete', detail: ['input.id'] } },
  'reports.survival': { input: survivalInput, roles: heads, audit: { kind: 'view', action: 'report.survival', detail: ['input'] } },
  // The export service audits export.start with the filters it resolved, and export.finish and
  // each download with the file: the rows leave the program there, not here.
  'exports.start': { input: exportStartInput, roles: ALL_ROLES, audit: 'none: audited by the export service (export.start, export.finish, export.download)' },
  'exports.cancel': {
    input: z.object({ exportId: id }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'change', action: 'export.cancel', detail: ['input.exportId', 'output.cancelled'] },
  },
  'exports.list': { input: none, roles: ALL_ROLES, audit: 'none: her own export history; files are audited when downloaded' },
} satisfies Record<string, MethodSpec>;

export interface ReportOutputs {
  'reports.metrics': MetricDefinition[];
  'reports.dashboard': Dashboard;
  'reports.drilldown': { total: number; kind: DrillKind; rows: DrillRow[] };
  'reports.run': ReportTable;
  'reports.saved.list': SavedReport[];
  'reports.saved.save': SavedReport;
  'reports.saved.delete': { deleted: boolean };
  'reports.survival': SurvivalResult;
  'exports.start': { exportId: number };
  'exports.cancel': { cancelled: boolean };
  'exports.list': ExportRecord[];
}

export interface ReportEvents {
  'export.progress': ExportProgress;
}
