import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { verifyAuditChain } from './audit-chain';
import { searchAudit } from './audit-search';

// The admin's view of the audit log. Looking at it is itself audited: which filter, which check.

export const auditHandlers = ({ store }: Services): Pick<Handlers, 'audit.search' | 'audit.verify'> => ({
  'audit.search': async (input) => searchAudit(store.knex, input),
  'audit.verify': async (_input, ctx) => {
    const result = await verifyAuditChain(store.knex);
    const firstProblem = result.problems[0];
    ctx.audit.detail = {
      ok: result.ok,
      sealed: result.sealed,
      unsealed: result.unsealed,
      problemCount: result.problemCount,
      ...(firstProblem ? { first: { kind: firstProblem.kind, seq: firstProblem.seq, auditId: firstProblem.auditId } } : {}),
      head: result.head,
    };
    return result;
  },
});
