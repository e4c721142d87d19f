import { z } from 'zod';
import { verifySecondFactor } from '../../../services/accounts/two-factor.ts';
import { defineRoute } from '../../route.ts';
import { sessionTokenOf } from '../../session-cookie.ts';

export const secondFactorRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/second-factor',
  access: 'pending-session',
  summary: 'Give a TOTP code or a recovery code to finish signing in',
  tags: ['auth'],
  perMinute: 20,
  schema: {
    body: z.object({ code: z.string().min(6).max(64) }),
    response: {
      200: z.object({
        method: z.enum(['totp', 'recovery_code']),
        recoveryCodesLeft: z.number().int().nullable(),
      }),
    },
  },
  async handler(req, { ctx, config }) {
    return verifySecondFactor(ctx, {
      sessionToken: sessionTokenOf(req.raw),
      code: req.body.code,
      maxFailures: config.loginMaxFailures,
      lockMinutes: config.loginLockMinutes,
    });
  },
});
