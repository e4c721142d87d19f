// Appends one event to the audit trail. Appends are serialised by a transaction-scoped advisory
// lock so that each event's prevHash is the hash of the event before it, even with several
// processes writing to one PostgreSQL.
import { desc, sql } from 'drizzle-orm';
import { GENESIS_HASH } from '../../core/audit/audit-event.ts';
import type { AuditEventInput } from '../../core/audit/audit-event.ts';
import { auditEvents } from '../../store/schema.ts';
import type { Db } from '../../store/open-store.ts';
import type { ServiceContext } from '../context.ts';
import { hashAuditEvent } from './hash-audit-event.ts';

/** Advisory lock key of the audit chain (any constant; "beacon-audit" in ASCII-ish). */
const AUDIT_LOCK = 0x6265_6163;

/** Records an event; runs inside the caller's transaction when `tx` is given. */
export async function recordAuditEvent(
  ctx: ServiceContext,
  event: AuditEventInput,
  tx?: Db,
): Promise<void> {
  if (tx !== undefined) return append(tx, ctx, event);
  await ctx.db.transaction((t) => append(t as unknown as Db, ctx, event));
}

async function append(db: Db, ctx: ServiceContext, event: AuditEventInput): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock.now().toISOString();
  const hash = hashAuditEvent({ ...event, seq, at, prevHash });
  await db.insert(auditEvents).values({
    seq,
    at: new Date(at),
    orgId: event.orgId ?? null,
    actorUserId: event.actorUserId ?? null,
    actorApiKeyId: event.actorApiKeyId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    reason: event.reason ?? null,
    detail: event.detail ?? null,
    prevHash,
    hash,
  });
}
