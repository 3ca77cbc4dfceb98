import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDispatcher } from '../helpers/dispatch';
import { fixedClock } from '../helpers/his';
import { lockWaiters } from '../helpers/pg-locks';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';
import { createUser, userForToken } from '../../src/main/auth/users';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';

// The admin's user management through the app's dispatcher: add, list (pinyin order, lockout,
// last sign-in), edit, new password, disable/enable; never herself nor the last active admin;
// every change audited, no password in the log; and no way to delete a user.

const PASSWORD = 'secret-1234';
const NEW_PASSWORD = 'Fresh-pass-2026';

describe.each(STORE_KINDS)('user management on %s', (kind) => {
  const clock = fixedClock('2026-06-30 09:00:00');
  let t: TestStore;
  let store: Store;
  let admin1: User, admin2: User;
  let dept: number;
  let d: ReturnType<typeof testDispatcher>;

  async function call(user: User | null, method: string, input?: unknown, token: string | null = null): Promise<any> {
    const out = await d.dispatch({ user, token, transport: 'ipc' }, method, input);
    if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
    return out.result;
  }
  const signIn = async (username: string, password: string): Promise<string> => (await call(null, 'auth.login', { username, password })).token;
  const alive = async (token: string) => (await userForToken(store.knex, clock, token)) !== null;
  const lastAudit = async (action: string) => {
    const row = await store.knex('audit_log').where({ action }).orderBy('id', 'desc').first();
    return { ...row, detail: JSON.parse(row.detail) };
  };
  const byName = async (username: string) => (await call(admin1, 'users.list')).find((u: { username: string }) => u.username === username);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    d = testDispatcher(store, clock, tempDir('users-admin'));
    const [row] = await store
      .knex('departments')
      .insert({ source_system: 'his', source_code: 'D1', name: '心内科', name_pinyin: 'xinneike', updated_at: '2026-06-01 00:00:00' })
      .returning('id');
    dept = Number(row.id);
    admin1 = await createUser(store.knex, clock, { username: 'admin1', displayName: '张管理', role: 'admin', password: PASSWORD });
    admin2 = await createUser(store.knex, clock, { username: 'admin2', displayName: '李管理', role: 'admin', password: PASSWORD });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('adds a user with departments, refuses a weak password and a taken name, and leaves no password in the log', async () => {
    const nurse = await call(admin1, 'users.create', { username: 'nurse2', displayName: '王护士', role: 'nurse', deptIds: [dept], password: PASSWORD });
    expect(nurse).toMatchObject({
      username: 'nurse2',
      displayName: '王护士',
      role: 'nurse',
      deptIds: [dept],
      active: true,
      lockedUntil: null,
      lastSignInAt: null,
    });
    expect(await signIn('nurse2', PASSWORD)).toBeTruthy();
    const weak = call(admin1, 'users.create', { username: 'nurse3', displayName: '赵护士', role: 'nurse', password: '12345678901' });
    await expect(weak).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/不能全是数字.*only digits/) });
    await expect(call(admin1, 'users.create', { username: 'NURSE2', displayName: 'x', role: 'nurse', password: PASSWORD })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/已存在.*taken/),
    });
    await expect(
      call(admin1, 'users.create', { username: 'nurse4', displayName: 'x', role: 'nurse', deptIds: [999999], password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await store.knex('users').whereIn('username', ['nurse3', 'nurse4']).first()).toBeUndefined();
    const trail = await lastAudit('users.create');
    expect(trail).toMatchObject({ user_id: admin1.id, username: 'admin1' });
    expect(trail.detail).toEqual({ userId: nurse.id, username: 'nurse2', displayName: '王护士', role: 'nurse', deptIds: [dept] });
    await expect(call(admin1, 'users.delete', { userId: nurse.id })).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('lists users by the pinyin of their names, with the lockout and the last sign-in', async () => {
    await call(admin1, 'users.create', { username: 'alice', displayName: 'Alice', role: 'head', password: PASSWORD });
    expect((await call(admin1, 'users.list')).map((u: { displayName: string }) => u.displayName)).toEqual(['Alice', '李管理', '王护士', '张管理']);
    clock.set('2026-06-30 10:00:00');
    await signIn('alice', PASSWORD);
    for (let i = 0; i < 5; i++) await expect(signIn('nurse2', 'wrong-password')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await byName('alice')).toMatchObject({ lastSignInAt: '2026-06-30 10:00:00', lockedUntil: null });
    expect(await byName('nurse2')).toMatchObject({ lockedUntil: '2026-06-30 10:15:00' });
    expect(await call(admin1, 'users.unlock', { userId: (await byName('nurse2')).id })).toEqual({ unlocked: true });
    expect(await byName('nurse2')).toMatchObject({ lockedUntil: null });
  });

  it('renames and changes the role, audited with before and after', async () => {
    const alice = await byName('alice');
    const out = await call(admin1, 'users.update', { userId: alice.id, displayName: '艾丽斯', role: 'nurse' });
    expect(out).toMatchObject({ displayName: '艾丽斯', role: 'nurse', active: true });
    expect((await lastAudit('users.update')).detail).toEqual({
      userId: alice.id,
      before: { display_name: 'Alice', role: 'head', active: 1 },
      after: { display_name: '艾丽斯', role: 'nurse', active: 1 },
      sessionsEnded: 0,
    });
  });

  it('sets a new password: her sessions end, the old password stops working, a weak one is refused', async () => {
    const nurse = await byName('nurse2');
    const [s1, s2] = [await signIn('nurse2', PASSWORD), await signIn('nurse2', PASSWORD)];
    await expect(call(admin1, 'users.resetPassword', { userId: nurse.id, password: 'nurse2' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await alive(s1)).toBe(true);
    const open = Number((await store.knex('sessions').where({ user_id: nurse.id }).count({ n: '*' }))[0].n);
    expect(open).toBeGreaterThanOrEqual(2);
    expect(await call(admin1, 'users.resetPassword', { userId: nurse.id, password: NEW_PASSWORD })).toEqual({ sessionsEnded: open });
    expect([await alive(s1), await alive(s2)]).toEqual([false, false]);
    await expect(signIn('nurse2', PASSWORD)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await alive(await signIn('nurse2', NEW_PASSWORD))).toBe(true);
    const trail = await lastAudit('users.resetPassword');
    expect(trail.detail).toEqual({ userId: nurse.id, username: 'nurse2', sessionsEnded: open, unlocked: false });
    expect(JSON.stringify(trail)).not.toContain(NEW_PASSWORD);
    // Her own new password: her other sessions end, not the one she is using.
    const [mine, other] = [await signIn('admin1', PASSWORD), await signIn('admin1', PASSWORD)];
    expect(await call(admin1, 'users.resetPassword', { userId: admin1.id, password: NEW_PASSWORD }, mine)).toEqual({ sessionsEnded: 1 });
    expect([await alive(mine), await alive(other)]).toEqual([true, false]);
  });

  it('disables a user: her sessions end at once and she cannot sign in until enabled again', async () => {
    const nurse = await byName('nurse2');
    const session = await signIn('nurse2', NEW_PASSWORD);
    const out = await call(admin1, 'users.update', { userId: nurse.id, active: false });
    expect(out).toMatchObject({ active: false });
    expect(await alive(session)).toBe(false);
    expect(await store.knex('sessions').where({ user_id: nurse.id }).first()).toBeUndefined();
    const { detail } = await lastAudit('users.update');
    expect(detail).toMatchObject({ before: { active: 1 }, after: { active: 0 } });
    expect(detail.sessionsEnded).toBeGreaterThanOrEqual(1);
    await expect(signIn('nurse2', NEW_PASSWORD)).rejects.toMatchObject({ code: 'unauthenticated' });
    await call(admin1, 'users.update', { userId: nurse.id, active: true });
    expect(await signIn('nurse2', NEW_PASSWORD)).toBeTruthy();
  });

  it('never lets an admin disable or demote herself, nor anyone the last active admin', async () => {
    await expect(call(admin1, 'users.update', { userId: admin1.id, active: false })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/不能停用自己.*your own account/),
    });
    await expect(call(admin1, 'users.update', { userId: admin1.id, role: 'head' })).rejects.toMatchObject({ code: 'conflict' });
    await call(admin1, 'users.update', { userId: admin2.id, active: false });
    // admin2's request from before she was disabled: admin1 is now the only active admin.
    for (const change of [{ active: false }, { role: 'nurse' }])
      await expect(call(admin2, 'users.update', { userId: admin1.id, ...change })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/最后一个启用的管理员.*last active admin/),
      });
    expect(await byName('admin1')).toMatchObject({ role: 'admin', active: true });
    await call(admin1, 'users.update', { userId: admin2.id, active: true });
  });

  it('lets only one of two admins disabling each other at the same time succeed', async () => {
    // On PostgreSQL both requests are held at the admins' rows until both have read them (by
    // connections of their own, as another workstation's: the requests use the store's); on
    // SQLite the store's one connection runs one transaction at a time.
    const other = kind === 'pg' ? knexFactory({ client: 'pg', connection: (t.config as { connection: string }).connection, pool: { min: 0, max: 2 } }) : null;
    const hold = other ? await other.transaction() : null;
    await hold?.('users').where({ role: 'admin' }).forUpdate().select('id');
    const both = Promise.allSettled([
      call(admin1, 'users.update', { userId: admin2.id, active: false }),
      call(admin2, 'users.update', { userId: admin1.id, active: false }),
    ]);
    if (hold) {
      await expect.poll(() => lockWaiters(other!)).toBe(2);
      await hold.commit();
    }
    const outcomes = await both;
    await other?.destroy();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    expect(Number((await store.knex('users').where({ role: 'admin', active: 1 }).count({ n: '*' }))[0].n)).toBe(1);
  });
});
