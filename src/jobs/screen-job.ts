// The job that screens and links adverts after ingest: its results, links, networks and the job's
// completion commit in one transaction (see services/link-stored-adverts.ts), with the webhook
// deliveries that announce their level changes.
import { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';
import type { LevelChange, StoreLinker } from '../services/link-stored-adverts.ts';
import { queueWebhookDeliveries } from '../services/webhooks/queue-deliveries.ts';
import type { JobHandler } from './worker.ts';

const payloadSchema = z.object({
  items: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])),
});

/** The handler of `screen` jobs, for a process's linker. */
export function screenJobHandler(
  ctx: ServiceContext,
  linker: StoreLinker,
  onLevelChanges?: (changes: readonly LevelChange[]) => void,
): JobHandler<unknown> {
  return async (job, helpers) => {
    const { items } = payloadSchema.parse(job.payload);
    // The deliveries commit with the results they announce: none lost, none announced twice.
    const outcome = await helpers.completeWith(async (tx) => {
      const linked = await linker.linkBatch(tx, ctx, items);
      await queueWebhookDeliveries(tx, linked.levelChanges, ctx.clock.now());
      return linked;
    });
    if (outcome.levelChanges.length > 0) onLevelChanges?.(outcome.levelChanges);
  };
}
