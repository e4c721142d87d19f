// The delivery log of one webhook, newest first, a keyset page at a time (on the delivery id).
import { and, desc, eq, lt } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { webhookDeliveries, webhooks } from '../../store/schema.ts';
import { isUuid } from '../accounts/secrets.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../list-adverts.ts';
import type { Page } from '../list-adverts.ts';
import type { DeliveryStatus } from './webhook-events.ts';

/** One delivery as its log shows it; the payload holds ids, levels and a score only. */
export interface DeliveryInfo {
  readonly id: number;
  readonly event: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly payload: unknown;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
}

export const MAX_DELIVERY_PAGE = 500;

const isIdCursor = (v: unknown): v is [number] =>
  Array.isArray(v) && v.length === 1 && Number.isSafeInteger(v[0]);

/** A page of a webhook's deliveries, newest first; NOT_FOUND unless the webhook is the org's. */
export async function listDeliveries(
  ctx: ServiceContext,
  orgId: string,
  webhookId: string,
  query: { readonly after?: string | undefined; readonly limit: number },
): Promise<Page<DeliveryInfo>> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_DELIVERY_PAGE) {
    throw new AppError(
      'INVALID_INPUT',
      `limit must be a whole number from 1 to ${MAX_DELIVERY_PAGE}`,
    );
  }
  if (!isUuid(webhookId) || !isUuid(orgId)) throw new AppError('NOT_FOUND', 'no such webhook');
  const [hook] = await ctx.db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.orgId, orgId)));
  if (hook === undefined) throw new AppError('NOT_FOUND', 'no such webhook');
  const before = query.after === undefined ? undefined : decodeCursor(query.after, isIdCursor)[0];
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, hook.id),
        before === undefined ? undefined : lt(webhookDeliveries.id, before),
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r): DeliveryInfo => ({
    id: r.id,
    event: r.event,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    responseStatus: r.responseStatus,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last !== undefined ? encodeCursor([last.id]) : null,
  };
}
