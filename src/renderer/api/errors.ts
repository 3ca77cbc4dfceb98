import type { ApiErrorBody } from '../../shared/contract';

/** Server codes plus the one the client adds when the server could not be reached. */
export type ClientErrorCode = ApiErrorBody['code'] | 'network';

export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
    /** An unexpected server failure's id, as in the server log. */
    readonly errorId?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const CODES: ReadonlySet<string> = new Set<ClientErrorCode>([
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'internal',
  'unknown_method',
  'network',
]);

/** Normalises whatever a transport rejected with (IPC Error with `.code`, HTTP body, TypeError). */
export function toApiCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err;
  const e = err as { code?: unknown; message?: unknown; issues?: ApiErrorBody['issues']; errorId?: unknown } | null;
  const code = typeof e?.code === 'string' && CODES.has(e.code) ? (e.code as ClientErrorCode) : 'internal';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return new ApiCallError(code, message, e?.issues, typeof e?.errorId === 'string' ? e.errorId : undefined);
}
