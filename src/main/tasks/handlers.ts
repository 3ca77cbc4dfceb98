import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { assertTaskVisible, patientScopeOf } from '../auth/access';
import { ApiError } from '../api/errors';
import type { User } from '../../shared/model';
import { beijingDate, beijingTimestamp } from '../util/clock';
import { claimNext, claimTask, releaseTask } from './claim';
import { completeFollowup } from './complete';
import { logAttempt, saveDraft } from './drafts';
import { questionnairesOf } from '../questionnaires/store-library';
import { queue } from './queue';
import { queueRowById } from './rows';
import { openFollowup } from './view';

type FollowupMethod =
  'tasks.queue' | 'tasks.claimNext' | 'tasks.claim' | 'tasks.release' | 'followup.open' | 'followup.saveDraft' | 'followup.logAttempt' | 'followup.complete';

export const followupHandlers = ({ store, clock }: Services): Pick<Handlers, FollowupMethod> => {
  const at = () => ({ today: beijingDate(clock.now()), now: beijingTimestamp(clock.now()) });
  // A head works and watches her departments' tasks only (src/main/auth/access.ts).
  const scope = async (user: User) => {
    const s = await patientScopeOf(store.knex, user);
    return s.all ? {} : { scopeDeptIds: s.deptIds };
  };
  const visible = async (taskId: number, user: User) => {
    const task = await store.knex('tasks').where({ id: taskId }).first('id', 'dept_id');
    if (!task) throw new ApiError('not_found', `task ${taskId} not found`);
    await assertTaskVisible(store.knex, user, { id: Number(task.id), dept_id: task.dept_id });
  };
  return {
    'tasks.queue': async (input, ctx) => queue(store.knex, { ...input, ...(await scope(ctx.user)) }, ctx.user, at()),
    'tasks.claimNext': async (input, ctx) => {
      const t = at();
      const id = await claimNext(store, { ...input, ...(await scope(ctx.user)) }, ctx.user, t);
      return { task: id ? await queueRowById(store.knex, id, ctx.user.role, t.today) : null };
    },
    'tasks.claim': async ({ taskId }, ctx) => {
      const t = at();
      await visible(taskId, ctx.user);
      await claimTask(store, taskId, ctx.user, t);
      return { task: (await queueRowById(store.knex, taskId, ctx.user.role, t.today))! };
    },
    'tasks.release': async ({ taskId }, ctx) => {
      await visible(taskId, ctx.user);
      await releaseTask(store, taskId, ctx.user, at());
      return { ok: true };
    },
    'followup.open': async ({ taskId }, ctx) => {
      return openFollowup(store, await questionnairesOf(store.knex, clock), ctx.user, taskId, at().today);
    },
    'followup.saveDraft': async (input, ctx) => saveDraft(store, await questionnairesOf(store.knex, clock), ctx.user, input, at().now),
    'followup.logAttempt': async (input, ctx) => logAttempt(store, ctx.user, input, at().now),
    'followup.complete': async (input, ctx) => {
      const r = await completeFollowup(store, await questionnairesOf(store.knex, clock), ctx.user, input, at().now);
      const task = await store.knex('tasks').where({ id: input.taskId }).first('patient_id');
      ctx.audit.patientId = Number(task.patient_id);
      return r;
    },
  };
};
