import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { listAuditEvents, MAX_AUDIT_PAGE } from '../../../services/audit/list-audit-events.ts';
import { defineRoute } from '../../route.ts';

export const listAuditRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/audit',
  access: 'audit.read',
  summary: "Your organisation's audit trail, newest first",
  tags: ['audit'],
  schema: {
    querystring: z.object({
      after: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe('The `next` of the previous page'),
      limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
    }),
    response: {
      200: z.object({ events: z.array(z.unknown()), next: z.number().int().nullable() }),
    },
  },
  async handler(req, { ctx }) {
    if (req.actor.kind === 'system') throw new AppError('FORBIDDEN', 'no organisation');
    // Platform admins see every organisation's events; everyone else their own.
    const all = req.actor.kind === 'user' && req.actor.roles.includes('platform_admin');
    return listAuditEvents(ctx, { ...req.query, orgId: all ? undefined : req.actor.orgId });
  },
});
