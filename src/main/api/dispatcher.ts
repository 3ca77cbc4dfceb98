import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { MethodSpec } from '../../shared/contract/common';
import { methods, type ApiErrorBody, type MethodName, type MethodOutput, type MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from './errors';
import { bilingualIssueMap, bilingualMessage } from './issue-messages';
import { auditEntry, maskOutput, type AuditEntry, type AuditFacts } from './policy';

export interface CallContext {
  /** The signed-in user, or null; resolved by the transport from its session token. */
  user: User | null;
  token: string | null;
  transport: 'ipc' | 'http' | 'cli';
  /** Where the call came from, for the audit log: the HTTP client's address, or the workstation's host name (IPC, CLI). */
  address?: string | null;
}

/** What a handler receives: the call's context and what it may add to the call's audit row. */
export type PublicContext = CallContext & {
  audit: AuditFacts;
  /**
   * Writes the declared audit row now, inside the handler's transaction, so the change and its
   * row commit together (or neither does); the dispatcher then writes no second one. `output`:
   * the part of the method's output the declaration reads, when the handler has it already.
   */
  auditWithin: (trx: Knex, output?: unknown) => Promise<void>;
};
/** A method that is not public runs only for a signed-in user: the type says so. */
export type SignedInContext = Omit<PublicContext, 'user'> & { user: User };
type ContextOf<M extends MethodName> = (typeof methods)[M]['roles'] extends 'public' ? PublicContext : SignedInContext;

export type Handler<M extends MethodName> = (input: MethodParsed<M>, ctx: ContextOf<M>) => Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface Dispatcher {
  dispatch(ctx: CallContext, method: string, rawInput: unknown): Promise<DispatchResult>;
}

const isMethod = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(methods, name);

/** Writes a call's audit row; a failure fails the call, so nothing is shown or changed unaudited unnoticed. */
export type AuditWriter = (ctx: CallContext, entry: AuditEntry, trx?: Knex) => Promise<void>;

// The one place every call from any transport passes: unknown methods, bad input and
// missing roles are refused here, before a handler runs; after it, the output is masked and
// the audit row written as the contract declares.
export function createDispatcher(
  handlers: Handlers,
  log: (msg: string) => void = () => {},
  announce: (event: 'tasks.changed', method: MethodName) => void = () => {},
  writeAudit: AuditWriter = async () => {},
): Dispatcher {
  return {
    async dispatch(ctx, method, rawInput) {
      let written = false;
      let refusedInput: { spec: MethodSpec; input: unknown } | null = null;
      const record = async (spec: MethodSpec, input: unknown, output: unknown, trx?: Knex) => {
        if (typeof spec.audit !== 'object' || written) return;
        const entry = auditEntry(spec.audit, input, output, call.audit);
        if (entry) await writeAudit(call.audit.user !== undefined ? { ...ctx, user: call.audit.user as User | null } : ctx, entry, trx);
        written = true;
      };
      const call: PublicContext = {
        ...ctx,
        audit: {},
        auditWithin: async (trx, output) => {
          if (refusedInput) await record(refusedInput.spec, refusedInput.input, output, trx);
        },
      };
      try {
        if (!isMethod(method)) throw new ApiError('unknown_method', `unknown method: ${method}`);
        const spec = methods[method];
        if (spec.roles !== 'public') {
          if (!ctx.user) throw new ApiError('unauthenticated', '请先登录 (please sign in)');
          if (!(spec.roles as readonly string[]).includes(ctx.user.role))
            throw new ApiError('forbidden', `当前角色无权执行此操作 (role ${ctx.user.role} may not call ${method})`);
        }
        const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? undefined, { error: bilingualIssueMap });
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: bilingualMessage(i) }));
          throw new ApiError('invalid_input', `invalid input for ${method}`, issues);
        }
        const handler = handlers[method] as (input: unknown, ctx: PublicContext) => Promise<unknown>;
        refusedInput = { spec, input: parsed.data };
        const result = maskOutput(await handler(parsed.data, call), 'mask' in spec ? spec.mask : undefined, ctx.user?.role);
        refusedInput = null;
        await record(spec, parsed.data, result);
        if ('announces' in spec) announce(spec.announces, method);
        return { ok: true, result };
      } catch (err) {
        // A refusal the handler asked to keep (a failed sign-in) is audited too.
        if (err instanceof ApiError && refusedInput && call.audit.evenIfRefused) await record(refusedInput.spec, refusedInput.input, undefined).catch(() => {});
        if (err instanceof ApiError) return { ok: false, error: err.toBody() };
        return { ok: false, error: internalError(log, method, err) };
      }
    },
  };
}

/**
 * What the log may say about an unexpected error: its class, its code (SQLITE_BUSY, 23505,
 * ENOSPC …) and where it was thrown. Never its message: a database error's message carries the
 * statement, and other messages quote their input (a JSON parse error quotes the text), and
 * either may be patient data.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? '')
    .split('\n')
    // Only frame lines, and none the message holds (a message may span lines, or mimic a frame).
    .filter((l) => /^\s+at \S/.test(l) && !err.message.includes(l.trim()))
    .slice(0, 12)
    .join('\n');
  return `${err.constructor?.name || err.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}${frames ? `\n${frames}` : ''}`;
}

/**
 * Logs an unexpected failure under a fresh error id and returns the caller's answer carrying
 * the same id, so that support can find the log lines a user's screen refers to.
 */
export function internalError(log: (msg: string) => void, where: string, err: unknown): ApiErrorBody {
  const errorId = randomBytes(4).toString('hex');
  log(`${where} failed, error ${errorId}: ${describeError(err)}`);
  const body: ApiErrorBody = { code: 'internal', message: `服务器内部错误，错误编号 ${errorId} (internal error ${errorId}; see the server log)`, errorId };
  // What to ask IT for travels as the error's one issue, which every transport carries to the screen.
  const known = KNOWN_FAILURES[String((err as { code?: unknown })?.code)];
  return known ? { ...body, issues: [{ path: '', message: `${known.zh} (${known.en})` }] } : body;
}

/** Failures the hospital's IT can fix, by error code: the user is told what to ask for. */
const KNOWN_FAILURES: Record<string, { zh: string; en: string }> = {
  // PostgreSQL too_many_connections: every workstation holds a few (README, "A shared PostgreSQL").
  '53300': {
    zh: '共享数据库的连接数已满，请联系信息科调大 max_connections',
    en: 'the shared database has no free connections; ask IT to raise max_connections',
  },
};
