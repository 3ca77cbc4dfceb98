import type { z } from 'zod';
import { methods, type ApiErrorBody, type MethodName, type MethodOutput, type MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from './errors';

export interface CallContext {
  /** The signed-in user, or null; resolved by the transport from its session token. */
  user: User | null;
  token: string | null;
  transport: 'ipc' | 'http' | 'cli';
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
export function createDispatcher(handlers: Handlers, log: (msg: string) => void = () => {}): Dispatcher {
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
        return { ok: true, result: await handler(parsed.data, ctx) };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, error: err.toBody() };
        // Internal details (SQL, stack) stay in the log; the caller gets a stable code.
        log(`${method} failed: ${(err as Error)?.stack ?? String(err)}`);
        return { ok: false, error: { code: 'internal', message: 'internal error; see the server log' } };
      }
    },
  };
}
