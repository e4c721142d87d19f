// Four eyes: decisions waiting for a senior moderator, who approves or rejects them; and an
// advert's decision history.
import { z } from 'zod';
import {
  advertDecisions,
  approveDecision,
  listApprovals,
  rejectDecision,
} from '../../../services/review/decide.ts';
import { defineRoute } from '../../route.ts';
import { reviewSettings } from './queue.ts';
import { decisionSchema, queueItemSchema } from './schemas.ts';

const decisionParams = z.object({ id: z.uuid() });

export const approvalsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/review/approvals',
  access: 'review.decide',
  summary: 'Decisions of your site waiting for a senior moderator’s approval, oldest first',
  tags: ['review'],
  schema: {
    response: {
      200: z.object({ decisions: z.array(decisionSchema.extend({ item: queueItemSchema })) }),
    },
  },
  async handler(req, rc) {
    return { decisions: await listApprovals(rc.ctx, req.actor, reviewSettings(rc)) };
  },
});

export const approveRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/decisions/:id/approve',
  access: 'review.decide_senior',
  summary: 'Approve a suspension or referral someone else decided; a referral is then made',
  tags: ['review'],
  schema: { params: decisionParams, response: { 200: z.object({ decision: decisionSchema }) } },
  async handler(req, { ctx }) {
    return { decision: await approveDecision(ctx, req.actor, req.params.id) };
  },
});

export const rejectRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/decisions/:id/reject',
  access: 'review.decide_senior',
  summary: 'Reject a pending decision; the item goes back to the queue',
  tags: ['review'],
  schema: {
    params: decisionParams,
    body: z.object({ note: z.string().max(4000).optional() }).default({}),
    response: { 200: z.object({ decision: decisionSchema }) },
  },
  async handler(req, { ctx }) {
    return { decision: await rejectDecision(ctx, req.actor, req.params.id, req.body.note) };
  },
});

export const advertDecisionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/adverts/:id/decisions',
  access: 'review.decide',
  summary: 'The review decisions on one of your site’s adverts, newest first',
  tags: ['review'],
  schema: {
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: { 200: z.object({ decisions: z.array(decisionSchema) }) },
  },
  async handler(req, { ctx }) {
    return { decisions: await advertDecisions(ctx, req.actor, req.params.id) };
  },
});
