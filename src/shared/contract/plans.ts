import { z } from 'zod';
import { planDefinitionSchema, type PlanDefinition } from '../plans/schema';
import { ALL_ROLES, id, type MethodSpec } from './common';

// Disease plans: versioned definitions. Saving writes a draft version; activating a version
// makes it the one new enrolments use. Enrolments keep the version they were made with.

export type PlanVersionStatus = 'draft' | 'active' | 'retired';

export interface PlanSummary {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  /** The version new enrolments use, or null (never activated / retired plan). */
  activeVersion: number | null;
  /** The newest draft, if one is being edited. */
  draftVersion: number | null;
  retired: boolean;
  activeEnrolments: number;
  pendingTasks: number;
  updatedAt: string;
}

export interface PlanVersionInfo {
  id: number;
  version: number;
  status: PlanVersionStatus;
  createdBy: string | null;
  createdAt: string;
  activatedAt: string | null;
  enrolments: number;
}

export interface PlanDetail {
  plan: PlanSummary;
  versions: PlanVersionInfo[];
  /** The version asked for (default: the draft if any, else the active one). */
  version: PlanVersionInfo;
  definition: PlanDefinition;
}

export interface PlanPreviewRow {
  patientId: number;
  encounterId: number;
  name: string;
  kind: 'inpatient' | 'outpatient' | 'checkup';
  eventDate: string;
  deptName: string | null;
  diagCode: string | null;
  diagName: string | null;
  ruleId: string;
}

export interface PlanPreview {
  /** Encounters that would start an enrolment now (already-enrolled ones excluded). */
  encounters: number;
  patients: number;
  byRule: { ruleId: string; label: string | null; labelEn: string | null; encounters: number }[];
  /** Up to 20 examples, newest first. */
  sample: PlanPreviewRow[];
  /** Names in the definition the store does not know (departments, education codes, questionnaires). */
  warnings: string[];
}

export interface EnrolAndGenerateCounts {
  enrolled: number;
  tasksCreated: number;
  satisfied: number;
  stopped: number;
  critical: number;
  enrolmentsScanned: number;
  ms: number;
}

const PLAN_EDITORS = ['head', 'admin'] as const;

export const planMethods = {
  'plans.list': {
    input: z
      .object({ includeRetired: z.boolean().default(false) })
      .strict()
      .optional(),
    roles: ALL_ROLES,
    audit: 'none: plan definitions; no patient data',
  },
  'plans.get': {
    input: z.object({ planId: id, version: z.number().int().positive().optional() }).strict(),
    roles: ALL_ROLES,
    audit: 'none: a plan definition; no patient data',
  },
  'plans.preview': {
    input: z.union([
      z.object({ definition: planDefinitionSchema }).strict(),
      z.object({ planId: id, version: z.number().int().positive().optional() }).strict(),
    ]),
    roles: [...PLAN_EDITORS],
    // The sample names patients, their diagnoses and departments.
    audit: { kind: 'view', action: 'plans.preview', detail: ['planId=input.planId', 'output.encounters', 'output.patients'] },
  },
  /** Creates the plan if its code is new; else replaces its open draft or opens a new draft version. */
  'plans.save': {
    input: z.object({ definition: planDefinitionSchema }).strict(),
    roles: [...PLAN_EDITORS],
    audit: { kind: 'change', action: 'plan.save', detail: ['code=input.definition.code', 'output.planId', 'output.version'] },
  },
  'plans.activate': {
    input: z.object({ planId: id, version: z.number().int().positive() }).strict(),
    roles: [...PLAN_EDITORS],
    audit: { kind: 'change', action: 'plan.activate', detail: ['input.planId', 'input.version'] },
  },
  'plans.retire': {
    input: z.object({ planId: id }).strict(),
    roles: [...PLAN_EDITORS],
    audit: { kind: 'change', action: 'plan.retire', detail: ['input.planId'] },
  },
  'plans.export': {
    input: z.object({ planId: id, version: z.number().int().positive().optional() }).strict(),
    roles: ALL_ROLES,
    audit: 'none: a plan definition; no patient data',
  },
  /** The plan templates shipped under templates/plans (to start a new plan from). */
  'plans.templates': { input: z.object({}).strict().optional(), roles: [...PLAN_EDITORS], audit: 'none: shipped templates' },
  /** The questionnaires a plan point may ask (newest version of each), for the editor's picker. */
  'plans.questionnaires': { input: z.object({}).strict().optional(), roles: [...PLAN_EDITORS], audit: 'none: questionnaire titles; no patient data' },
  /** Enrol matching patients and generate due tasks now (the sync does this after every run). */
  'tasks.generate': {
    input: z.object({}).strict().optional(),
    roles: [...PLAN_EDITORS],
    audit: { kind: 'change', action: 'tasks.generate', detail: ['output.enrolled', 'output.generated'] },
  },
} satisfies Record<string, MethodSpec>;

export interface PlanOutputs {
  'plans.list': PlanSummary[];
  'plans.get': PlanDetail;
  'plans.preview': PlanPreview;
  'plans.save': { planId: number; version: number; created: boolean };
  'plans.activate': { planId: number; version: number };
  'plans.retire': { planId: number };
  'plans.export': { definition: PlanDefinition };
  'plans.templates': { file: string; definition: PlanDefinition }[];
  'tasks.generate': EnrolAndGenerateCounts;
  'plans.questionnaires': { id: string; version: number; title: string; titleEn: string }[];
}
