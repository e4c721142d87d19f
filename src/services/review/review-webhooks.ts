// Queues the review workflow's webhook deliveries (`decision.made`, `appeal.resolved`) inside the
// transaction that records the decision, as queue-deliveries.ts does for level changes: a
// delivery is logged, and its job queued, exactly when the decision commits.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { enqueueMany } from '../../jobs/queue.ts';
import { queryRows } from '../../store/open-store.ts';
import type { Db } from '../../store/open-store.ts';
import { webhookDeliveries, webhooks } from '../../store/schema.ts';
import { WEBHOOK_MAX_ATTEMPTS } from '../webhooks/queue-deliveries.ts';
import type { WebhookJobPayload } from '../webhooks/queue-deliveries.ts';
import { WEBHOOK_JOB } from '../webhooks/webhook-events.ts';
import type { WebhookPayload } from '../webhooks/webhook-events.ts';

/** What a review event says, without the delivery's id and time. */
export type ReviewEvent =
  | {
      readonly event: 'decision.made';
      readonly decision: {
        readonly advertId: string;
        readonly outcome: string;
        readonly reasonCode: string;
        /** The advertiser's language (BCP 47) for safety information, where known. */
        readonly language: string | null;
        readonly decidedAt: string;
      };
    }
  | {
      readonly event: 'appeal.resolved';
      readonly appeal: {
        readonly advertId: string;
        readonly appealId: string;
        readonly outcome: 'upheld' | 'overturned';
      };
    };

/** Logs a pending delivery, and queues its job, for each of the org's webhooks on the event. */
export async function queueReviewEvent(
  tx: Db,
  orgId: string,
  body: ReviewEvent,
  now: Date,
): Promise<number> {
  const hooks = await tx
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(and(eq(webhooks.orgId, orgId), isNull(webhooks.disabledAt)));
  const subscribed = hooks.filter((h) => h.events.includes(body.event));
  if (subscribed.length === 0) return 0;
  const ids = await queryRows<{ id: string }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('webhook_deliveries', 'id'))::text as id
        from generate_series(1, ${subscribed.length})`,
  );
  const occurredAt = now.toISOString();
  const rows = subscribed.map((hook, i) => {
    const id = Number(ids[i]!.id);
    const payload = { ...body, id, occurredAt } as WebhookPayload;
    return {
      id,
      webhookId: hook.id,
      event: body.event,
      payload,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    };
  });
  await tx.insert(webhookDeliveries).values(rows);
  await enqueueMany(
    tx,
    rows.map((r) => ({
      kind: WEBHOOK_JOB,
      key: `webhook:${r.id}`,
      payload: { deliveryId: r.id } satisfies WebhookJobPayload,
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    })),
    now,
  );
  return rows.length;
}
