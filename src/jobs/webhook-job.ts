// The job that sends one webhook delivery: a signed POST to the site's URL. A 2xx answer marks
// the delivery delivered; anything else (another status, a refused connection, a timeout) counts
// an attempt and throws, so the queue tries again after its backoff, until the job's last attempt
// marks the delivery failed. Nothing here logs or stores the body, the URL or the secret.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';
import { webhookBody, webhookSignature } from '../services/webhooks/webhook-events.ts';
import type { Db } from '../store/open-store.ts';
import { webhookDeliveries, webhooks } from '../store/schema.ts';
import { DEFAULT_BACKOFF, retryDelayMs } from './failure.ts';
import type { Backoff } from './failure.ts';
import type { JobHandler } from './worker.ts';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The HTTP client: the global fetch, or a stand-in (tests). */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface WebhookJobOptions {
  readonly fetch?: FetchFn;
  /** The workers' backoff, to log when the next attempt is due. */
  readonly backoff?: Backoff;
  readonly timeoutMs?: number;
}

const payloadSchema = z.object({ deliveryId: z.number().int().positive() });

/** Raised for a failed attempt; its message names the outcome only, never the URL or body. */
class DeliveryFailed extends Error {
  override name = 'DeliveryFailed';
}

/** The handler of `webhook` jobs. */
export function webhookJobHandler(
  ctx: ServiceContext,
  options: WebhookJobOptions = {},
): JobHandler<unknown> {
  const send = options.fetch ?? ((url, init) => fetch(url, init));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return async (job, helpers) => {
    const { deliveryId } = payloadSchema.parse(job.payload);
    const [row] = await ctx.db
      .select({
        status: webhookDeliveries.status,
        event: webhookDeliveries.event,
        payload: webhookDeliveries.payload,
        url: webhooks.url,
        secret: webhooks.secret,
        disabledAt: webhooks.disabledAt,
      })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(eq(webhookDeliveries.id, deliveryId));
    // Gone (its webhook's organisation was deleted), or already settled: nothing to send.
    if (row === undefined || !OPEN.includes(row.status)) return;
    if (row.disabledAt !== null) {
      await helpers.completeWith((tx) => settle(tx, deliveryId, { status: 'cancelled' }));
      return;
    }

    const body = webhookBody(row.payload);
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    let status: number | null = null;
    let failure: string;
    try {
      const res = await send(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Beacon-Webhooks/1',
          'x-beacon-event': row.event,
          'x-beacon-delivery': String(deliveryId),
          'x-beacon-timestamp': String(timestamp),
          'x-beacon-signature': webhookSignature(row.secret, timestamp, body),
        },
        body,
        // A redirect is an answer other than 2xx: following it would send the body elsewhere.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), helpers.signal]),
      });
      status = res.status;
      // The answer's body is of no interest; drop it so the connection is freed.
      await res.body?.cancel().catch(() => {});
      failure = `the receiver answered HTTP ${res.status}`;
    } catch (err) {
      failure = `the receiver could not be reached (${reasonOf(err)})`;
    }

    const now = ctx.clock.now();
    if (status !== null && status >= 200 && status < 300) {
      const responseStatus = status;
      await helpers.completeWith((tx) =>
        settle(tx, deliveryId, {
          // It was sent: say so, even if the webhook was deleted while the request was out.
          from: [...OPEN, 'cancelled'],
          status: 'delivered',
          attempts: job.attempts,
          responseStatus,
          deliveredAt: now,
        }),
      );
      return;
    }
    if (job.attempts >= job.maxAttempts) {
      await helpers.completeWith((tx) =>
        settle(tx, deliveryId, {
          status: 'failed',
          attempts: job.attempts,
          responseStatus: status,
        }),
      );
      return;
    }
    await ctx.db
      .update(webhookDeliveries)
      .set({
        status: 'retrying',
        attempts: job.attempts,
        responseStatus: status,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(job.attempts, backoff)),
      })
      .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, OPEN)));
    throw new DeliveryFailed(`attempt ${job.attempts}: ${failure}`);
  };
}

/** Statuses a delivery can still leave. */
const OPEN = ['pending', 'retrying'];

/** Writes a delivery's final state, unless it was settled meanwhile (its webhook deleted). */
async function settle(
  tx: Db,
  deliveryId: number,
  values: {
    from?: readonly string[];
    status: 'delivered' | 'failed' | 'cancelled';
    attempts?: number;
    responseStatus?: number | null;
    deliveredAt?: Date;
  },
): Promise<void> {
  const { from = OPEN, ...set } = values;
  await tx
    .update(webhookDeliveries)
    .set({ ...set, nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, [...from])));
}

/** Why a request failed, in a few words: a timeout, or the network error's code. */
function reasonOf(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return err.name === 'TimeoutError' ? 'timed out' : 'aborted';
  }
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return err instanceof Error ? err.name : 'error';
}
