import { z } from 'zod';
import { listAdverts } from '../../../services/list-adverts.ts';
import { defineRoute } from '../../route.ts';
import { advertSummarySchema, levelSchema, pageOf, pageQuery } from '../../schemas.ts';

export const listAdvertsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/adverts',
  access: 'adverts.read',
  summary: 'Screened adverts you may see, highest score first (keyset pages)',
  tags: ['adverts'],
  schema: {
    querystring: z.object({
      level: levelSchema.optional(),
      minScore: z.coerce.number().min(0).optional(),
      networkId: z.string().max(200).optional(),
      ...pageQuery,
    }),
    response: { 200: pageOf(advertSummarySchema) },
  },
  async handler(req, { ctx }) {
    return listAdverts(ctx, req.actor, req.query);
  },
});
