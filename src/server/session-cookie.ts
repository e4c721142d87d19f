// The session cookie: Secure (unless configured off for plain-HTTP development), HttpOnly, and
// SameSite=Strict; with the x-csrf-token header on unsafe requests it resists CSRF twice over.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { SESSION_COOKIE } from './authenticate.ts';

/** Sets the session cookie. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'strict',
    path: '/',
    maxAge: Math.round(config.sessionHours * 3600),
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session token of a request, or UNAUTHENTICATED. */
export function sessionTokenOf(req: FastifyRequest): string {
  const token = req.cookies[SESSION_COOKIE];
  if (token === undefined || token === '') throw new AppError('UNAUTHENTICATED', 'sign in first');
  return token;
}
