// Walks the audit trail from the first event to the last, recomputing every hash, and reports the
// first broken link. It reads in keyset pages so memory stays flat on trails of millions of events.
import { and, asc, gt, lte, max } from 'drizzle-orm';
import { GENESIS_HASH } from '../../core/audit/audit-event.ts';
import { auditEvents } from '../../store/schema.ts';
import type { ServiceContext } from '../context.ts';
import { hashAuditEvent } from './hash-audit-event.ts';

/** What can be wrong with an event, in the order they are checked. */
export type AuditChainProblem = 'gap in sequence' | 'prev hash mismatch' | 'hash mismatch';

export type AuditChainReport =
  | { readonly ok: true; readonly events: number; readonly lastHash: string }
  | {
      readonly ok: false;
      /** Events found intact before the broken one. */
      readonly events: number;
      readonly firstBroken: { readonly seq: number; readonly problem: AuditChainProblem };
    };

export interface VerifyAuditChainOptions {
  /** Called after each page with events checked so far and the highest seq when verify began. */
  readonly onProgress?: (checked: number, total: number) => void;
  /** Rows per page (tests make it small to cross page boundaries). */
  readonly pageSize?: number;
}

/**
 * Verifies the whole trail as it stood when the call began (events appended meanwhile are left to
 * the next run). What each problem means:
 * - gap in sequence: the event with this seq is missing (deleted), or seqs were renumbered;
 * - hash mismatch: the event's stored content no longer gives its stored hash (edited in place);
 * - prev hash mismatch: the event does not point at the hash of the one before it (that one was
 *   edited and re-hashed, or events were spliced in).
 * Removing events from the end of the trail leaves a shorter chain that is still intact: compare
 * the count and last hash with ones noted earlier to catch that.
 */
export async function verifyAuditChain(
  ctx: ServiceContext,
  options: VerifyAuditChainOptions = {},
): Promise<AuditChainReport> {
  const pageSize = options.pageSize ?? 5000;
  const [top] = await ctx.db.select({ seq: max(auditEvents.seq) }).from(auditEvents);
  // max() of a bigint comes back as text on some drivers.
  const total = top?.seq == null ? 0 : Number(top.seq);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    // The first page has no lower bound, so a row spliced in below seq 1 is seen too.
    const after = checked === 0 ? undefined : gt(auditEvents.seq, expectedSeq - 1);
    const page = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(after, lte(auditEvents.seq, total)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of page) {
      const broken = (problem: AuditChainProblem, seq = row.seq): AuditChainReport => ({
        ok: false,
        events: checked,
        firstBroken: { seq, problem },
      });
      if (row.seq !== expectedSeq) return broken('gap in sequence', expectedSeq);
      if (row.prevHash !== prevHash) return broken('prev hash mismatch');
      const hash = hashAuditEvent({
        seq: row.seq,
        at: row.at.toISOString(),
        prevHash: row.prevHash,
        action: row.action,
        orgId: row.orgId,
        actorUserId: row.actorUserId,
        actorApiKeyId: row.actorApiKeyId,
        targetType: row.targetType,
        targetId: row.targetId,
        reason: row.reason,
        detail: row.detail as Record<string, unknown> | null,
      });
      if (hash !== row.hash) return broken('hash mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    options.onProgress?.(checked, total);
    if (page.length < pageSize) break;
  }
  // Rows below `total` that vanished at the very end show up here: the top row was seen at start.
  if (checked < total) {
    return {
      ok: false,
      events: checked,
      firstBroken: { seq: expectedSeq, problem: 'gap in sequence' },
    };
  }
  return { ok: true, events: checked, lastHash: prevHash };
}
