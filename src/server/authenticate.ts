// Works out who is calling: a site's API key (Authorization: Bearer) or a person's session cookie.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/auth/roles.ts';
import { authenticateApiKey } from '../services/accounts/api-keys.ts';
import { resolveSession } from '../services/accounts/sessions.ts';
import type { ServiceContext } from '../services/context.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'beacon_session';

export interface Authenticated {
  readonly actor: Actor;
  readonly via: 'api_key' | 'session';
  /** The session's CSRF token (sessions only). */
  readonly csrfToken: string | null;
  /** False while a session still waits for its second factor or for enrolment. */
  readonly complete: boolean;
  readonly enrolmentRequired: boolean;
  readonly sessionToken: string | null;
}

/** The caller, or null when the request carries no valid credentials. */
export async function authenticate(
  req: FastifyRequest,
  ctx: ServiceContext,
): Promise<Authenticated | null> {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const actor = await authenticateApiKey(ctx, header.slice('Bearer '.length).trim());
    if (actor === null) return null;
    return {
      actor,
      via: 'api_key',
      csrfToken: null,
      complete: true,
      enrolmentRequired: false,
      sessionToken: null,
    };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (token === undefined || token === '') return null;
  const session = await resolveSession(ctx, token);
  if (session === null) return null;
  return {
    actor: session.actor,
    via: 'session',
    csrfToken: session.csrfToken,
    complete: session.verified,
    enrolmentRequired: session.enrolmentRequired,
    sessionToken: token,
  };
}
