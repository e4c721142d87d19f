// Errors leave the API as RFC 9457 problem details, with the stable code of the AppError behind
// them. This is the one place codes become HTTP statuses.
import type { ErrorCode } from '../core/errors.ts';

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CATALOGUE_INVALID: 500,
  CATALOGUE_EXAMPLES_FAILED: 500,
  CATALOGUE_VERSION_NOT_BUMPED: 500,
  IO_ERROR: 500,
  IMAGE_UNREADABLE: 422,
  CONFIG_INVALID: 500,
  STORE_LOCKED: 503,
  STORE_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  AUDIT_CHAIN_BROKEN: 500,
  VALIDATION: 422,
  REVIEW_CLAIMED: 409,
  REVIEW_NOT_CLAIMED: 409,
  SAME_REVIEWER: 403,
  APPEAL_SAME_REVIEWER: 403,
};

/** An RFC 9457 problem document. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly string[];
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

/** The problem document for a code and message. */
export function problemOf(
  code: string,
  status: number,
  detail: string,
  errors: readonly string[] = [],
): Problem {
  return {
    type: `https://beacon.invalid/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
}
