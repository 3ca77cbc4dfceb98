import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { auditedChange, inTransaction } from '../store/in-transaction';
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
    const task = await store.knex('tasks').where({ id: taskId }).first('id', 'dept_id', 'patient_id');
    if (!task) throw new ApiError('not_found', `task ${taskId} not found`);
    await assertTaskVisible(store.knex, user, { id: Number(task.id), dept_id: task.dept_id });
    return { patientId: Number(task.patient_id) };
  };
  return {
    'tasks.queue': async (input, ctx) => queue(store.knex, { ...input, ...(await scope(ctx.user)) }, ctx.user, at()),
    'tasks.claimNext': async (input, ctx) => {
      const t = at();
      const filters = { ...input, ...(await scope(ctx.user)) };
      const claimed = await inTransaction(store, async (trx) => {
        const c = await claimNext(trx, filters, ctx.user, t);
        if (c) await ctx.auditWithin(trx.knex, { task: c });
        return c;
      });
      // Nothing left to claim changed nothing.
      if (!claimed) ctx.audit.skip = true;
      return { task: claimed ? await queueRowById(store.knex, claimed.id, ctx.user, t) : null };
    },
    'tasks.claim': async ({ taskId }, ctx) => {
      const t = at();
      const { patientId } = await visible(taskId, ctx.user);
      await inTransaction(store, async (trx) => {
        await claimTask(trx, taskId, ctx.user, t);
        await ctx.auditWithin(trx.knex, { task: { patientId } });
      });
      return { task: (await queueRowById(store.knex, taskId, ctx.user, t))! };
    },
    'tasks.release': async ({ taskId }, ctx) => {
      await visible(taskId, ctx.user);
      return auditedChange(store, ctx, async (trx) => {
        await releaseTask(trx, taskId, ctx.user, at());
        return { ok: true as const };
      });
    },
    'followup.open': async ({ taskId }, ctx) => {
      return openFollowup(store, await questionnairesOf(store.knex, clock), ctx.user, taskId, at());
    },
    'followup.saveDraft': async (input, ctx) =>
      saveDraft(store, await questionnairesOf(store.knex, clock), ctx.user, input, at().now, (trx, out) => ctx.auditWithin(trx, out)),
    'followup.logAttempt': async (input, ctx) => logAttempt(store, ctx.user, input, at().now, (trx, out) => ctx.auditWithin(trx, out)),
    'followup.complete': async (input, ctx) =>
      completeFollowup(store, await questionnairesOf(store.knex, clock), ctx.user, input, at().now, (trx, out) => {
        ctx.audit.patientId = out.patientId;
        return ctx.auditWithin(trx, out);
      }),
  };
};
