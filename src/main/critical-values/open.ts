import type { Knex } from 'knex';
import { addBeijingMinutes } from '../../shared/beijing-time';
import { DEFAULT_NOTIFY_WITHIN_HOURS } from '../../shared/critical-values';
import { parseJson } from '../util/parse-json';

// A plan's open critical follow-up (priority 0, critical 1) puts its patient's critical value on
// the clock: the checkup it enrolled on, or one first seen after the enrolment (the new critical
// value his-events.ts flags). One row per checkup (unique encounter_id), carried by one task, so
// a rerun or another workstation's run adds nothing. The deadline is the result time plus the
// carrying plan's critical.notifyWithinHours; the result time is the HIS's report time of the
// critical finding when the profile gives one, else when the sync first saw the critical value.

interface Link {
  taskId: number;
  patientId: number;
  planVersionId: number;
  availableAt: string;
  encounterId: number;
  /** The checkup the task's enrolment is anchored on. */
  anchored: boolean;
}

const openCritical = (knex: Knex) =>
  knex('tasks as t')
    .join('enrolments as en', 'en.id', 't.enrolment_id')
    // Literal and both channels: a short range of the tasks_open index.
    .whereRaw("t.status in ('pending', 'claimed')")
    .whereIn('t.channel', ['call', 'sms'])
    .where({ 't.priority': 0, 't.critical': 1, 't.kind': 'followup' });

const criticalCheckup = (j: Knex.JoinClause) =>
  j.andOnVal('x.kind', '=', 'checkup').andOnVal('x.critical_count', '>', 0).andOnVal('x.status', '<>', 'cancelled');

async function links(knex: Knex): Promise<Link[]> {
  const cols = ['t.id', 't.patient_id', 't.plan_version_id', 't.available_at', 'x.id as encounter_id'];
  const anchored = await openCritical(knex)
    .join('encounters as x', (j) => criticalCheckup(j.on('x.id', 'en.anchor_encounter_id')))
    .select(cols);
  const later = await openCritical(knex)
    .join('encounters as x', (j) => criticalCheckup(j.on('x.patient_id', 't.patient_id')))
    .whereRaw('coalesce(x.critical_seen_at, x.first_seen_at) >= en.enrolled_at')
    .select(cols);
  const link = (r: Record<string, unknown>, a: boolean): Link => ({
    taskId: Number(r.id),
    patientId: Number(r.patient_id),
    planVersionId: Number(r.plan_version_id),
    availableAt: r.available_at as string,
    encounterId: Number(r.encounter_id),
    anchored: a,
  });
  return [...anchored.map((r) => link(r, true)), ...later.map((r) => link(r, false))];
}

/** The task a critical value is carried by: one anchored on it, else the one workable soonest. */
function carriers(all: Link[]): Map<number, Link> {
  const best = new Map<number, Link>();
  const rank = (l: Link) => [l.anchored ? 0 : 1, l.availableAt, l.taskId] as const;
  const before = (a: Link, b: Link) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
  };
  for (const l of all) {
    const held = best.get(l.encounterId);
    if (!held || before(l, held)) best.set(l.encounterId, l);
  }
  return best;
}

/** When each checkup's critical result came, and where that time is from. */
async function resultTimes(knex: Knex, encounterIds: number[]): Promise<Map<number, { at: string; source: 'his' | 'sync' }>> {
  const reported = await knex('checkup_findings')
    .whereIn('encounter_id', encounterIds)
    .where('is_critical', 1)
    .whereNotNull('critical_reported_at')
    .groupBy('encounter_id')
    .select('encounter_id', knex.raw('min(critical_reported_at) as at'));
  const seen = await knex('encounters').whereIn('id', encounterIds).select('id', knex.raw('coalesce(critical_seen_at, first_seen_at) as at'));
  const out = new Map<number, { at: string; source: 'his' | 'sync' }>();
  for (const s of seen) out.set(Number(s.id), { at: s.at, source: 'sync' });
  for (const r of reported) out.set(Number(r.encounter_id), { at: r.at, source: 'his' });
  return out;
}

/** Each plan version's time limit; read from the stored definition (validated when it was saved). */
async function notifyWithinHours(knex: Knex, versionIds: number[]): Promise<Map<number, number>> {
  const rows = await knex('plan_versions')
    .whereIn('id', [...new Set(versionIds)])
    .select('id', 'definition');
  const out = new Map<number, number>();
  for (const r of rows) {
    const h = parseJson<{ critical?: { notifyWithinHours?: number } }>(r.definition, {}).critical?.notifyWithinHours;
    if (h) out.set(Number(r.id), h);
  }
  return out;
}

/** Puts every critical value a plan follows up on the clock; returns how many new ones. */
export async function openCriticalNotifications(knex: Knex, now: string): Promise<number> {
  const best = carriers(await links(knex));
  if (!best.size) return 0;
  const known = new Set(
    (
      await knex('critical_notifications')
        .whereIn('encounter_id', [...best.keys()])
        .pluck('encounter_id')
    ).map(Number),
  );
  const fresh = [...best.values()].filter((l) => !known.has(l.encounterId));
  if (!fresh.length) return 0;
  const hours = await notifyWithinHours(
    knex,
    fresh.map((l) => l.planVersionId),
  );
  const times = await resultTimes(
    knex,
    fresh.map((l) => l.encounterId),
  );
  let opened = 0;
  for (const l of fresh) {
    const result = times.get(l.encounterId)!;
    const rows = await knex('critical_notifications')
      .insert({
        encounter_id: l.encounterId,
        patient_id: l.patientId,
        task_id: l.taskId,
        result_at: result.at,
        result_source: result.source,
        notify_by: addBeijingMinutes(result.at, (hours.get(l.planVersionId) ?? DEFAULT_NOTIFY_WITHIN_HOURS) * 60),
        created_at: now,
      })
      .onConflict('encounter_id')
      .ignore()
      .returning('id');
    opened += rows.length;
  }
  return opened;
}
