import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { audit } from './audit';
import { addUser, asNewUsername, changeUser, resetPassword } from './user-admin';
import { departmentsOf, setDepartments } from './user-departments';
import { userSummary, listUsers } from './user-list';
import { unlock } from './throttle';

// The admin's user management. Every change is audited with who made it, from where, and what
// it was before; a password never reaches the log.

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
      const { password: _password, ...detail } = input;
      const userId = await asNewUsername(input.username, () =>
        knex.transaction(async (trx) => {
          const id = await addUser(trx, clock, input);
          await audit(trx, clock, ctx, 'users.create', null, { userId: id, ...detail });
          return id;
        }),
      );
      return summary(userId);
    },
    'users.update': async (input, ctx) => {
      await knex.transaction(async (trx) => {
        const change = await changeUser(trx, ctx.user!.id, input);
        await audit(trx, clock, ctx, 'users.update', null, { userId: input.userId, ...change });
      });
      return summary(input.userId);
    },
    'users.resetPassword': async (input, ctx) =>
      knex.transaction(async (trx) => {
        const out = await resetPassword(trx, input, ctx.token);
        await audit(trx, clock, ctx, 'users.resetPassword', null, { userId: input.userId, ...out });
        return { sessionsEnded: out.sessionsEnded };
      }),
    // Which patients a head sees follows from this: who changed it, and from what, is audited.
    'users.setDepartments': async ({ userId, deptIds }, ctx) => {
      await knex.transaction(async (trx) => {
        const before = await departmentsOf(trx, userId);
        const after = await setDepartments(trx, userId, deptIds);
        await audit(trx, clock, ctx, 'users.setDepartments', null, { userId, before, after: after.deptIds });
      });
      return summary(userId);
    },
    'users.unlock': async ({ userId }, ctx) => {
      const row = (await knex('users').where({ id: userId }).first('username')) as { username: string } | undefined;
      if (!row) throw new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
      const unlocked = await unlock(knex, { kind: 'account', value: row.username });
      await audit(knex, clock, ctx, 'users.unlock', null, { userId, username: row.username, unlocked });
      return { unlocked };
    },
  };
};
