import type { AuditSpec, MaskSpec } from '../../shared/contract/common';
import type { Role } from '../../shared/model';
import { canSeeFullIdNumber, canSeeFullPhone, maskIdNumber, maskPhone } from '../auth/permissions';
import { maskE164 } from '../messaging/text';

// What the contract declares beyond roles, carried out for every call in one place: the
// output masked for the caller's role, and the audit row of the call.

/** What a handler knows that the call's input and output do not say (ctx.audit). */
export interface AuditFacts {
  patientId?: number | null;
  detail?: Record<string, unknown>;
  /** Replaces the declared action (a sign-in that failed, a consent withdrawn). */
  action?: string;
  /** Nothing happened worth a row (a secret asked for that does not exist). */
  skip?: boolean;
  /** Write the row even though the handler refused the call (a failed sign-in). */
  evenIfRefused?: boolean;
  /** The user the row names when the call had none yet (a sign-in). */
  user?: { id: number; username: string } | null;
}

export interface AuditEntry {
  action: string;
  kind: AuditSpec['kind'];
  patientId: number | null;
  detail: Record<string, unknown> | null;
}

/** The values a path names: `a.b[].c` walks into every element of `b`. */
function valuesAt(root: unknown, path: string): unknown[] {
  let here: unknown[] = [root];
  for (const part of path.split('.')) {
    const many = part.endsWith('[]');
    const key = many ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const v of here) {
      // `[]` alone walks into an output that is itself a list.
      const child = key === '' ? v : v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      if (many) {
        if (Array.isArray(child)) next.push(...child);
      } else if (child !== undefined) next.push(child);
    }
    here = next;
  }
  return here;
}

/** Rewrites the value at each path in place; the parent's last key names the field. */
function rewriteAt(root: unknown, path: string, rewrite: (s: string) => string, anyValue = false): void {
  const cut = path.lastIndexOf('.');
  const parents = cut < 0 ? [root] : valuesAt(root, path.slice(0, cut));
  const field = path.slice(cut + 1);
  const many = field.endsWith('[]');
  const key = many ? field.slice(0, -2) : field;
  for (const p of parents) {
    if (!p || typeof p !== 'object') continue;
    const obj = p as Record<string, unknown>;
    const applies = (v: unknown) => anyValue || typeof v === 'string';
    if (many && Array.isArray(obj[key])) obj[key] = (obj[key] as unknown[]).map((v) => (applies(v) ? rewrite(v as string) : v));
    else if (key in obj && applies(obj[key])) obj[key] = rewrite(obj[key] as string);
  }
}

const MASKS: { [K in keyof MaskSpec]-?: { may: (role: Role) => boolean; mask: (s: string) => string; anyValue?: boolean } } = {
  phone: { may: canSeeFullPhone, mask: (s) => maskPhone(s) ?? s },
  e164: { may: canSeeFullPhone, mask: maskE164 },
  idNumber: { may: canSeeFullIdNumber, mask: (s) => maskIdNumber(s) ?? s },
  adminOnly: { may: (role) => role === 'admin', mask: () => null as unknown as string, anyValue: true },
};

/** Masks the declared fields the role may not see in full. Masking twice changes nothing. */
export function maskOutput<T>(output: T, spec: MaskSpec | undefined, role: Role | undefined): T {
  if (!spec || !output || typeof output !== 'object') return output;
  for (const kind of Object.keys(spec) as (keyof MaskSpec)[]) {
    const { may, mask, anyValue } = MASKS[kind];
    if (role && may(role)) continue;
    for (const path of spec[kind] ?? []) rewriteAt(output, path, mask, anyValue);
  }
  return output;
}

/** The audit row a successful call writes, from its declaration and what its handler added. */
export function auditEntry(spec: AuditSpec, input: unknown, output: unknown, facts: AuditFacts): AuditEntry | null {
  if (facts.skip) return null;
  const call = { input, output };
  const detail: Record<string, unknown> = {};
  for (const path of spec.detail ?? []) {
    if (path === 'input') {
      if (input && typeof input === 'object') Object.assign(detail, input);
      continue;
    }
    // `name=path` names the value; otherwise the path's last name does.
    const [name, at] = path.includes('=') ? path.split('=') : [path.slice(path.lastIndexOf('.') + 1), path];
    const [value] = valuesAt(call, at);
    if (value !== undefined) detail[name] = value;
  }
  Object.assign(detail, facts.detail);
  const declared = spec.patient ? valuesAt(call, spec.patient)[0] : undefined;
  const patientId = facts.patientId !== undefined ? facts.patientId : typeof declared === 'number' ? declared : null;
  return { action: facts.action ?? spec.action, kind: spec.kind, patientId, detail: Object.keys(detail).length ? detail : null };
}
