// GET /api/v1/networks/:id/graph: the data of the web app's network view (graph, timeline,
// circuit of towns, shared template) for the members the caller may see. Personal data comes only
// with adverts.read_personal and is audited (services/network-graph.ts).
import { z } from 'zod';
import { NODE_KINDS } from '../../../core/network/network-graph.ts';
import { networkGraph } from '../../../services/network-graph.ts';
import { defineRoute } from '../../route.ts';
import { levelSchema } from '../../schemas.ts';

const nodeSchema = z.object({
  id: z.string().describe('Node id; never carries an identifier value'),
  kind: z.enum(NODE_KINDS),
  label: z
    .string()
    .describe('Adverts: their id on the site; identifiers: the value, or "phone 1" and the like'),
  level: levelSchema.optional(),
  score: z.number().optional(),
  town: z.string().nullable().optional().describe('Adverts, with personal access only'),
  postedAt: z.string().nullable().optional(),
  adverts: z.number().int().optional().describe('Identifiers and photos: adverts carrying it'),
});

const edgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  type: z.string().describe('phone, email, handle, account, payer, image or text'),
  reason: z.string().describe('Why the two are joined, in words'),
});

/** The network view's response. */
export const networkGraphSchema = z.object({
  network: z.object({
    id: z.string(),
    score: z.number(),
    level: levelSchema,
    size: z.number().int().describe('Members in the whole network'),
    shown: z.number().int().describe('Members shown: those you may see, up to the cap'),
    truncated: z.boolean().describe('Whether members were left out to keep the view readable'),
    personal: z.boolean().describe('Whether identifier values, towns and the template are shown'),
  }),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  timeline: z.array(
    z.object({
      advertId: z.number().int(),
      externalId: z.string(),
      postedAt: z.string(),
      town: z.string().nullable(),
    }),
  ),
  towns: z
    .array(
      z.object({
        name: z.string(),
        lat: z.number().nullable(),
        lon: z.number().nullable(),
        adverts: z.number().int(),
        first: z.string().nullable(),
        last: z.string().nullable(),
      }),
    )
    .describe('The circuit: towns in order of first posting, with gazetteer centres'),
  template: z
    .object({
      text: z.string().describe('The shared text, slots as placeholders such as <name>'),
      links: z.number().int(),
      slots: z.array(
        z.object({ name: z.string(), placeholder: z.string(), values: z.array(z.string()) }),
      ),
    })
    .nullable(),
});

export const networkGraphRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/networks/:id/graph',
  access: 'networks.read',
  summary: 'One network as a graph, timeline and circuit of towns (personal data audited)',
  tags: ['networks'],
  schema: {
    params: z.object({ id: z.string().min(1).max(200) }),
    querystring: z.object({
      reason: z
        .string()
        .max(500)
        .optional()
        .describe('Why you are looking (kept in the audit trail)'),
    }),
    response: { 200: networkGraphSchema },
  },
  async handler(req, { ctx }) {
    return networkGraph(ctx, req.actor, req.params.id, { reason: req.query.reason });
  },
});
