/** Stable error codes; the HTTP layer (and the CLI) map them to statuses and exit codes once. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CATALOGUE_INVALID'
  | 'CATALOGUE_EXAMPLES_FAILED'
  | 'CATALOGUE_VERSION_NOT_BUMPED'
  | 'IO_ERROR'
  | 'IMAGE_UNREADABLE'
  | 'CONFIG_INVALID'
  | 'STORE_LOCKED'
  | 'STORE_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'AUDIT_CHAIN_BROKEN'
  | 'VALIDATION'
  | 'REVIEW_CLAIMED'
  | 'REVIEW_NOT_CLAIMED'
  | 'SAME_REVIEWER'
  | 'APPEAL_SAME_REVIEWER';

/** An error a user can act on: a stable code, a message, and optional structured details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}
