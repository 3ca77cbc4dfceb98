import type { Knex } from 'knex';
import type { DrillRow } from '../../shared/contract/reports';
import { compiledVersions } from '../plans/definitions';
import { pointNames } from '../plans/point-names';

/** Adds the English plan name and point label of each row's task (the screen shows them; the rows carry the Chinese). */
export async function withEnglishNames<T extends { rows: DrillRow[] }>(knex: Knex, result: T): Promise<T> {
  const ids = result.rows.map((r) => r.taskId).filter((id): id is number => id !== null);
  if (!ids.length) return result;
  const tasks = new Map<number, Record<string, unknown>>();
  for (const t of await knex('tasks')
    .whereIn('id', [...new Set(ids)])
    .select('id', 'kind', 'plan_version_id', 'track_id', 'point_index', 'point_label'))
    tasks.set(Number(t.id), t);
  const plans = await compiledVersions(
    knex,
    [...tasks.values()].map((t) => Number(t.plan_version_id)),
  );
  const rows = result.rows.map((r) => {
    const task = r.taskId === null ? undefined : tasks.get(r.taskId);
    if (!task) return r;
    const names = pointNames(plans.get(Number(task.plan_version_id)), task);
    return { ...r, planNameEn: names.planNameEn, pointLabelEn: names.pointLabelEn };
  });
  return { ...result, rows };
}
