import { z } from 'zod';
import { signIn } from '../../../services/accounts/sign-in.ts';
import { defineRoute } from '../../route.ts';
import { setSessionCookie } from '../../session-cookie.ts';

export const orgSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  roles: z.array(z.string()),
});

export const signInRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/sign-in',
  access: 'public',
  summary: 'Sign in with email and password; sets the session cookie',
  tags: ['auth'],
  perMinute: 20,
  schema: {
    body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }),
    response: {
      200: z.object({
        secondFactor: z.enum(['required', 'enrol', 'none']),
        csrfToken: z.string(),
        orgs: z.array(orgSchema),
      }),
    },
  },
  async handler(req, { ctx, config }, reply) {
    const result = await signIn(ctx, {
      ...req.body,
      sessionHours: config.sessionHours,
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
    });
    setSessionCookie(reply, config, result.sessionToken);
    return { secondFactor: result.secondFactor, csrfToken: result.csrfToken, orgs: result.orgs };
  },
});
