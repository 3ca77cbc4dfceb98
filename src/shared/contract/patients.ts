import { z } from 'zod';
import type { Department, FindResult, Timeline } from '../model';
import { ALL_ROLES, dateRange, id, none, type MethodSpec } from './common';

export const findInput = z
  .object({
    kind: z.enum(['inpatient', 'outpatient', 'checkup']).optional(),
    deptIds: z.array(id).max(200).optional(),
    /** ICD-10 codes, ranges (C00-C97) or Chinese keywords, separated by commas or spaces. */
    diagnosis: z.string().trim().max(200).optional(),
    admitted: dateRange,
    /** Discharge date for stays, visit date for visits, checkup date for checkups. */
    eventDate: dateRange,
    /** Name, pinyin initials, ID number, phone or encounter number. */
    query: z.string().trim().max(64).optional(),
    sort: z.enum(['eventDate', 'admitDate', 'name', 'dept']).default('eventDate'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type FindInput = z.input<typeof findInput>;

export const patientMethods = {
  'departments.list': { input: none, roles: ALL_ROLES },
  'patients.find': { input: findInput, roles: ALL_ROLES },
  'patients.timeline': { input: z.object({ patientId: id }).strict(), roles: ALL_ROLES },
} satisfies Record<string, MethodSpec>;

export interface PatientOutputs {
  'departments.list': Department[];
  'patients.find': FindResult;
  'patients.timeline': Timeline;
}
