// The one place an audit event's hash is computed, so recording and verifying cannot drift apart.
import { createHash } from 'node:crypto';
import { auditHashInput } from '../../core/audit/audit-event.ts';
import type { AuditEvent } from '../../core/audit/audit-event.ts';

/** SHA-256 (hex) of the event's canonical text, which includes the previous event's hash. */
export function hashAuditEvent(event: Omit<AuditEvent, 'hash'>): string {
  return createHash('sha256').update(auditHashInput(event)).digest('hex');
}
