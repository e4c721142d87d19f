// Reads the audit trail a page at a time, newest first: whoever reads a trail usually wants what
// happened lately. Keyset pagination on seq, so page n costs the same as page 1.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { AuditEvent } from '../../core/audit/audit-event.ts';
import { AppError } from '../../core/errors.ts';
import { auditEvents, organisations } from '../../store/schema.ts';
import type { ServiceContext } from '../context.ts';

export const MAX_AUDIT_PAGE = 1000;

export interface ListAuditEventsOptions {
  /** Only this organisation's events. */
  readonly orgId?: string | undefined;
  /** Cursor: only events older than this seq (the `next` of the previous page). */
  readonly after?: number | undefined;
  /** Events per page, 1 to 1000. */
  readonly limit: number;
}

export interface AuditEventPage {
  /** Newest first. */
  readonly events: AuditEvent[];
  /** Pass as `after` for the next (older) page; null when this page is the last. */
  readonly next: number | null;
}

/** One page of audit events, newest first, optionally for one organisation. */
export async function listAuditEvents(
  ctx: ServiceContext,
  options: ListAuditEventsOptions,
): Promise<AuditEventPage> {
  const { orgId, after, limit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new AppError('INVALID_INPUT', `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
  }
  if (after !== undefined && (!Number.isInteger(after) || after < 1)) {
    throw new AppError('INVALID_INPUT', 'after must be a positive whole number (an event seq)');
  }
  // One row more than asked tells whether another page follows without a count.
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        orgId === undefined ? undefined : eq(auditEvents.orgId, orgId),
        after === undefined ? undefined : lt(auditEvents.seq, after),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const events = rows.slice(0, limit).map((r): AuditEvent => ({
    seq: r.seq,
    at: r.at.toISOString(),
    action: r.action,
    orgId: r.orgId,
    actorUserId: r.actorUserId,
    actorApiKeyId: r.actorApiKeyId,
    targetType: r.targetType,
    targetId: r.targetId,
    reason: r.reason,
    detail: r.detail as Record<string, unknown> | null,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  const last = events.at(-1);
  return { events, next: rows.length > limit && last !== undefined ? last.seq : null };
}

/** The id of the organisation with this slug, for filtering by the name people type. */
export async function orgIdForSlug(ctx: ServiceContext, slug: string): Promise<string> {
  const [org] = await ctx.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (org === undefined) throw new AppError('NOT_FOUND', `no organisation with slug "${slug}"`);
  return org.id;
}
