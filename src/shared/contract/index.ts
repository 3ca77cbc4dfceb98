import type { z } from 'zod';
import { auditMethods, type AuditOutputs } from './audit';
import { authMethods, type AuthOutputs } from './auth';
import { callMethods, type CallOutputs } from './calls';
import type { MethodSpec } from './common';
import { criticalValueMethods, type CriticalValueOutputs } from './critical-values';
import { followupMethods, type FollowupEvents, type FollowupOutputs } from './followup';
import { followupDoneMethods, type FollowupDoneOutputs } from './followup-done';
import { messagingMethods, type MessagingOutputs } from './messaging';
import { planMethods, type PlanOutputs } from './plans';
import { reportMethods, type ReportEvents, type ReportOutputs } from './reports';
import { patientMethods, type PatientOutputs } from './patients';
import { syncMethods, type SyncEvents, type SyncOutputs } from './sync';
import { treatmentStartMethods, type TreatmentStartOutputs } from './treatment-start';
import { userMethods, type UserOutputs } from './users';

// The one contract between the UI and the backend, assembled from one small file per
// feature. Every method names its input schema (validated by the dispatcher for IPC and
// HTTP alike), the roles allowed to call it, and its output type.

export { findInput, type FindInput } from './patients';

export const methods = {
  ...authMethods,
  ...patientMethods,
  ...syncMethods,
  ...planMethods,
  ...treatmentStartMethods,
  ...followupMethods,
  ...followupDoneMethods,
  ...criticalValueMethods,
  ...callMethods,
  ...messagingMethods,
  ...reportMethods,
  ...userMethods,
  ...auditMethods,
} satisfies Record<string, MethodSpec>;

export interface MethodOutputs
  extends
    AuthOutputs,
    PatientOutputs,
    SyncOutputs,
    PlanOutputs,
    TreatmentStartOutputs,
    FollowupOutputs,
    FollowupDoneOutputs,
    CriticalValueOutputs,
    CallOutputs,
    MessagingOutputs,
    ReportOutputs,
    UserOutputs,
    AuditOutputs {}

/** Server → UI events. */
export interface EventPayloads extends SyncEvents, ReportEvents, FollowupEvents {}

export type MethodName = keyof typeof methods & keyof MethodOutputs;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParsed<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = MethodOutputs[M];
export type EventName = keyof EventPayloads;

/** Errors cross the boundary as data; `code` is stable, `message` is for people. */
export interface ApiErrorBody {
  code: 'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'internal' | 'unknown_method';
  message: string;
  issues?: { path: string; message: string }[];
  /** An unexpected failure's id, the same as in the server log: for support to find it there. */
  errorId?: string;
}

/** What both transports (IPC preload bridge, HTTP) offer the renderer. */
export interface Transport {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
