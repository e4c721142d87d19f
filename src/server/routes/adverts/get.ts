import { z } from 'zod';
import { getAdvert } from '../../../services/get-advert.ts';
import { defineRoute } from '../../route.ts';
import { advertSummarySchema } from '../../schemas.ts';

export const getAdvertRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/adverts/:id',
  access: 'adverts.read',
  summary: 'One advert: result, versions, links, and its content (personal data, audited)',
  tags: ['adverts'],
  schema: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    querystring: z.object({
      reason: z
        .string()
        .max(500)
        .optional()
        .describe('Why you are looking (kept in the audit trail)'),
    }),
    response: {
      200: advertSummarySchema.extend({
        content: z.unknown(),
        versions: z.array(z.object({ version: z.number().int(), receivedAt: z.string() })),
        links: z.array(
          z.object({ advertId: z.number().int(), type: z.string(), detail: z.unknown() }),
        ),
      }),
    },
  },
  async handler(req, { ctx }) {
    return getAdvert(ctx, req.actor, req.params.id, req.query.reason);
  },
});
