import { z } from 'zod';
import type { TreatmentStartInfo } from './treatment-start';
import type { QuestionnaireDef } from '../questionnaire/schema';
import type { ScoreResult, TriggerResult } from '../questionnaire/engine';
import type { PastResult, PointNames } from '../followup-results';
import type { PhoneInfo } from '../model';
import type { CriticalDeadline, CriticalValueInfo } from '../critical-values';
import { date, id, phoneNumber, type MethodSpec } from './common';

// The nurse's work: the queue of due follow-ups, claiming, the follow-up screen (script,
// questionnaire, drafts saved as she types), call attempts and the closing disposition.

export const datetime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, '时间格式应为 YYYY-MM-DD HH:mm（北京时间） (expected YYYY-MM-DD HH:mm[:ss], Beijing time)');

export type TaskStatus = 'pending' | 'claimed' | 'done' | 'satisfied' | 'unreachable' | 'cancelled';
/** callback: returns a missed incoming call (src/main/tasks/callback-task.ts). */
export const taskKinds = ['followup', 'escalation', 'callback'] as const;
export type TaskKind = (typeof taskKinds)[number];
export type WarningColour = 'red' | 'orange' | 'yellow' | 'green';
export const warningColours = ['red', 'orange', 'yellow', 'green'] as const;

/** What one dial ended in (VICIdial-style statuses, 未接通/忙线/关机/空号/错号). */
export const attemptOutcomes = ['connected', 'no_answer', 'busy', 'powered_off', 'invalid_number', 'wrong_number'] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];
/** A call outcome that is also a dial result (cancelled or failed calls are not). */
export const isAttemptOutcome = (o: unknown): o is AttemptOutcome => (attemptOutcomes as readonly unknown[]).includes(o);

/** How the follow-up ends. no_contact: nobody reached on any number this time (retry / unreachable). */
export const dispositions = ['completed', 'no_contact', 'refused', 'deceased', 'callback'] as const;
export type Disposition = (typeof dispositions)[number];

const WORKERS = ['nurse', 'head'] as const;
const taskRef = z.object({ taskId: id }).strict();
const answers = z.record(z.string().max(64), z.unknown()).refine((a) => Object.keys(a).length <= 500, '答案过多 (too many answers)');

/** Filters shared by the queue list and claimNext. */
const queueFilters = {
  planId: id.optional(),
  deptId: id.optional(),
  colour: z.enum(warningColours).optional(),
  kind: z.enum(taskKinds).optional(),
  channel: z.enum(['call', 'sms']).default('call'),
};

export const queueInput = z
  .object({
    /** mine: claimed by me or my callbacks; team: unclaimed and workable; all: everything open (head). */
    scope: z.enum(['mine', 'team', 'all']).default('team'),
    ...queueFilters,
    /** overdue: due date passed; today: due today; upcoming: not yet workable; open: workable now (default). */
    due: z.enum(['open', 'overdue', 'today', 'upcoming', 'any']).default('open'),
    /** only: callbacks; exclude: no callbacks. Callback time range filters callbackAt. */
    callback: z.enum(['only', 'exclude']).optional(),
    callbackFrom: datetime.optional(),
    callbackTo: datetime.optional(),
    /** A patient's name, pinyin initials, phone, ID number or encounter number (src/main/tasks/queue-search.ts). */
    search: z.string().trim().max(64, '搜索内容过长 (search text too long)').optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type QueueInput = z.input<typeof queueInput>;

export interface UserRef {
  id: number;
  name: string;
}

export interface QueueRow extends PointNames {
  id: number;
  kind: TaskKind;
  status: TaskStatus;
  patientId: number;
  patientName: string;
  genderCode: string;
  age: number | null;
  /** The number to try first (masked for heads). */
  phone: string | null;
  planId: number;
  planVersion: number;
  trackId: string;
  pointIndex: number;
  /** Which repeat of a cycle this task is (第 3 周期); null for an explicit point. */
  cycleNo: number | null;
  dueDate: string;
  windowStart: string;
  windowEnd: string;
  channel: 'call' | 'sms';
  colour: WarningColour | null;
  /** A new critical value (危急值) or red warning: sorted first. */
  critical: boolean;
  priorityReason: string | null;
  /** Days past the due date (negative: days until due). */
  overdueDays: number;
  deptId: number | null;
  deptName: string | null;
  assignee: UserRef | null;
  claimedAt: string | null;
  callbackAt: string | null;
  /** A callback is kept for this nurse until visibleToTeamAt. */
  reservedFor: UserRef | null;
  visibleToTeamAt: string | null;
  retryCount: number;
  maxAttempts: number;
  questionnaireId: string | null;
  questionnaireVersion: number | null;
  satisfiedReason: string | null;
  hasDraft: boolean;
  /** The task's latest logged dial. */
  lastAttempt: { at: string; outcome: AttemptOutcome } | null;
  /** The missed incoming calls this callback returns: the latest (number masked for heads) and how many. */
  missedCall: { at: string; number: string; count: number } | null;
  /** The critical-value notification deadline this task carries (危急值告知时限). */
  criticalDeadline: CriticalDeadline | null;
  /** The patient is on the line with a nurse right now (src/main/tasks/live-calls.ts). */
  liveCall: LiveCall | null;
}

/** A call a nurse has with the patient right now: ringing (not yet answered) or in progress, since then. */
export interface LiveCall {
  nurse: UserRef;
  direction: 'inbound' | 'outbound';
  phase: 'ringing' | 'talking';
  since: string;
}

export interface QueueCounts {
  /** Claimed by me plus my callbacks. */
  mine: number;
  /** Unclaimed and workable now. */
  unclaimed: number;
  overdue: number;
  dueToday: number;
  red: number;
  /** Callbacks whose time has come (mine or released to the team). */
  callbacksDue: number;
}

export interface QueueResult {
  total: number;
  page: number;
  pageSize: number;
  rows: QueueRow[];
  /** Under the plan/department/kind/channel filters, ignoring scope, due, colour and callback. */
  counts: QueueCounts;
}

export interface AttemptInfo {
  id: number;
  taskId: number;
  phoneNumber: string;
  outcome: AttemptOutcome;
  startedAt: string;
  endedAt: string | null;
  nurse: UserRef | null;
  callId: number | null;
  note: string | null;
}

export interface CallPhone extends PhoneInfo {
  wrongNumber: boolean;
  /** The number to try next (success history, numbers not yet tried for this task first). */
  suggested: boolean;
  /** This patient's last dials on this number, newest first (up to 10). */
  recent: AttemptInfo[];
}

/** A fired safety trigger, as the shared questionnaire engine reports it (color, message, escalate). */
export type SafetyTrigger = TriggerResult;

export interface ResponseState {
  questionnaireId: string;
  questionnaireVersion: number;
  answers: Record<string, unknown>;
  /** Recomputed in main with the shared engine on every save. */
  scores: ScoreResult[];
  triggers: SafetyTrigger[];
  warningColour: WarningColour | null;
  draft: boolean;
  /** Server row version, +1 per applied save. */
  version: number;
  /** The highest client sequence number applied. */
  seq: number;
  updatedAt: string;
  updatedBy: UserRef | null;
}

export interface EducationState {
  code: string;
  title: string;
  titleEn: string | null;
  content: string;
  contentEn: string | null;
  given: boolean;
}

/** What the nurse reads out, in Chinese and (when the plan has it) English; {name} already filled. */
export interface CallScript {
  opening: string;
  openingEn: string | null;
  closing: string;
  closingEn: string | null;
}

export interface AppointmentInfo {
  id: number;
  date: string;
  deptId: number | null;
  deptName: string | null;
  note: string | null;
  status: 'booked' | 'cancelled';
  createdBy: UserRef | null;
  createdAt: string;
}

export interface EscalationInfo {
  id: number;
  taskId: number;
  escalationTaskId: number | null;
  deptName: string | null;
  triggers: SafetyTrigger[];
  note: string;
  status: 'open' | 'closed';
  dueAt: string;
  createdBy: UserRef | null;
  createdAt: string;
}

export interface FollowupView {
  task: QueueRow;
  /** True when the task is claimed by the caller: only then can she save and complete. */
  editable: boolean;
  enrolment: {
    id: number;
    status: 'active' | 'stopped' | 'completed';
    stopReason: string | null;
    anchorDate: string;
    anchorEncounterId: number | null;
    matchedRule: string;
    enrolledAt: string;
    /** Where the treatment start comes from; null when no track of the plan counts from it. */
    treatmentStart: TreatmentStartInfo | null;
  };
  registry: {
    vitalStatus: 'alive' | 'deceased' | 'unknown';
    lastContactDate: string | null;
    lostToFollowup: boolean;
    lostReason: string | null;
    deathDate: string | null;
    deathCause: string | null;
  };
  phones: CallPhone[];
  /** Dials made for this task, newest first. */
  attempts: AttemptInfo[];
  script: CallScript;
  /** Render and score it with src/shared/questionnaire (visibleItems, validateAnswers, score). */
  questionnaire: QuestionnaireDef | null;
  response: ResponseState | null;
  education: EducationState[];
  appointments: AppointmentInfo[];
  /** Earlier points of this enrolment, newest first, with what each recorded (answers, scores, numbers to trend). */
  history: ({
    taskId: number;
    pointLabel: string | null;
    pointLabelEn: string | null;
    dueDate: string;
    status: TaskStatus;
    completedAt: string | null;
    warningColour: WarningColour | null;
    scores: ScoreResult[];
  } & PastResult)[];
  escalations: EscalationInfo[];
  /** The critical value this task carries, else the patient's one not yet told. */
  criticalValue: CriticalValueInfo | null;
}

const completeBase = {
  taskId: id,
  note: z.string().max(4000).optional(),
  educationGiven: z.array(z.string().min(1).max(64)).max(50).optional(),
  appointment: z
    .object({ date, deptId: id.optional(), note: z.string().max(500).optional() })
    .strict()
    .optional(),
};

export const completeInput = z.discriminatedUnion('disposition', [
  z
    .object({
      disposition: z.literal('completed'),
      ...completeBase,
      /** The final answers (else the saved draft is used). */
      answers: answers.optional(),
      /** Required when a trigger with escalate=true fired; checked in main. */
      escalationNote: z.string().trim().min(1).max(4000).optional(),
    })
    .strict(),
  z.object({ disposition: z.literal('no_contact'), ...completeBase }).strict(),
  z.object({ disposition: z.literal('refused'), ...completeBase, reason: z.string().max(200).optional() }).strict(),
  z.object({ disposition: z.literal('deceased'), ...completeBase, deathDate: date, deathCause: z.string().max(200).optional() }).strict(),
  z.object({ disposition: z.literal('callback'), ...completeBase, callbackAt: datetime }).strict(),
]);
export type CompleteInput = z.input<typeof completeInput>;

export interface CompleteResult {
  taskId: number;
  status: TaskStatus;
  /** For no_contact: when the next try becomes workable, or null when the task went unreachable. */
  nextTryAt: string | null;
  escalationTaskId: number | null;
  /** Enrolments stopped by this disposition (refused, deceased, lost to follow-up). */
  stoppedEnrolments: number;
}

export const followupMethods = {
  'tasks.queue': {
    input: queueInput,
    roles: [...WORKERS],
    audit: { kind: 'view', action: 'tasks.queue', detail: ['input', 'output.total'] },
    mask: { phone: ['rows[].phone', 'rows[].missedCall.number'] },
  },
  'tasks.claimNext': {
    input: z.object(queueFilters).strict().optional(),
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'task.claim', patient: 'output.task.patientId', detail: ['taskId=output.task.id'] },
    mask: { phone: ['task.phone', 'task.missedCall.number'] },
    announces: 'tasks.changed',
  },
  'tasks.claim': {
    input: taskRef,
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'task.claim', patient: 'output.task.patientId', detail: ['input.taskId'] },
    mask: { phone: ['task.phone', 'task.missedCall.number'] },
    announces: 'tasks.changed',
  },
  'tasks.release': {
    input: taskRef,
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'task.release', detail: ['input.taskId'] },
    announces: 'tasks.changed',
  },
  'followup.open': {
    input: taskRef,
    roles: [...WORKERS],
    audit: { kind: 'view', action: 'followup.view', patient: 'output.task.patientId', detail: ['input.taskId'] },
    mask: { phone: ['task.phone', 'task.missedCall.number', 'phones[].number', 'attempts[].phoneNumber'] },
  },
  /** Idempotent, last-write-wins: applied only when seq is above the stored one. */
  'followup.saveDraft': {
    input: z.object({ taskId: id, answers, seq: z.number().int().min(1) }).strict(),
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'followup.saveDraft', detail: ['input.taskId', 'input.seq', 'output.applied'] },
  },
  'followup.logAttempt': {
    input: z
      .object({
        taskId: id,
        phoneNumber,
        outcome: z.enum(attemptOutcomes),
        startedAt: datetime.optional(),
        endedAt: datetime.optional(),
        callId: id.optional(),
        note: z.string().max(500).optional(),
      })
      .strict(),
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'followup.logAttempt', detail: ['input.taskId', 'input.outcome', 'input.callId', 'attemptId=output.attempt.id'] },
    mask: { phone: ['attempt.phoneNumber', 'phones[].number'] },
    announces: 'tasks.changed',
  },
  'followup.complete': {
    input: completeInput,
    roles: [...WORKERS],
    audit: { kind: 'change', action: 'followup.complete', detail: ['input.taskId', 'input.disposition', 'output.status'] },
    announces: 'tasks.changed',
  },
} satisfies Record<string, MethodSpec>;

/** Tasks were claimed, released, dialled, completed or created somewhere: queues refetch. Ids only, no patient data. */
export interface TasksChanged {
  /** The method or job that changed them. */
  source: string;
  /** Set on an event that came from another workstation (or the catch-up after a lost connection). */
  origin?: string;
  /** When the other workstation sent it, by its clock (ms): for the team soak's delivery times. */
  sentAt?: number;
}

export interface FollowupEvents {
  'tasks.changed': TasksChanged;
}

export interface FollowupOutputs {
  'tasks.queue': QueueResult;
  'tasks.claimNext': { task: QueueRow | null };
  'tasks.claim': { task: QueueRow };
  'tasks.release': { ok: true };
  'followup.open': FollowupView;
  'followup.saveDraft': { applied: boolean; response: ResponseState; taskColour: WarningColour | null };
  'followup.logAttempt': { attempt: AttemptInfo; phones: CallPhone[] };
  'followup.complete': CompleteResult;
}
