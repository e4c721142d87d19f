// Appeals against review decisions, made by a site's system (API key with appeals.create) or by a
// site admin or senior moderator, and followed until resolved.
import { z } from 'zod';
import { createAppeal, getAppeal, listAppeals } from '../../../services/review/appeals.ts';
import { defineRoute } from '../../route.ts';

const appealSchema = z
  .object({
    id: z.string(),
    advertId: z.string().describe('Beacon’s id of the advert'),
    externalId: z.string().describe('The advert’s id on your site'),
    decisionId: z.string(),
    status: z.enum(['open', 'resolved']),
    outcome: z.enum(['upheld', 'overturned']).nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    itemId: z.string(),
  })
  .describe('An appeal against a decision');

export const createAppealRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/appeals',
  access: 'appeals.create',
  summary: 'Appeal the decision in force on one of your adverts; a different reviewer hears it',
  tags: ['appeals'],
  status: 201,
  schema: {
    body: z.object({
      advertId: z.string().min(1).max(200).describe('Your own id of the advert (its externalId)'),
      statement: z.string().max(4000).optional().describe('What the advertiser says'),
    }),
    response: { 201: z.object({ appeal: appealSchema }) },
  },
  async handler(req, { ctx }) {
    return { appeal: await createAppeal(ctx, req.actor, req.body) };
  },
});

export const listAppealsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/appeals',
  access: 'appeals.create',
  summary: 'Your site’s appeals, newest first',
  tags: ['appeals'],
  schema: { response: { 200: z.object({ appeals: z.array(appealSchema) }) } },
  async handler(req, { ctx }) {
    return { appeals: await listAppeals(ctx, req.actor) };
  },
});

export const getAppealRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/appeals/:id',
  access: 'appeals.create',
  summary: 'One of your site’s appeals',
  tags: ['appeals'],
  schema: {
    params: z.object({ id: z.uuid() }),
    response: { 200: z.object({ appeal: appealSchema }) },
  },
  async handler(req, { ctx }) {
    return { appeal: await getAppeal(ctx, req.actor, req.params.id) };
  },
});
