// The one way the app talks to Beacon's API: JSON over fetch with the session cookie, the CSRF
// token on unsafe requests, and problem+json errors turned into ApiError (with the stable `code`).
// The CSRF token comes from the sign-in response; it is kept in sessionStorage so a reload of the
// tab keeps working, and it goes when the tab closes.

const CSRF_KEY = 'beacon.csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An API failure: the HTTP status, the problem's stable code, and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Remembers the CSRF token of the session (null forgets it). */
export function setCsrfToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(CSRF_KEY);
  else sessionStorage.setItem(CSRF_KEY, token);
}

/** Listeners told when a request finds the session gone (signed out elsewhere, expired). */
const unauthenticatedListeners = new Set<() => void>();

/** Calls `fn` whenever an API call answers 401; returns a function that stops it. */
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

/** A query string from the defined, non-empty values (undefined when there are none). */
export function queryOf(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/**
 * Calls `/api/v1{path}`. Resolves with the parsed JSON body, or undefined for 204. Rejects with
 * ApiError for any non-2xx answer.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; quietUnauthenticated?: boolean } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const token = sessionStorage.getItem(CSRF_KEY);
    if (token !== null) headers['x-csrf-token'] = token;
  }
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!res.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string; title?: string };
    if (res.status === 401 && !init.quietUnauthenticated) {
      unauthenticatedListeners.forEach((fn) => fn());
    }
    throw new ApiError(
      res.status,
      problem.code ?? 'HTTP_' + res.status,
      problem.detail ?? problem.title ?? res.statusText,
    );
  }
  return body as T;
}
