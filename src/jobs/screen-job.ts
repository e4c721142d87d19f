// The job that screens and links adverts after ingest: its results, links, networks and the job's
// completion commit in one transaction (see services/link-stored-adverts.ts).
import { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';
import type { LevelChange, StoreLinker } from '../services/link-stored-adverts.ts';
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
    const outcome = await helpers.completeWith((tx) => linker.linkBatch(tx, ctx, items));
    if (outcome.levelChanges.length > 0) onLevelChanges?.(outcome.levelChanges);
  };
}
