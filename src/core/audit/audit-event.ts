// The audit trail's events and the canonical text each event's hash is taken over. Pure: the
// hashing itself (SHA-256) is done by the service that stores the event.

/** What happened, to what, by whom, and why. Never report contents or personal data. */
export interface AuditEventInput {
  /** Dotted verb, e.g. "auth.sign_in", "advert.view_personal", "review.decide". */
  readonly action: string;
  readonly orgId?: string | null;
  readonly actorUserId?: string | null;
  readonly actorApiKeyId?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  readonly reason?: string | null;
  /** Small structured facts (ids, counts, outcomes); no personal data. */
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

/** A stored event, as the hash chain sees it. */
export interface AuditEvent extends AuditEventInput {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash the first event points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal events always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text an event's hash covers: its previous hash and every field but its own hash. */
export function auditHashInput(e: Omit<AuditEvent, 'hash'>): string {
  return canonicalJson({
    prevHash: e.prevHash,
    seq: e.seq,
    at: e.at,
    action: e.action,
    orgId: e.orgId ?? null,
    actorUserId: e.actorUserId ?? null,
    actorApiKeyId: e.actorApiKeyId ?? null,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    reason: e.reason ?? null,
    detail: e.detail ?? null,
  });
}
