import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { methods, type ApiErrorBody, type MethodName, type MethodOutput, type MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from './errors';

export interface CallContext {
  /** The signed-in user, or null; resolved by the transport from its session token. */
  user: User | null;
  token: string | null;
  transport: 'ipc' | 'http' | 'cli';
  /** Where the call came from, for the audit log: the HTTP client's address, or the workstation's host name (IPC, CLI). */
  address?: string | null;
}

export type Handler<M extends MethodName> = (input: MethodParsed<M>, ctx: CallContext) => Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface Dispatcher {
  dispatch(ctx: CallContext, method: string, rawInput: unknown): Promise<DispatchResult>;
}

const isMethod = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(methods, name);

// The one place every call from any transport passes: unknown methods, bad input and
// missing roles are refused here, before a handler runs.
export function createDispatcher(
  handlers: Handlers,
  log: (msg: string) => void = () => {},
  announce: (event: 'tasks.changed', method: MethodName) => void = () => {},
): Dispatcher {
  return {
    async dispatch(ctx, method, rawInput) {
      try {
        if (!isMethod(method)) throw new ApiError('unknown_method', `unknown method: ${method}`);
        const spec = methods[method];
        if (spec.roles !== 'public') {
          if (!ctx.user) throw new ApiError('unauthenticated', 'please sign in');
          if (!(spec.roles as readonly string[]).includes(ctx.user.role)) throw new ApiError('forbidden', `role ${ctx.user.role} may not call ${method}`);
        }
        const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? undefined);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          throw new ApiError('invalid_input', `invalid input for ${method}`, issues);
        }
        const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
        const result = await handler(parsed.data, ctx);
        if ('announces' in spec) announce(spec.announces, method);
        return { ok: true, result };
      } catch (err) {
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
  return { code: 'internal', message: `服务器内部错误，错误编号 ${errorId} (internal error ${errorId}; see the server log)`, errorId };
}
