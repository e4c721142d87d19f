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

/**
 * JSON with object keys sorted at every depth, so equal events always give equal text. Values go
 * through JSON.stringify first (toJSON, dropped undefined, NaN as null) because the store keeps
 * exactly that, and a verifier reading it back must arrive at the same text.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value ?? null) as string | undefined;
  return canonical(text === undefined ? null : (JSON.parse(text) as unknown));
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  // Sorted by UTF-16 code units, the same order on every engine and every run.
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
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
