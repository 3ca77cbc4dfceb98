import type { Knex } from 'knex';
import { addDays } from '../../shared/plans/schedule';
import type { Store } from '../store/store';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import { compiledVersions } from './definitions';
import { stopEnrolments } from './stop';

// What the HIS tells us after a sync: a patient came back (a visit or stay inside a point's
// window satisfies it without a call), died (every plan stops), or has a new critical value
// (his open tasks go to the top of the queue).

const KIND_LABEL: Record<string, string> = { inpatient: '住院', outpatient: '门诊' };

export async function satisfyByHisVisits(store: Store, clock: Clock): Promise<number> {
  const { knex } = store;
  const today = beijingDate(clock.now());
  const now = beijingTimestamp(clock.now());
  const visitInWindow = (q: Knex.QueryBuilder) =>
    q
      .whereRaw('x.patient_id = t.patient_id')
      .whereIn('x.kind', ['outpatient', 'inpatient'])
      .whereNot('x.status', 'cancelled')
      .whereRaw('x.id <> coalesce(en.anchor_encounter_id, 0)')
      .where((w) =>
        w
          .whereRaw('x.event_date between t.window_start and t.window_end')
          .orWhere((o) => o.where('x.kind', 'inpatient').whereRaw('x.admit_date between t.window_start and t.window_end')),
      );
  const rows = await knex('tasks as t')
    .join('enrolments as en', 'en.id', 't.enrolment_id')
    .join('encounters as x', (j) => j.on('x.patient_id', 't.patient_id'))
    .where({ 't.status': 'pending', 't.kind': 'followup' })
    .where('t.window_start', '<=', today)
    .modify((q) => visitInWindow(q))
    .leftJoin('departments as d', 'd.id', 'x.dept_id')
    .select(
      't.id',
      't.plan_version_id',
      't.track_id',
      't.dept_id',
      'x.id as enc_id',
      'x.kind',
      'x.event_date',
      'x.dept_id as x_dept',
      'd.name as dept_name',
      'x.encounter_no',
    )
    .orderBy([{ column: 't.id' }, { column: 'x.event_date' }]);
  const plans = await compiledVersions(
    knex,
    rows.map((r: { plan_version_id: number }) => Number(r.plan_version_id)),
  );
  const done = new Set<number>();
  let satisfied = 0;
  for (const r of rows) {
    if (done.has(Number(r.id))) continue;
    const rule = plans.get(Number(r.plan_version_id))?.tracks.get(r.track_id)?.track.satisfiedBy ?? 'any_visit';
    if (rule === 'none' || (rule === 'same_department' && Number(r.x_dept) !== Number(r.dept_id))) continue;
    done.add(Number(r.id));
    const reason = `${r.event_date} ${KIND_LABEL[r.kind] ?? r.kind}${r.dept_name ? ` · ${r.dept_name}` : ''}${r.encounter_no ? ` (${r.encounter_no})` : ''}: 已返院，无需电话随访`;
    // Conditional: a nurse who claimed the task meanwhile keeps it.
    satisfied += await knex('tasks')
      .where({ id: r.id, status: 'pending' })
      .update({ status: 'satisfied', satisfied_reason: reason.slice(0, 256), satisfied_encounter_id: r.enc_id, completed_at: now, updated_at: now });
  }
  return satisfied;
}

/** Deaths the HIS recorded (离院方式 5): registry status follows, every plan of the patient stops. */
export async function stopPlansOfDeceased(store: Store, clock: Clock): Promise<number> {
  const { knex } = store;
  const now = beijingTimestamp(clock.now());
  await knex('patients').where({ deceased: 1 }).whereNot('vital_status', 'deceased').update({ vital_status: 'deceased' });
  const ids = (
    await knex('enrolments as en').join('patients as p', 'p.id', 'en.patient_id').where({ 'en.status': 'active', 'p.deceased': 1 }).pluck('en.id')
  ).map(Number);
  return ids.length ? knex.transaction((trx) => stopEnrolments(trx, ids, 'deceased', now)) : 0;
}

/** Open follow-ups of a patient with a critical value first seen since `since` go to the top. */
export async function flagNewCriticalValues(store: Store, clock: Clock, since: string): Promise<number> {
  const { knex } = store;
  const now = beijingTimestamp(clock.now());
  const hits = await knex('encounters as x')
    .join('enrolments as en', 'en.patient_id', 'x.patient_id')
    .where('en.status', 'active')
    .join('tasks as t', 't.enrolment_id', 'en.id')
    // kind + date first so the (kind, event_date) index narrows the scan to recent checkups.
    .where('x.kind', 'checkup')
    .where('x.event_date', '>=', addDays(beijingDate(clock.now()), -90))
    .where('x.critical_count', '>', 0)
    // The critical value may come after the checkup itself (results arrive later).
    .whereRaw('coalesce(x.critical_seen_at, x.first_seen_at) >= ?', [since])
    .whereIn('t.status', ['pending', 'claimed'])
    .where('t.kind', 'followup')
    .where('t.critical', 0)
    .select('t.id', 'x.event_date');
  let n = 0;
  for (const h of hits)
    n += await knex('tasks')
      .where({ id: h.id, critical: 0 })
      .update({ critical: 1, priority: 0, colour: 'red', priority_reason: `新危急值 ${h.event_date} (new critical value)`, updated_at: now });
  return n;
}
