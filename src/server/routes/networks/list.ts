import { z } from 'zod';
import { listNetworks } from '../../../services/list-networks.ts';
import { defineRoute } from '../../route.ts';
import { levelSchema, networkSummarySchema, pageOf, pageQuery } from '../../schemas.ts';

export const listNetworksRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/networks',
  access: 'networks.read',
  summary: 'Networks you may see, highest score first (keyset pages)',
  tags: ['networks'],
  schema: {
    querystring: z.object({ level: levelSchema.optional(), ...pageQuery }),
    response: { 200: pageOf(networkSummarySchema) },
  },
  async handler(req, { ctx }) {
    return listNetworks(ctx, req.actor, req.query);
  },
});
