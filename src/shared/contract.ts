import { z } from 'zod';
import type {
  Department, FindResult, RejectedRow, Role, SyncProgress, SyncRun, Timeline, User,
} from './model';

// The one contract between the UI and the backend. Every method names its input schema
// (validated by the dispatcher for IPC and HTTP alike), the roles allowed to call it, and
// its output type in MethodOutputs below.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const dateRange = z.object({ from: date.optional(), to: date.optional() }).strict().optional();
const ALL: Role[] = ['nurse', 'head', 'admin'];

export const findInput = z
  .object({
    kind: z.enum(['inpatient', 'outpatient', 'checkup']).optional(),
    deptIds: z.array(z.number().int().positive()).max(200).optional(),
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

const none = z.object({}).strict().optional();

export const methods = {
  'auth.login': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    roles: 'public',
  },
  'auth.logout': { input: none, roles: ALL },
  'auth.me': { input: none, roles: 'public' },
  'departments.list': { input: none, roles: ALL },
  'patients.find': { input: findInput, roles: ALL },
  'patients.timeline': { input: z.object({ patientId: z.number().int().positive() }).strict(), roles: ALL },
  'sync.start': { input: none, roles: ['admin'] },
  'sync.cancel': { input: z.object({ runId: z.number().int().positive() }).strict(), roles: ['admin'] },
  'sync.runs': { input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict().optional(), roles: ['head', 'admin'] },
  'sync.rejected': {
    input: z
      .object({
        runId: z.number().int().positive().optional(),
        entity: z.string().max(32).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    roles: ['head', 'admin'],
  },
} satisfies Record<string, { input: z.ZodType; roles: Role[] | 'public' }>;

export type MethodName = keyof typeof methods;

export interface MethodOutputs {
  /** The token is kept by the transport (cookie / main process) and never reaches the renderer. */
  'auth.login': { user: User; token?: string };
  'auth.logout': { ok: true };
  'auth.me': { user: User | null };
  'departments.list': Department[];
  'patients.find': FindResult;
  'patients.timeline': Timeline;
  'sync.start': { runId: number };
  'sync.cancel': { cancelled: boolean };
  'sync.runs': SyncRun[];
  'sync.rejected': { total: number; rows: RejectedRow[] };
}

export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParsed<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = MethodOutputs[M];

/** Server → UI events. */
export interface EventPayloads {
  'sync.progress': SyncProgress;
}
export type EventName = keyof EventPayloads;

/** Errors cross the boundary as data; `code` is stable, `message` is for people. */
export interface ApiErrorBody {
  code: 'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'internal' | 'unknown_method';
  message: string;
  issues?: { path: string; message: string }[];
}

/** What both transports (IPC preload bridge, HTTP) offer the renderer. */
export interface Transport {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
