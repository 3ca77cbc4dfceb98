import type { ApiErrorBody } from '../../shared/contract';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly issues?: ApiErrorBody['issues'],
  ) {
    super(message);
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export const httpStatusOf: Record<ApiErrorBody['code'], number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  internal: 500,
};
