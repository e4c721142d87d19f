// Schemas shared by several routes.
import { z } from 'zod';
import { LEVELS } from '../core/model/result.ts';

export const levelSchema = z.enum(LEVELS);

/** Page size and cursor of a keyset-paginated list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1–500)'),
  after: z.string().max(500).optional().describe('The `next` cursor of the previous page'),
};

export const reasonSchema = z
  .looseObject({
    indicator: z.string(),
    family: z.string(),
    weight: z.number(),
    evidence: z.array(z.unknown()),
  })
  .describe('One indicator’s contribution to a score, with its evidence');

export const advertSummarySchema = z.object({
  id: z.number().int().describe('Beacon’s id of the advert'),
  externalId: z.string().describe('The advert’s id on its site'),
  site: z.string(),
  version: z.number().int(),
  score: z.number(),
  level: levelSchema,
  networkId: z.string().nullable(),
  catalogueVersion: z.string(),
  screenedAt: z.string(),
  postedAt: z.string().nullable(),
  reasons: z.array(reasonSchema),
});

export const networkSummarySchema = z.object({
  id: z.string(),
  score: z.number(),
  level: levelSchema,
  size: z.number().int(),
  reasons: z.array(reasonSchema),
  summary: z
    .unknown()
    .describe('Personas, phones, towns, timeline (null without personal-data access)'),
  updatedAt: z.string(),
});

/** A page of items with the cursor of the next. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable() });
}
