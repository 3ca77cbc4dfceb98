import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createDispatcher, type CallContext, type Handlers, type PublicContext } from '../../src/main/api/dispatcher';
import { ApiError } from '../../src/main/api/errors';
import type { AuditEntry } from '../../src/main/api/policy';
import type { Role, User } from '../../src/shared/model';

// The dispatcher writes each call's audit row from the contract's declaration, with what the
// handler added, and masks the output: no handler writes a row or masks by itself.

type Written = { ctx: CallContext; entry: AuditEntry; trx?: Knex };
const user = (role: Role): User => ({ id: 3, username: `u-${role}`, displayName: role, role });

function harness(impl: Record<string, (input: unknown, ctx: PublicContext) => Promise<unknown>>) {
  const written: Written[] = [];
  const handlers = new Proxy({} as Handlers, { get: (_t, m: string) => impl[m] });
  const d = createDispatcher(
    handlers,
    () => {},
    () => {},
    async (ctx, entry, trx) => void written.push({ ctx, entry, trx }),
  );
  const call = (role: Role | null, method: string, input: unknown) =>
    d.dispatch({ user: role && user(role), token: null, transport: 'http', address: '10.1.2.3' }, method, input);
  return { written, call };
}

describe('dispatcher audit and masking', () => {
  it('writes the declared row with the patient, the detail paths and the address, and masks the output for a head', async () => {
    const h = harness({
      'patients.timeline': async () => ({ patient: { idNumber: '110101199003074514', phones: [{ number: '13912345678' }] } }),
    });
    const out = await h.call('head', 'patients.timeline', { patientId: 5 });
    expect(out).toEqual({ ok: true, result: { patient: { idNumber: '110101********4514', phones: [{ number: '139****5678' }] } } });
    expect(h.written).toHaveLength(1);
    expect(h.written[0].entry).toEqual({ action: 'patient.view', kind: 'view', patientId: 5, detail: null });
    expect(h.written[0].ctx).toMatchObject({ user: { username: 'u-head' }, address: '10.1.2.3' });
  });

  it('copies the input and named output values into the detail', async () => {
    const h = harness({ 'calls.list': async () => [{ number: '13912345678' }, { number: '13812345678' }] });
    const out = await h.call('nurse', 'calls.list', { patientId: 9, missedOnly: true });
    // A nurse dials: she sees the numbers in full.
    expect(out).toMatchObject({ ok: true, result: [{ number: '13912345678' }, { number: '13812345678' }] });
    expect(h.written[0].entry).toEqual({ action: 'call.list', kind: 'view', patientId: 9, detail: { patientId: 9, missedOnly: true, limit: 50, rows: 2 } });
  });

  it('takes what the handler knows: another action, a patient it looked up, or nothing to record', async () => {
    const h = harness({
      'calls.setConsent': async (input, ctx) => {
        ctx.audit = { action: 'call.consent.withdraw', patientId: 44 };
        return { consent: (input as { consent: boolean }).consent };
      },
      'softphone.credentials': async (_i, ctx) => {
        ctx.audit = { skip: true };
        return null;
      },
    });
    await h.call('nurse', 'calls.setConsent', { callId: 2, consent: false });
    await h.call('nurse', 'softphone.credentials', undefined);
    expect(h.written.map((w) => w.entry)).toEqual([{ action: 'call.consent.withdraw', kind: 'change', patientId: 44, detail: { callId: 2, consent: false } }]);
  });

  it('records a refused sign-in the handler asked to keep, and nothing for other refusals', async () => {
    const h = harness({
      'auth.login': async (_i, ctx) => {
        ctx.audit = { user: null, action: 'login_failed', detail: { transport: 'http' }, evenIfRefused: true };
        throw new ApiError('unauthenticated', 'wrong password');
      },
      'users.unlock': async () => {
        throw new ApiError('not_found', 'no such user');
      },
    });
    expect(await h.call(null, 'auth.login', { username: 'amy', password: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await h.call('admin', 'users.unlock', { userId: 8 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(h.written.map((w) => [w.entry.action, w.entry.detail, w.ctx.user])).toEqual([['login_failed', { username: 'amy', transport: 'http' }, null]]);
  });

  it('writes the row inside the handler transaction when asked, and not a second time', async () => {
    const trx = { marker: 'trx' } as unknown as Knex;
    const h = harness({
      'users.setDepartments': async (_i, ctx) => {
        ctx.audit.detail = { before: [1], after: [2] };
        await ctx.auditWithin(trx);
        return { id: 8 };
      },
    });
    await h.call('admin', 'users.setDepartments', { userId: 8, deptIds: [2] });
    expect(h.written).toHaveLength(1);
    expect(h.written[0].trx).toBe(trx);
    expect(h.written[0].entry).toEqual({ action: 'users.setDepartments', kind: 'change', patientId: null, detail: { userId: 8, before: [1], after: [2] } });
  });

  it('fails the call when its audit row cannot be written', async () => {
    const handlers = new Proxy({} as Handlers, { get: () => async () => ({ total: 0, rows: [] }) });
    const d = createDispatcher(
      handlers,
      () => {},
      () => {},
      async () => {
        throw new Error('disk full');
      },
    );
    const out = await d.dispatch({ user: user('nurse'), token: null, transport: 'ipc' }, 'patients.find', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
