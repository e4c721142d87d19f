// The review queue: the page of items, the next item to work on, and the outcomes with their
// reason codes and the organisations a referral may go to.
import { z } from 'zod';
import { OUTCOME_RULES } from '../../../core/review/outcomes.ts';
import { listQueue, nextItem } from '../../../services/review/queue.ts';
import { listRecipients } from '../../../services/review/recipients.ts';
import { defineRoute } from '../../route.ts';
import type { RouteContext } from '../../route.ts';
import { outcomeSchema, queueFilters, queueItemSchema, statusFilter } from './schemas.ts';

/** The review settings from the configuration. */
export function reviewSettings(rc: RouteContext) {
  return { claimMinutes: rc.config.claimMinutes, targetMinutes: rc.config.reviewTargetMinutes };
}

export const queueRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/review/queue',
  access: 'review.decide',
  summary: 'Your site’s review queue, highest priority first (keyset pages)',
  tags: ['review'],
  schema: {
    querystring: z.object({
      ...queueFilters,
      status: statusFilter,
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(500).optional().describe('The nextCursor of the previous page'),
    }),
    response: {
      200: z.object({
        items: z.array(queueItemSchema),
        nextCursor: z.string().nullable(),
        counts: z.object({
          open: z.number().int(),
          claimedByMe: z.number().int(),
          awaitingApproval: z.number().int(),
          overdue: z.number().int(),
        }),
        targetMinutes: z.number(),
      }),
    },
  },
  async handler(req, rc) {
    return listQueue(rc.ctx, req.actor, req.query, reviewSettings(rc));
  },
});

export const nextRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/review/next',
  access: 'review.decide',
  summary: 'Claim the highest-priority item you may take (204 when there is none)',
  tags: ['review'],
  schema: {
    body: z.object(queueFilters).default({}),
    response: { 200: z.object({ item: queueItemSchema }) },
  },
  async handler(req, rc, reply) {
    const item = await nextItem(rc.ctx, req.actor, req.body, reviewSettings(rc));
    if (item === null) return reply.code(204).send();
    return { item };
  },
});

export const reasonCodesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/review/reason-codes',
  access: 'review.decide',
  summary: 'The outcomes of a decision with their reason codes, and who a referral may go to',
  tags: ['review'],
  schema: {
    response: {
      200: z.object({
        outcomes: z.array(
          z.object({
            outcome: outcomeSchema,
            label: z.string(),
            needsApproval: z.boolean(),
            needsRecipient: z.enum(['police', 'ngo']).nullable(),
            reasonCodes: z.array(z.object({ code: z.string(), label: z.string() })),
          }),
        ),
        recipients: z
          .array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['police', 'ngo']) }))
          .describe('Every police force and NGO (names only), for the recipient of a referral'),
      }),
    },
  },
  async handler(_req, { ctx }) {
    return {
      outcomes: OUTCOME_RULES.map((r) => ({
        outcome: r.outcome,
        label: r.label,
        needsApproval: r.needsApproval,
        needsRecipient: r.needsRecipient,
        reasonCodes: r.reasonCodes.map((c) => ({ code: c.code, label: c.label })),
      })),
      recipients: await listRecipients(ctx),
    };
  },
});
