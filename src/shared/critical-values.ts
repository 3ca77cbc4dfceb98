// A checkup's critical value (危急值) must be told to the patient or the family within the
// plan's time limit (plan.critical.notifyWithinHours from the result). These are the shapes the
// queue, the follow-up page and the timeline show (src/main/critical-values).

export const DEFAULT_NOTIFY_WITHIN_HOURS = 24;

export const toldWhom = ['patient', 'family'] as const;
export type ToldWhom = (typeof toldWhom)[number];

export const notifyMethods = ['phone', 'sms', 'in_person', 'other'] as const;
export type NotifyMethod = (typeof notifyMethods)[number];

/** Who was told, when and how, and who told them (the signed-in user who recorded it). */
export interface CriticalNotificationRecord {
  told: ToldWhom;
  /** A family member's name and relationship to the patient (null when the patient was told). */
  name: string | null;
  relation: string | null;
  method: NotifyMethod;
  toldAt: string;
  note: string | null;
  /** Told after the deadline: kept as a fact, whatever happens later. */
  late: boolean;
  toldBy: { id: number; name: string };
  recordedAt: string;
}

/** One checkup's critical value and its notification. */
export interface CriticalValueInfo {
  id: number;
  /** The task that carries the deadline. */
  taskId: number;
  encounterId: number;
  checkupDate: string;
  /** The critical findings, as "血钾 6.8 mmol/L". */
  findings: string[];
  resultAt: string;
  /** his: the HIS's report time (危急值报告时间); sync: when the sync first saw the critical value. */
  resultSource: 'his' | 'sync';
  notifyBy: string;
  /** When the missed deadline was escalated to the responsible department. */
  escalatedAt: string | null;
  notification: CriticalNotificationRecord | null;
}

/** What a queue row shows of a deadline its task carries. */
export interface CriticalDeadline {
  notifyBy: string;
  escalatedAt: string | null;
  toldAt: string | null;
  late: boolean;
}
