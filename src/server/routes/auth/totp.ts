import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../../services/accounts/two-factor.ts';
import { defineRoute } from '../../route.ts';
import { sessionTokenOf } from '../../session-cookie.ts';

function userIdOf(actor: { kind: string; userId?: string }): string {
  if (actor.kind !== 'user' || actor.userId === undefined) {
    throw new AppError('FORBIDDEN', 'only people enrol a second factor');
  }
  return actor.userId;
}

export const beginTotpRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/totp/begin',
  access: 'pending-session',
  summary: 'Start two-factor enrolment: a new TOTP secret and its otpauth:// URL',
  tags: ['auth'],
  schema: { response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) } },
  async handler(req, { ctx }) {
    return beginTotpEnrolment(ctx, { userId: userIdOf(req.actor), issuer: 'Beacon' });
  },
});

export const confirmTotpRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/totp/confirm',
  access: 'pending-session',
  summary: 'Finish enrolment with a code from the app; answers recovery codes, once',
  tags: ['auth'],
  perMinute: 20,
  schema: {
    body: z.object({ code: z.string().min(6).max(10) }),
    response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
  },
  async handler(req, { ctx }) {
    return confirmTotpEnrolment(ctx, {
      userId: userIdOf(req.actor),
      sessionToken: sessionTokenOf(req.raw),
      code: req.body.code,
    });
  },
});
