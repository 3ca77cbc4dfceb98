import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/shared/model';
import type { TestDispatch } from '../helpers/dispatch';
import { STORE_KINDS } from '../helpers/stores';
import { TODAY, type Fixture } from './reports-fixture';
import { openReportsWorld, type ReportsWorld } from './reports-world';

describe.each(STORE_KINDS)('saved reports and user departments on %s', (kind) => {
  let world: ReportsWorld;
  let fx: Fixture;
  let call: TestDispatch;
  let clock: ReportsWorld['clock'];
  let head1: User, head2: User, head3: User, admin: User, nurse: User;
  const spec = { rows: 'month', measures: ['followUpRate'], filters: { from: '2026-11-01', to: '2026-11-30' } };
  const names = async (u: User) => (await call(u, 'reports.saved.list')).map((r: { name: string }) => r.name);

  beforeAll(async () => {
    world = await openReportsWorld(kind);
    ({
      fx,
      call,
      clock,
      users: { head1, head2, head3, admin, nurse },
    } = world);
  });
  afterAll(() => world?.close());

  it('shares a department report with its heads and keeps a personal one private', async () => {
    const dept = await call(head1, 'reports.saved.save', { name: '心内科月报', deptId: fx.depts.A, spec });
    expect(dept).toMatchObject({ name: '心内科月报', deptId: fx.depts.A, ownerId: fx.users.head1, updatedAt: TODAY });
    expect(dept.spec.rows).toBe('month');
    await call(head1, 'reports.saved.save', { name: '我的报表', deptId: null, spec });
    expect(await names(head1)).toEqual(['心内科月报', '我的报表']);
    // head3 also heads A; head2 heads C only.
    expect(await names(head3)).toEqual(['心内科月报']);
    expect(await names(head2)).toEqual([]);
    expect(await names(admin)).toEqual(['心内科月报', '我的报表']);
    await expect(call(nurse, 'reports.saved.list')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets only the owner or an admin change or delete a report', async () => {
    const [shared] = await call(head3, 'reports.saved.list');
    await expect(call(head3, 'reports.saved.save', { id: shared.id, name: 'x', deptId: fx.depts.A, spec })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(head3, 'reports.saved.delete', { id: shared.id })).rejects.toMatchObject({ code: 'forbidden' });
    clock.set('2026-11-21 08:00:00');
    const renamed = await call(head1, 'reports.saved.save', { id: shared.id, name: '心内科月报（新）', deptId: fx.depts.A, spec });
    expect(renamed).toMatchObject({ id: shared.id, name: '心内科月报（新）', updatedAt: '2026-11-21 08:00:00' });
    clock.set(TODAY);
    expect(await call(admin, 'reports.saved.delete', { id: shared.id })).toEqual({ deleted: true });
    expect(await names(head3)).toEqual([]);
    await expect(call(admin, 'reports.saved.delete', { id: shared.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it("refuses to share with, or read, a department outside the author's scope", async () => {
    await expect(call(head1, 'reports.saved.save', { name: 'x', deptId: fx.depts.C, spec })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      call(head1, 'reports.saved.save', { name: 'x', deptId: null, spec: { ...spec, filters: { ...spec.filters, deptIds: [fx.depts.C] } } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lets an admin list users and set their departments', async () => {
    const users = await call(admin, 'users.list');
    expect(users.find((u: { id: number }) => u.id === fx.users.head1)).toMatchObject({
      username: 'head1',
      role: 'head',
      deptIds: [fx.depts.A, fx.depts.B].sort((a, b) => a - b),
    });
    const head2Now = await call(admin, 'users.setDepartments', { userId: fx.users.head2, deptIds: [fx.depts.C, fx.depts.B, fx.depts.C] });
    expect(head2Now.deptIds).toEqual([fx.depts.B, fx.depts.C].sort((a, b) => a - b));
    const trail = await world.store.knex('audit_log').where({ action: 'users.setDepartments' }).orderBy('id', 'desc').first();
    expect(trail).toMatchObject({ user_id: fx.users.admin });
    expect(JSON.parse(trail.detail)).toEqual({ userId: fx.users.head2, before: [fx.depts.C], after: head2Now.deptIds });
    // Her dashboard now covers B and C: due B 3 + C 1.
    const dash = await call(head2, 'reports.dashboard', { month: '2026-11' });
    expect(dash.metrics.find((m: { code: string }) => m.code === 'due').value).toBe(4);
    await expect(call(admin, 'users.setDepartments', { userId: fx.users.head2, deptIds: [999999] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call(admin, 'users.setDepartments', { userId: 999999, deptIds: [] })).rejects.toMatchObject({ code: 'not_found' });
    for (const u of [head1, nurse]) {
      await expect(call(u, 'users.list')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(call(u, 'users.setDepartments', { userId: u.id, deptIds: [fx.depts.C] })).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses every reports method to nurses and to callers not signed in', async () => {
    const inputs: [string, unknown][] = [
      ['reports.metrics', undefined],
      ['reports.dashboard', { month: '2026-11' }],
      ['reports.drilldown', { metric: 'due', from: '2026-11-01', to: '2026-11-30', part: 'numerator' }],
      ['reports.run', spec],
      ['reports.saved.list', undefined],
      ['reports.saved.save', { name: 'x', deptId: null, spec }],
      ['reports.saved.delete', { id: 1 }],
    ];
    for (const [method, input] of inputs) {
      await expect(call(nurse, method, input), method).rejects.toMatchObject({ code: 'forbidden' });
      await expect(call(null, method, input), method).rejects.toMatchObject({ code: 'unauthenticated' });
    }
  });
});
