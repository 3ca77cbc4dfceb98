import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { auditedChange } from '../store/in-transaction';
import { addUser, asNewUsername, changeUser, resetPassword } from './user-admin';
import { departmentsOf, setDepartments } from './user-departments';
import { userSummary, listUsers } from './user-list';
import { unlock } from './throttle';

// The admin's user management. Every change is audited (as the contract declares) with who made
// it, from where, and what it was before, in the change's own transaction; a password never
// reaches the log.

type UserMethod = 'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.setDepartments' | 'users.unlock';

export const userHandlers = ({ store, clock }: Services): Pick<Handlers, UserMethod> => {
  const { knex } = store;
  const summary = async (userId: number) => {
    const out = await userSummary(knex, clock, userId);
    if (!out) throw new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
    return out;
  };
  return {
    'users.list': async () => listUsers(knex, clock),
    'users.create': async (input, ctx) => {
      const userId = await asNewUsername(input.username, () =>
        knex.transaction(async (trx) => {
          const id = await addUser(trx, clock, input);
          ctx.audit.detail = { userId: id };
          await ctx.auditWithin(trx);
          return id;
        }),
      );
      return summary(userId);
    },
    'users.update': async (input, ctx) => {
      await knex.transaction(async (trx) => {
        ctx.audit.detail = { ...(await changeUser(trx, ctx.user.id, input)) };
        await ctx.auditWithin(trx);
      });
      return summary(input.userId);
    },
    'users.resetPassword': async (input, ctx) =>
      knex.transaction(async (trx) => {
        const out = await resetPassword(trx, input, ctx.token);
        ctx.audit.detail = { ...out };
        await ctx.auditWithin(trx);
        return { sessionsEnded: out.sessionsEnded };
      }),
    // Which patients a head sees follows from this: who changed it, and from what, is audited.
    'users.setDepartments': async ({ userId, deptIds }, ctx) => {
      await knex.transaction(async (trx) => {
        const before = await departmentsOf(trx, userId);
        const after = await setDepartments(trx, userId, deptIds);
        ctx.audit.detail = { before, after: after.deptIds };
        await ctx.auditWithin(trx);
      });
      return summary(userId);
    },
    'users.unlock': async ({ userId }, ctx) => {
      const row = (await knex('users').where({ id: userId }).first('username')) as { username: string } | undefined;
      if (!row) throw new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
      ctx.audit.detail = { username: row.username };
      return auditedChange(store, ctx, async (trx) => ({ unlocked: await unlock(trx.knex, { kind: 'account', value: row.username }) }));
    },
  };
};
