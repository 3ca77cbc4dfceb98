import type { Knex } from 'knex';
import type { CriticalDeadline, CriticalValueInfo, NotifyMethod, ToldWhom } from '../../shared/critical-values';

// What the queue, the follow-up page and the timeline show of critical values and their
// notification (critical_notifications, one row per checkup).

type Row = Record<string, unknown>;

const withNames = (knex: Knex) =>
  knex('critical_notifications as c')
    .join('encounters as x', 'x.id', 'c.encounter_id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .select('c.*', 'x.event_date', 'u.display_name as told_by_name');

async function findingsOf(knex: Knex, encounterIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!encounterIds.length) return out;
  const rows = await knex('checkup_findings')
    .whereIn('encounter_id', encounterIds)
    .where('is_critical', 1)
    .orderBy(['encounter_id', 'seq_no'])
    .select('encounter_id', 'item_name', 'result_value', 'unit');
  for (const f of rows) {
    const text = [f.item_name, f.result_value, f.unit].filter(Boolean).join(' ');
    out.set(Number(f.encounter_id), [...(out.get(Number(f.encounter_id)) ?? []), text]);
  }
  return out;
}

async function toInfos(knex: Knex, rows: Row[]): Promise<CriticalValueInfo[]> {
  const findings = await findingsOf(
    knex,
    rows.map((r) => Number(r.encounter_id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    taskId: Number(r.task_id),
    encounterId: Number(r.encounter_id),
    checkupDate: r.event_date as string,
    findings: findings.get(Number(r.encounter_id)) ?? [],
    resultAt: r.result_at as string,
    resultSource: r.result_source as 'his' | 'sync',
    notifyBy: r.notify_by as string,
    escalatedAt: (r.escalated_at as string) ?? null,
    notification: r.told_at
      ? {
          told: r.told as ToldWhom,
          name: (r.told_name as string) ?? null,
          relation: (r.told_relation as string) ?? null,
          method: r.method as NotifyMethod,
          toldAt: r.told_at as string,
          note: (r.note as string) ?? null,
          late: !!Number(r.late),
          toldBy: { id: Number(r.recorded_by), name: (r.told_by_name as string) ?? '' },
          recordedAt: r.recorded_at as string,
        }
      : null,
  }));
}

/** The critical value a task carries (the untold one first), else its patient's earliest untold one. */
export async function criticalValueOfTask(knex: Knex, task: { id: number; patient_id: number }): Promise<CriticalValueInfo | null> {
  const row =
    (await withNames(knex).where('c.task_id', task.id).orderByRaw('case when c.told_at is null then 0 else 1 end').orderBy('c.notify_by').first()) ??
    (await withNames(knex).where('c.patient_id', task.patient_id).whereNull('c.told_at').orderBy('c.notify_by').first());
  return row ? (await toInfos(knex, [row]))[0] : null;
}

export async function criticalValueById(knex: Knex, id: number): Promise<CriticalValueInfo | null> {
  const row = await withNames(knex).where('c.id', id).first();
  return row ? (await toInfos(knex, [row]))[0] : null;
}

/** A patient's critical values by checkup, for the timeline. */
export async function criticalValuesOfPatient(knex: Knex, patientId: number): Promise<Map<number, CriticalValueInfo>> {
  const infos = await toInfos(knex, await withNames(knex).where('c.patient_id', patientId));
  return new Map(infos.map((i) => [i.encounterId, i]));
}

/** The deadline each of these tasks carries: its untold critical value's, else its last told one's. */
export async function criticalDeadlines(knex: Knex, taskIds: number[]): Promise<Map<number, CriticalDeadline>> {
  const out = new Map<number, CriticalDeadline>();
  if (!taskIds.length) return out;
  const rows = await knex('critical_notifications')
    .whereIn('task_id', taskIds)
    .orderByRaw('case when told_at is null then 1 else 0 end')
    .orderBy('notify_by', 'desc')
    .select('task_id', 'notify_by', 'escalated_at', 'told_at', 'late');
  // Later rows win: untold ones come last, the earliest deadline of them very last.
  for (const r of rows)
    out.set(Number(r.task_id), { notifyBy: r.notify_by, escalatedAt: r.escalated_at ?? null, toldAt: r.told_at ?? null, late: !!Number(r.late) });
  return out;
}
