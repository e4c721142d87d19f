import { z } from 'zod';
import { getNetwork } from '../../../services/list-networks.ts';
import { defineRoute } from '../../route.ts';
import { networkSummarySchema } from '../../schemas.ts';

export const getNetworkRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/networks/:id',
  access: 'networks.read',
  summary: 'One network, with the member adverts you may see',
  tags: ['networks'],
  schema: {
    params: z.object({ id: z.string().min(1).max(200) }),
    response: {
      200: networkSummarySchema.extend({
        adverts: z.array(z.object({ id: z.number().int(), externalId: z.string() })),
      }),
    },
  },
  async handler(req, { ctx }) {
    return getNetwork(ctx, req.actor, req.params.id);
  },
});
