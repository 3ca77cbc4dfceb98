import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/api/dispatcher';
import { maskOutput } from '../../src/main/api/policy';
import { methods } from '../../src/shared/contract';
import type { MaskSpec, MethodSpec } from '../../src/shared/contract/common';
import type { Role, User } from '../../src/shared/model';

// Who may call what, what the call audits and which output fields are masked, written out by
// hand: a method added to the contract without a line here, or a line that differs from the
// contract's declarations, fails. Roles: N = nurse, H = head, A = admin, public = also without
// signing in; then the audit kind (view, export, change, access or none); then the masked kinds.
const MATRIX: Record<string, 'public' | string> = {
  'auth.login': 'public | access',
  'auth.me': 'public | none',
  'auth.logout': 'N H A | access',
  'departments.list': 'N H A | none',
  'diagnoses.expand': 'N H A | none',
  'patients.find': 'N H A | view | phone',
  'patients.timeline': 'N H A | view | idNumber,phone',
  'sync.start': 'A | change',
  'sync.cancel': 'A | change',
  'sync.runs': 'H A | none',
  'sync.rejected': 'H A | view | adminOnly',
  'sync.check': 'A | view',
  'plans.list': 'N H A | none',
  'plans.get': 'N H A | none',
  'plans.export': 'N H A | none',
  'plans.preview': 'H A | view',
  'plans.save': 'H A | change',
  'plans.activate': 'H A | change',
  'plans.retire': 'H A | change',
  'plans.templates': 'H A | none',
  'plans.questionnaires': 'H A | none',
  'tasks.generate': 'H A | change',
  'enrolments.setTreatmentStart': 'N H A | change',
  'tasks.queue': 'N H | view | phone',
  'tasks.myCompleted': 'N H | view',
  'tasks.claimNext': 'N H | change | phone',
  'tasks.claim': 'N H | change | phone',
  'tasks.release': 'N H | change',
  'followup.open': 'N H | view | phone',
  'followup.saveDraft': 'N H | change',
  'followup.logAttempt': 'N H | change | phone',
  'followup.complete': 'N H | change',
  'criticalValues.recordNotification': 'N H | change',
  'softphone.account': 'N H A | none',
  'softphone.saveAccount': 'N H A | change',
  'softphone.credentials': 'N H A | access',
  'softphone.voice': 'N H A | none',
  'softphone.setProvider': 'N H A | change',
  'calls.start': 'N H A | change',
  'calls.answered': 'N H A | change',
  'calls.end': 'N H A | change | phone',
  'calls.link': 'N H A | change',
  'calls.setOutcome': 'N H A | change',
  'calls.setConsent': 'N H A | change',
  'calls.uploadRecording': 'N H A | change',
  'calls.recordingData': 'N H A | view',
  'calls.lookupCaller': 'N H A | view',
  'calls.list': 'N H A | view | phone',
  'calls.purgeRecordings': 'A | change',
  'calls.twilioToken': 'N H A | access',
  'messages.templates': 'N H A | none',
  'messages.list': 'N H A | view | e164',
  'messages.preview': 'N H A | view | e164',
  'messages.send': 'N H | change | e164',
  'messages.optOut': 'N H | change',
  'reports.metrics': 'H A | none',
  'reports.dashboard': 'H A | view',
  'reports.drilldown': 'H A | view',
  'reports.run': 'H A | view',
  'reports.saved.list': 'H A | none',
  'reports.saved.save': 'H A | change',
  'reports.saved.delete': 'H A | change',
  'reports.survival': 'H A | view',
  // Which kinds of export a role may start is checked per kind by the export service.
  'exports.start': 'N H A | none',
  'exports.cancel': 'N H A | change',
  'exports.list': 'N H A | none',
  'users.list': 'A | none',
  'users.create': 'A | change',
  'users.update': 'A | change',
  'users.resetPassword': 'A | change',
  'users.setDepartments': 'A | change',
  'users.unlock': 'A | change',
  'audit.search': 'A | view',
  'audit.verify': 'A | view',
};

const LETTER: Record<Role, string> = { nurse: 'N', head: 'H', admin: 'A' };
const user = (role: Role): User => ({ id: 7, username: `u-${role}`, displayName: role, role });
const rolesOf = (method: string) => MATRIX[method].split(' | ')[0];
const allowed = (method: string, role: Role | null) => rolesOf(method) === 'public' || (role !== null && rolesOf(method).split(' ').includes(LETTER[role]));

/** The contract's declarations written the way MATRIX writes them. */
function declared(spec: MethodSpec): string {
  const roles =
    spec.roles === 'public'
      ? 'public'
      : (['nurse', 'head', 'admin'] as Role[])
          .filter((r) => (spec.roles as Role[]).includes(r))
          .map((r) => LETTER[r])
          .join(' ');
  const audit = typeof spec.audit === 'object' ? spec.audit.kind : 'none';
  const masks = spec.mask ? Object.keys(spec.mask).join(',') : '';
  return [roles, audit, masks].filter(Boolean).join(' | ');
}

const FULL = { phone: '13912345678', e164: '+8613912345678', idNumber: '110101199003074514', adminOnly: '张三 13912345678' } as const;
const MASKED = { phone: '139****5678', e164: '+86139****5678', idNumber: '110101********4514', adminOnly: null } as const;

/** An output holding a full value at every declared path (`rows[].phone` → { rows: [{ phone }] }). */
function sampleOutput(mask: MaskSpec): unknown {
  let root: unknown;
  for (const [kind, paths] of Object.entries(mask) as [keyof MaskSpec, string[]][]) {
    for (const path of paths) {
      const parts = path.split('.');
      const rootIsList = parts[0] === '[]';
      root ??= rootIsList ? [{}] : {};
      let here = (rootIsList ? (root as unknown[])[0] : root) as Record<string, unknown>;
      for (const [i, part] of parts.entries()) {
        if (rootIsList && i === 0) continue;
        const key = part.replace('[]', '');
        if (i === parts.length - 1) here[key] = FULL[kind];
        else if (part.endsWith('[]')) here = ((here[key] ??= [{}]) as Record<string, unknown>[])[0];
        else here = (here[key] ??= {}) as Record<string, unknown>;
      }
    }
  }
  return root;
}

describe('permission matrix', () => {
  it('names every contract method with the roles, audit kind and masks the contract gives it', () => {
    const fromContract = Object.fromEntries(Object.entries(methods).map(([name, spec]) => [name, declared(spec)]));
    expect(fromContract).toEqual(MATRIX);
  });

  it('masks each declared field for the roles that may not see it in full, and only for them', () => {
    for (const [method, spec] of Object.entries(methods) as [string, MethodSpec][]) {
      if (!spec.mask) continue;
      for (const role of ['nurse', 'head', 'admin'] as Role[]) {
        const out = JSON.stringify(maskOutput(sampleOutput(spec.mask), spec.mask, role));
        for (const kind of Object.keys(spec.mask) as (keyof MaskSpec)[]) {
          const seesAll = kind === 'idNumber' || kind === 'adminOnly' ? role === 'admin' : role !== 'head';
          expect(out.includes(`"${FULL[kind]}"`), `${method} ${kind} as ${role}`).toBe(seesAll);
          expect(out.includes(JSON.stringify(MASKED[kind])), `${method} ${kind} as ${role}`).toBe(!seesAll);
        }
      }
    }
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
