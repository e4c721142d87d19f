// Schemas of the review API (queue items, decisions, filters), shared by its routes and by the
// appeals and cases routes.
import { z } from 'zod';
import { ITEM_STATUSES } from '../../../core/review/claim.ts';
import { OUTCOMES } from '../../../core/review/outcomes.ts';
import { levelSchema } from '../../schemas.ts';

export const personSchema = z.object({ userId: z.string(), displayName: z.string() });

export const queueItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['advert', 'appeal']),
    advertId: z.string().describe('Beacon’s id of the advert'),
    externalId: z.string().describe('The advert’s id on its site'),
    title: z.string().nullable(),
    town: z.string().nullable(),
    level: levelSchema,
    score: z.number(),
    networkId: z.string().nullable(),
    networkSize: z.number().int(),
    networkTowns: z.number().int(),
    families: z.array(z.string()),
    indicators: z.array(z.string()),
    priority: z.number().describe('Higher first; grows with time in the queue'),
    queuedAt: z.string(),
    minutesInQueue: z.number().int(),
    overdue: z.boolean(),
    claim: z
      .object({
        userId: z.string(),
        displayName: z.string(),
        expiresAt: z.string(),
        mine: z.boolean(),
      })
      .nullable(),
    status: z.enum(ITEM_STATUSES),
  })
  .describe('A review item');

export const decisionSchema = z
  .object({
    id: z.string(),
    itemId: z.string(),
    advertId: z.string(),
    outcome: z.string(),
    reasonCode: z.string(),
    note: z.string().nullable(),
    language: z.string().nullable(),
    toOrgId: z.string().nullable(),
    status: z.enum(['final', 'pending_approval', 'approved', 'rejected']),
    decidedBy: personSchema,
    decidedAt: z.string(),
    approvedBy: personSchema.nullable().describe('Who approved or rejected it'),
    approvedAt: z.string().nullable(),
  })
  .describe('A decision on a review item');

export const itemIdParams = z.object({ id: z.uuid() });

/** The queue's filters, as query parameters or a body. */
export const queueFilters = {
  level: levelSchema.optional(),
  family: z.string().min(1).max(100).optional(),
  indicator: z.string().min(1).max(200).optional(),
  town: z.string().min(1).max(200).optional(),
  postedFrom: z.coerce.date().optional().describe('Adverts posted at or after (ISO 8601)'),
  postedTo: z.coerce.date().optional().describe('Adverts posted at or before (ISO 8601)'),
};

export const statusFilter = z
  .enum(ITEM_STATUSES)
  .optional()
  .describe('Default: open and claimed items');

export const outcomeSchema = z.enum(OUTCOMES);
