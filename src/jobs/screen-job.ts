// The job that screens and links adverts after ingest: its results, links, networks and the job's
// completion commit in one transaction (see services/link-stored-adverts.ts), with the webhook
// deliveries that announce their level changes and the review items they open or withdraw.
//
// Under load, screen jobs queue faster than one batch is linked. A batch's fixed costs (rescoring
// the networks it touches, the store's round trips) are the same whether it holds 500 adverts or
// 5,000, so the handler takes the queued screen jobs behind its own into the same transaction, up
// to MERGED_ITEMS adverts: they commit together, or all stay queued.
import { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';
import type { LevelChange, StoreLinker } from '../services/link-stored-adverts.ts';
import { SCREEN_JOB } from '../services/ingest-adverts.ts';
import { syncReviewItems } from '../services/review/sync-review-items.ts';
import { queueWebhookDeliveries } from '../services/webhooks/queue-deliveries.ts';
import { absorbReady } from './queue.ts';
import type { JobHandler } from './worker.ts';

/** At most this many adverts in one merged batch. */
export const MERGED_ITEMS = 5_000;
/** At most this many queued jobs looked at for merging. */
const MERGED_JOBS = 100;

const payloadSchema = z.object({
  items: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])),
});

export interface ScreenJobHooks {
  /** After the commit, with the level changes it announced. */
  readonly onLevelChanges?: (changes: readonly LevelChange[]) => void;
  /** After the commit, with the ids of every job it completed (its own and those it took). */
  readonly onCommitted?: (jobIds: readonly number[]) => void;
}

/** The handler of `screen` jobs, for a process's linker. */
export function screenJobHandler(
  ctx: ServiceContext,
  linker: StoreLinker,
  hooks: ScreenJobHooks = {},
): JobHandler<unknown> {
  return async (job, helpers) => {
    const { items } = payloadSchema.parse(job.payload);
    // The deliveries commit with the results they announce: none lost, none announced twice.
    const jobIds = [job.id];
    const outcome = await helpers.completeWith(async (tx) => {
      const batch = [...items];
      jobIds.length = 1;
      const taken = await absorbReady(tx, {
        kind: SCREEN_JOB,
        now: ctx.clock.now(),
        limit: MERGED_JOBS,
        accept: (payload) => {
          const parsed = payloadSchema.safeParse(payload);
          // A malformed job is left to fail on its own, not to sink this batch.
          if (!parsed.success) return false;
          if (batch.length + parsed.data.items.length > MERGED_ITEMS) return false;
          batch.push(...parsed.data.items);
          return true;
        },
      });
      jobIds.push(...taken.map((t) => t.id));
      const linked = await linker.linkBatch(tx, ctx, batch);
      await syncReviewItems(tx, linked.levelChanges, ctx.clock.now());
      await queueWebhookDeliveries(tx, linked.levelChanges, ctx.clock.now());
      return linked;
    });
    hooks.onCommitted?.(jobIds);
    if (outcome.levelChanges.length > 0) hooks.onLevelChanges?.(outcome.levelChanges);
  };
}
