import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { ingestAdverts, MAX_BATCH } from '../../../services/ingest-adverts.ts';
import { defineRoute } from '../../route.ts';

const outcome = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int(),
      id: z.string().nullable(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  screeningJobId: z.number().int().nullable(),
});

export const ingestAdvertsRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/adverts',
  access: 'adverts.ingest',
  summary: 'Send adverts (a JSON array, or JSON Lines as application/x-ndjson)',
  tags: ['adverts'],
  consumes: ['application/x-ndjson'],
  status: 202,
  schema: {
    body: z
      .array(z.unknown())
      .max(MAX_BATCH)
      .describe(
        `Up to ${MAX_BATCH} adverts in the interchange format v1 (docs/formats.md). Each is ` +
          'validated on its own: invalid ones are reported in `rejected`, valid ones stored. ' +
          'Idempotent on (site, id); an edited advert becomes a new version.',
      ),
    response: { 202: outcome },
  },
  async handler(req, { ctx, wake }) {
    if (req.actor.kind === 'system') throw new AppError('FORBIDDEN', 'no site to ingest for');
    const outcome = await ingestAdverts(ctx, { orgId: req.actor.orgId, records: req.body });
    if (outcome.screeningJobId !== null) wake();
    return outcome;
  },
});
