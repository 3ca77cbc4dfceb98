import type { AttemptInfo, AttemptOutcome, CompleteInput, Disposition } from '../../../shared/contract/followup';
import { pruneHidden, type AnswerIssue, type Answers, type QuestionnaireDef, type ScoreOutcome } from '../../../shared/questionnaire';

// The closing form as plain data: what blocks closing (shown next to the disabled button, the
// same rules main enforces) and the followup.complete input it turns into.

export interface OutcomeForm {
  disposition?: Disposition;
  attemptOutcome?: Exclude<AttemptOutcome, 'connected'>;
  attemptNumber?: string;
  reason: string;
  deathDate?: string;
  deathCause: string;
  callbackAt?: string;
  escalationNote: string;
  educationGiven: string[];
  appointment: { date?: string; deptId?: number; note: string };
  note: string;
}

export const emptyForm = (educationGiven: string[], number?: string): OutcomeForm => ({
  reason: '',
  deathCause: '',
  escalationNote: '',
  educationGiven,
  appointment: { note: '' },
  note: '',
  attemptNumber: number,
});

export interface CloseContext {
  editable: boolean;
  def: QuestionnaireDef | null;
  issues: AnswerIssue[];
  outcome: ScoreOutcome | null;
  /** The task carries a critical value nobody has recorded telling yet (main refuses to complete it). */
  criticalUntold?: boolean;
}

export type Blocker = { key: string; count?: number };

export function blockers(form: OutcomeForm, ctx: CloseContext): Blocker[] {
  if (!ctx.editable) return [{ key: 'readOnly' }];
  const out: Blocker[] = [];
  switch (form.disposition) {
    case undefined:
      out.push({ key: 'disposition' });
      break;
    case 'completed':
      if (ctx.issues.length) out.push({ key: 'missing', count: ctx.issues.length });
      if (ctx.outcome?.escalate && !form.escalationNote.trim()) out.push({ key: 'escalation' });
      if (ctx.criticalUntold) out.push({ key: 'criticalNotice' });
      break;
    case 'no_contact':
      if (!form.attemptOutcome || !form.attemptNumber) out.push({ key: 'attempt' });
      break;
    case 'deceased':
      if (!form.deathDate) out.push({ key: 'deathDate' });
      break;
    case 'callback':
      if (!form.callbackAt) out.push({ key: 'callbackAt' });
      break;
    default:
  }
  return out;
}

/** The dial that makes "no contact" acceptable: one not connected since she claimed the task. */
export function attemptSinceClaim(attempts: AttemptInfo[], claimedAt: string | null, form: OutcomeForm): boolean {
  return attempts.some((a) => a.outcome === form.attemptOutcome && a.phoneNumber === form.attemptNumber && (!claimedAt || a.startedAt >= claimedAt));
}

/**
 * A phone follow-up closed with no dial logged since she claimed it asks first ("no contact"
 * logs its own dial on closing, so it never asks).
 */
export function needsDialConfirm(channel: 'call' | 'sms', attempts: AttemptInfo[], claimedAt: string | null, form: OutcomeForm): boolean {
  if (channel !== 'call' || form.disposition === undefined || form.disposition === 'no_contact') return false;
  return !attempts.some((a) => !claimedAt || a.startedAt >= claimedAt);
}

export function completeInput(taskId: number, form: OutcomeForm, def: QuestionnaireDef | null, answers: Answers): CompleteInput {
  const note = form.note.trim() || undefined;
  const appointment = form.appointment.date
    ? { date: form.appointment.date, deptId: form.appointment.deptId, note: form.appointment.note.trim() || undefined }
    : undefined;
  const base = { taskId, note, educationGiven: form.educationGiven, appointment };
  switch (form.disposition) {
    case 'completed':
      return {
        ...base,
        disposition: 'completed',
        // Hidden items go as null so a stale answer behind a closed branch is never stored.
        answers: def ? pruneHidden(def, answers) : undefined,
        escalationNote: form.escalationNote.trim() || undefined,
      };
    case 'no_contact':
      return { ...base, disposition: 'no_contact' };
    case 'refused':
      return { ...base, disposition: 'refused', reason: form.reason.trim() || undefined };
    case 'deceased':
      return { ...base, disposition: 'deceased', deathDate: form.deathDate!, deathCause: form.deathCause.trim() || undefined };
    case 'callback':
      return { ...base, disposition: 'callback', callbackAt: form.callbackAt! };
    default:
      throw new Error('no disposition chosen');
  }
}
