// One review item: read it, claim it, release it, decide it.
import { z } from 'zod';
import { appealForItem } from '../../../services/review/appeals.ts';
import { decide } from '../../../services/review/decide.ts';
import { claimItem, getItem, releaseItem } from '../../../services/review/queue.ts';
import { staffOf } from '../../../services/review/review-items.ts';
import { defineRoute } from '../../route.ts';
import { reviewSettings } from './queue.ts';
import { decisionSchema, itemIdParams, outcomeSchema, queueItemSchema } from './schemas.ts';

export const getItemRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/review/items/:id',
  access: 'review.decide',
  summary: 'A review item with its decisions (and, for an appeal, the appeal)',
  tags: ['review'],
  schema: {
    params: itemIdParams,
    response: {
      200: z.object({
        item: queueItemSchema,
        decisions: z.array(decisionSchema),
        appeal: z
          .object({ id: z.string(), decisionId: z.string(), statement: z.string().nullable() })
          .nullable()
          .describe('For an appeal item: the appeal and the site’s statement'),
      }),
    },
  },
  async handler(req, rc) {
    const found = await getItem(rc.ctx, req.actor, req.params.id, reviewSettings(rc));
    const appeal =
      found.item.kind === 'appeal'
        ? await appealForItem(rc.ctx.db, staffOf(req.actor).orgId, found.item.id)
        : null;
    return { ...found, appeal };
  },
});

export const claimRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/items/:id/claim',
  access: 'review.decide',
  summary: 'Claim an item (or renew your claim); 409 REVIEW_CLAIMED when someone else holds it',
  tags: ['review'],
  schema: { params: itemIdParams, response: { 200: z.object({ item: queueItemSchema }) } },
  async handler(req, rc) {
    return { item: await claimItem(rc.ctx, req.actor, req.params.id, reviewSettings(rc)) };
  },
});

export const releaseRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/items/:id/release',
  access: 'review.decide',
  summary: 'Give up your claim on an item',
  tags: ['review'],
  status: 204,
  schema: { params: itemIdParams },
  async handler(req, rc, reply) {
    await releaseItem(rc.ctx, req.actor, req.params.id, reviewSettings(rc));
    return reply.code(204).send();
  },
});

export const decideRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/items/:id/decisions',
  access: 'review.decide',
  summary: 'Record your decision on an item you hold (suspensions and referrals need approval)',
  tags: ['review'],
  status: 201,
  schema: {
    params: itemIdParams,
    body: z.object({
      outcome: outcomeSchema,
      reasonCode: z.string().min(1).max(100),
      note: z.string().max(4000).optional(),
      toOrgId: z.uuid().optional().describe('The police force or NGO, for refer_police/refer_ngo'),
      language: z
        .string()
        .min(1)
        .max(35)
        .optional()
        .describe('BCP 47 tag: the advertiser’s language, for safety information'),
    }),
    response: { 201: z.object({ decision: decisionSchema }) },
  },
  async handler(req, { ctx }) {
    return { decision: await decide(ctx, req.actor, req.params.id, req.body) };
  },
});
