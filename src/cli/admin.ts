import type { Command } from 'commander';
import { setDepartments } from '../main/auth/user-departments';
import { passwordProblem } from '../main/auth/password-policy';
import { unlock } from '../main/auth/throttle';
import { createUser } from '../main/auth/users';
import { loadConfig } from '../main/config';
import { knownMigrations } from '../main/store/migration-source';
import { describeStore, openStore } from '../main/store/store';
import { systemClock } from '../main/util/clock';
import { dataDirOf, positiveInt, UsageError, withDataOption } from './common';

export function registerAdmin(program: Command): void {
  withDataOption(program.command('migrate').description('bring the store schema up to date')).action(async (opts: { data?: string }) => {
    const config = loadConfig(dataDirOf(opts));
    const store = await openStore(config.store);
    await store.close();
    console.log(`${describeStore(config.store)}: ${knownMigrations().length} migrations applied`);
  });

  const user = program.command('user').description('manage users');
  withDataOption(user.command('add').description('add a user'))
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--role <role>', 'nurse | head | admin')
    .option('--name <display>', 'display name (default: the username)')
    .option('--password <password>', 'password (default: read FOLLOWUP_NEW_PASSWORD)')
    .option('--dept <id>', 'a department a head answers for (repeatable)', (v: string, prev: number[] = []) => [...prev, positiveInt('dept')(v)])
    .action(async (opts: { data?: string; username: string; role: string; name?: string; password?: string; dept?: number[] }) => {
      if (!['nurse', 'head', 'admin'].includes(opts.role))
        throw new UsageError(`角色须为 nurse、head 或 admin (--role must be nurse, head or admin, got "${opts.role}")`);
      const password = opts.password ?? process.env.FOLLOWUP_NEW_PASSWORD;
      if (!password) throw new UsageError('需要密码 (a password is needed: --password or FOLLOWUP_NEW_PASSWORD)');
      const weak = passwordProblem(opts.username, password);
      if (weak) throw new UsageError(weak);
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        // One transaction: an unknown department leaves no user behind.
        const out = await store.knex.transaction(async (trx) => {
          const u = await createUser(trx, systemClock, {
            username: opts.username,
            displayName: opts.name ?? opts.username,
            role: opts.role as 'nurse',
            password,
          });
          const deptIds = opts.dept ? (await setDepartments(trx, u.id, opts.dept)).deptIds : [];
          return { ...u, ...(deptIds.length ? { deptIds } : {}) };
        });
        console.log(JSON.stringify(out));
      } catch (err) {
        if (/unique|duplicate/i.test((err as Error).message)) throw new Error(`user ${opts.username} already exists`, { cause: err });
        throw err;
      } finally {
        await store.close();
      }
    });

  // An admin locked out of her own account (or a nurse's PC behind a locked address) is let in
  // again here, on the server; users.unlock does the same from the UI.
  withDataOption(user.command('unlock').description('lift a sign-in lockout'))
    .option('--username <name>', 'the locked account')
    .option('--address <ip>', 'the locked client address')
    .action(async (opts: { data?: string; username?: string; address?: string }) => {
      if (!opts.username && !opts.address) throw new UsageError('name the account (--username) or the address (--address) to unlock');
      const store = await openStore(loadConfig(dataDirOf(opts)).store);
      try {
        const account = opts.username ? await unlock(store.knex, { kind: 'account', value: opts.username }) : undefined;
        const address = opts.address ? await unlock(store.knex, { kind: 'address', value: opts.address }) : undefined;
        console.log(JSON.stringify({ account, address }));
      } finally {
        await store.close();
      }
    });
}
