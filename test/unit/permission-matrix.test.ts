import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/api/dispatcher';
import { methods } from '../../src/shared/contract';
import type { Role, User } from '../../src/shared/model';

// Who may call what, written out by hand: a method added to the contract without a line here,
// or a line whose roles differ from the contract's, fails. N = nurse, H = head, A = admin,
// public = also without signing in.
const MATRIX: Record<string, 'public' | string> = {
  'auth.login': 'public',
  'auth.me': 'public',
  'auth.logout': 'N H A',
  'departments.list': 'N H A',
  'patients.find': 'N H A',
  'patients.timeline': 'N H A',
  'sync.start': 'A',
  'sync.cancel': 'A',
  'sync.runs': 'H A',
  'sync.rejected': 'H A',
  'plans.list': 'N H A',
  'plans.get': 'N H A',
  'plans.export': 'N H A',
  'plans.preview': 'H A',
  'plans.save': 'H A',
  'plans.activate': 'H A',
  'plans.retire': 'H A',
  'plans.templates': 'H A',
  'tasks.generate': 'H A',
  'tasks.queue': 'N H',
  'tasks.claimNext': 'N H',
  'tasks.claim': 'N H',
  'tasks.release': 'N H',
  'followup.open': 'N H',
  'followup.saveDraft': 'N H',
  'followup.logAttempt': 'N H',
  'followup.complete': 'N H',
  'softphone.account': 'N H A',
  'softphone.saveAccount': 'N H A',
  'softphone.credentials': 'N H A',
  'softphone.voice': 'N H A',
  'softphone.setProvider': 'N H A',
  'calls.start': 'N H A',
  'calls.answered': 'N H A',
  'calls.end': 'N H A',
  'calls.link': 'N H A',
  'calls.setOutcome': 'N H A',
  'calls.setConsent': 'N H A',
  'calls.uploadRecording': 'N H A',
  'calls.recordingData': 'N H A',
  'calls.lookupCaller': 'N H A',
  'calls.list': 'N H A',
  'calls.purgeRecordings': 'A',
  'calls.twilioToken': 'N H A',
  'messages.templates': 'N H A',
  'messages.list': 'N H A',
  'messages.preview': 'N H A',
  'messages.send': 'N H',
  'messages.optOut': 'N H',
  'reports.metrics': 'H A',
  'reports.dashboard': 'H A',
  'reports.drilldown': 'H A',
  'reports.run': 'H A',
  'reports.saved.list': 'H A',
  'reports.saved.save': 'H A',
  'reports.saved.delete': 'H A',
  'reports.survival': 'H A',
  // Which kinds of export a role may start is checked per kind by the export service.
  'exports.start': 'N H A',
  'exports.cancel': 'N H A',
  'exports.list': 'N H A',
  'users.list': 'A',
  'users.create': 'A',
  'users.update': 'A',
  'users.resetPassword': 'A',
  'users.setDepartments': 'A',
  'users.unlock': 'A',
  'audit.search': 'A',
  'audit.verify': 'A',
};

const LETTER: Record<Role, string> = { nurse: 'N', head: 'H', admin: 'A' };
const user = (role: Role): User => ({ id: 7, username: `u-${role}`, displayName: role, role });
const allowed = (method: string, role: Role | null) => MATRIX[method] === 'public' || (role !== null && MATRIX[method].split(' ').includes(LETTER[role]));

describe('permission matrix', () => {
  it('names every contract method with the roles the contract gives it', () => {
    const fromContract = Object.fromEntries(
      Object.entries(methods).map(([name, spec]) => [
        name,
        spec.roles === 'public'
          ? 'public'
          : (['nurse', 'head', 'admin'] as Role[])
              .filter((r) => (spec.roles as Role[]).includes(r))
              .map((r) => LETTER[r])
              .join(' '),
      ]),
    );
    expect(fromContract).toEqual(MATRIX);
  });

  it('is enforced by the dispatcher for every method, every role and no sign-in', async () => {
    const ran: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_t, method: string) => async () => {
        ran.push(method);
        return { ran: true };
      },
    });
    const d = createDispatcher(handlers);
    for (const method of Object.keys(MATRIX)) {
      for (const role of [null, 'nurse', 'head', 'admin'] as const) {
        ran.length = 0;
        const out = await d.dispatch({ user: role && user(role), token: null, transport: 'http' }, method, undefined);
        const refusal = !out.ok && ['forbidden', 'unauthenticated'].includes(out.error.code) ? out.error.code : null;
        const label = `${method} as ${role ?? 'anonymous'}`;
        if (allowed(method, role)) {
          expect(refusal, label).toBeNull();
          // Refused only for its (empty) input, never before the role check let it through.
          expect(out.ok ? ran : !out.ok && out.error.code, label).toEqual(out.ok ? [method] : 'invalid_input');
        } else {
          expect(refusal, label).toBe(role ? 'forbidden' : 'unauthenticated');
          expect(ran, label).toEqual([]);
        }
      }
    }
  });
});
