// What a failed attempt leaves behind: when the job runs next (a deterministic exponential
// backoff, so tests and operators can predict it) and the error text stored in jobs.last_error,
// which must never repeat the job's payload (payloads carry advert ids, handles, phone numbers).
import { AppError } from '../core/errors.ts';

/** How retries are spaced: base * 2^(attempt - 1), capped at max. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 15 * 60_000 };

/** The wait before the next try after `attempts` failed attempts (1 after the first failure). */
export function retryDelayMs(attempts: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 52));
  return Math.min(backoff.baseMs * 2 ** exponent, backoff.maxMs);
}

/** Longest error text kept; a stack trace or a dumped object is no use in a status column. */
export const MAX_ERROR_CHARS = 500;
/** Payload values shorter than this are not redacted: "id", "1" or "uk" would blank everything. */
export const MIN_REDACTED_CHARS = 4;
export const REDACTED = '[redacted]';
export const WITHHELD = 'message withheld: it quoted the job payload';

/**
 * The error text to store for a failed attempt: the error's code (AppError) or name and its
 * message, with every payload value it quotes verbatim replaced by [redacted], cut to
 * MAX_ERROR_CHARS. If a payload value still shows (a cut or a redaction joined pieces into one),
 * the message is withheld altogether.
 */
export function jobErrorText(error: unknown, payload: unknown): string {
  const secrets = payloadStrings(payload);
  const label = errorLabel(error);
  const safeLabel = secrets.some((s) => label.includes(s)) ? 'Error' : label;
  const message = error instanceof Error ? error.message : 'a non-Error value was thrown';
  const text = truncate(`${safeLabel}: ${redact(message, secrets)}`, MAX_ERROR_CHARS);
  return secrets.some((s) => text.includes(s)) ? `${safeLabel}: ${WITHHELD}` : text;
}

function errorLabel(error: unknown): string {
  if (error instanceof AppError) return error.code;
  if (error instanceof Error) return error.name || 'Error';
  return 'Error';
}

/** Every string and number in the payload long enough to redact, longest first. */
function payloadStrings(payload: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 20 || found.size >= 1_000) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      const s = String(value);
      if (s.length >= MIN_REDACTED_CHARS) found.add(s);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) visit(v, depth + 1);
    }
  };
  visit(payload, 0);
  return [...found].sort((a, b) => b.length - a.length);
}

/** Marks every occurrence of every secret, then replaces each run of marked characters once. */
function redact(text: string, secrets: readonly string[]): string {
  const marked = new Uint8Array(text.length);
  for (const s of secrets) {
    for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + 1)) {
      marked.fill(1, at, at + s.length);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (marked[i] === 0) out += text[i];
    else if (i === 0 || marked[i - 1] === 0) out += REDACTED;
  }
  return out;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
