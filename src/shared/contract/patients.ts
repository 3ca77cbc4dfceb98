import { z } from 'zod';
import type { Department, FindResult, Timeline } from '../model';
import { ALL_ROLES, dateRange, id, none, type MethodSpec } from './common';

/** The longest text each finder field takes; the UI fields stop typing there (maxLength). */
export const FIND_TEXT_MAX = { diagnosis: 200, query: 64 } as const;

export const findInput = z
  .object({
    kind: z.enum(['inpatient', 'outpatient', 'checkup']).optional(),
    deptIds: z.array(id).max(200).optional(),
    /** ICD-10 codes, ranges (C00-C97) or Chinese keywords, separated by commas or spaces. */
    diagnosis: z.string().trim().max(FIND_TEXT_MAX.diagnosis).optional(),
    admitted: dateRange,
    /** Discharge date for stays, visit date for visits, checkup date for checkups. */
    eventDate: dateRange,
    /** Name, pinyin initials, ID number, phone or encounter number. */
    query: z.string().trim().max(FIND_TEXT_MAX.query).optional(),
    sort: z.enum(['eventDate', 'admitDate', 'name', 'dept']).default('eventDate'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type FindInput = z.input<typeof findInput>;

export const patientMethods = {
  'departments.list': { input: none, roles: ALL_ROLES, audit: "none: the hospital's departments; no patient data" },
  'patients.find': {
    input: findInput,
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'patient.find', detail: ['input', 'output.total'] },
    mask: { phone: ['rows[].phone'] },
  },
  // What each word of a diagnosis filter reaches (肺癌 → C33-C34), for the field's tooltip.
  'diagnoses.expand': {
    input: z.object({ text: z.string().trim().max(FIND_TEXT_MAX.diagnosis) }).strict(),
    roles: ALL_ROLES,
    audit: 'none: expands search words to ICD-10 categories; no patient data',
  },
  'patients.timeline': {
    input: z.object({ patientId: id }).strict(),
    roles: ALL_ROLES,
    audit: { kind: 'view', action: 'patient.view', patient: 'input.patientId' },
    mask: { idNumber: ['patient.idNumber'], phone: ['patient.phones[].number'] },
  },
} satisfies Record<string, MethodSpec>;

/** One term of a diagnosis filter: a code, a range, or a keyword with the categories it stands for. */
export interface DiagnosisTermExpansion {
  term: string;
  kind: 'code' | 'range' | 'keyword';
  /** A keyword's synonym categories (empty: its name alone); a code or range: itself. */
  categories: string[];
}

export interface PatientOutputs {
  'departments.list': Department[];
  'diagnoses.expand': { terms: DiagnosisTermExpansion[] };
  'patients.find': FindResult;
  'patients.timeline': Timeline;
}
