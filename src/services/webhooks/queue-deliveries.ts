// Turns level changes into webhook deliveries. It runs inside the transaction that commits the
// screening results, so a delivery is logged and its job queued exactly when the change itself
// commits: a crash loses neither, and a re-run batch (which finds nothing new) announces nothing.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { enqueueMany } from '../../jobs/queue.ts';
import { queryRows } from '../../store/open-store.ts';
import type { Db } from '../../store/open-store.ts';
import { webhookDeliveries, webhooks } from '../../store/schema.ts';
import type { LevelChange } from '../link-stored-adverts.ts';
import { WEBHOOK_JOB } from './webhook-events.ts';
import type { WebhookEvent, WebhookPayload } from './webhook-events.ts';

/**
 * Attempts per delivery. With the workers' default backoff (1 s doubling, capped at 15 min) the
 * last comes about 32 minutes after the first: long enough to ride out a receiver's restart.
 */
export const WEBHOOK_MAX_ATTEMPTS = 12;
/** Rows per INSERT: 7 parameters each, well under PostgreSQL's 65,535. */
const CHUNK = 1_000;

/** The payload of a `webhook` job: which delivery to send. */
export interface WebhookJobPayload {
  readonly deliveryId: number;
}

/**
 * Logs a pending delivery, and queues its job, for every change and every enabled webhook of the
 * change's organisations subscribed to its event. Answers how many deliveries were queued.
 */
export async function queueWebhookDeliveries(
  tx: Db,
  changes: readonly LevelChange[],
  now: Date,
): Promise<number> {
  if (changes.length === 0) return 0;
  const orgIds = [...new Set(changes.flatMap((c) => c.orgIds))];
  if (orgIds.length === 0) return 0;
  const hooks = await tx
    .select({ id: webhooks.id, orgId: webhooks.orgId, events: webhooks.events })
    .from(webhooks)
    .where(and(inArray(webhooks.orgId, orgIds), isNull(webhooks.disabledAt)));
  if (hooks.length === 0) return 0;
  const planned: { webhookId: string; event: WebhookEvent; change: LevelChange }[] = [];
  for (const change of changes) {
    // A first screening at level none is no news: sites hear of adverts that need a look.
    if (change.from === null && change.to === 'none') continue;
    const event: WebhookEvent = `${change.kind}.level_changed`;
    for (const hook of hooks) {
      if (change.orgIds.includes(hook.orgId) && hook.events.includes(event)) {
        planned.push({ webhookId: hook.id, event, change });
      }
    }
  }
  if (planned.length === 0) return 0;
  const ids = await nextDeliveryIds(tx, planned.length);
  const occurredAt = now.toISOString();
  const rows = planned.map(({ webhookId, event, change }, i) => {
    const id = ids[i]!;
    const subject = { id: change.id, from: change.from, to: change.to, score: change.score };
    const payload: WebhookPayload =
      change.kind === 'advert'
        ? { event: 'advert.level_changed', id, occurredAt, advert: subject }
        : { event: 'network.level_changed', id, occurredAt, network: subject };
    return {
      id,
      webhookId,
      event,
      payload,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    };
  });
  for (let start = 0; start < rows.length; start += CHUNK) {
    await tx.insert(webhookDeliveries).values(rows.slice(start, start + CHUNK));
  }
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

/** Takes ids from the deliveries' sequence first, so each payload can carry its own id. */
async function nextDeliveryIds(tx: Db, count: number): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('webhook_deliveries', 'id'))::text as id
        from generate_series(1, ${count})`,
  );
  return rows.map((r) => Number(r.id));
}
