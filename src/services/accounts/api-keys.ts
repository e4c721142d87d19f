// API keys let a site's own systems call Beacon. A key is `bk_<prefix>_<secret>`: the prefix finds
// the row, the whole key is checked against its Argon2id hash, and the key itself is shown once.
// Checking Argon2 on every request would cost more than the request, so a key that checked out
// is remembered in this process for a minute; revoking a key here forgets every key at once.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { API_KEY_SCOPES } from '../../core/auth/permissions.ts';
import type { ApiKeyScope } from '../../core/auth/permissions.ts';
import type { Actor, Permission } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { apiKeys, organisations } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import {
  hashSecret,
  isUniqueViolation,
  isUuid,
  parseInput,
  randomBase32,
  randomToken,
  sha256Hex,
  verifySecret,
} from './secrets.ts';

export type ApiKeyActor = Extract<Actor, { kind: 'api_key' }>;

/** An API key as listed: never its hash. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: string[];
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

const PREFIX_LENGTH = 8;
const KEY_PATTERN = /^bk_([a-z2-7]{8})_([A-Za-z0-9_-]{43})$/;
const CACHE_MS = 60_000;
const CACHE_MAX = 1_000;

const inputSchema = z.object({
  orgId: z.string(),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
  scopes: z
    .array(
      z.enum(API_KEY_SCOPES, {
        error: (issue) =>
          `"${String(issue.input)}" is not a scope an API key may have (${API_KEY_SCOPES.join(', ')})`,
      }),
    )
    .min(1, 'give at least one scope'),
});

/** Creates a key for a site; the key is in the answer and nowhere else, ever. */
export async function createApiKey(
  ctx: ServiceContext,
  input: {
    readonly orgId: string;
    readonly name: string;
    readonly scopes: readonly string[];
    readonly createdBy: string | null;
  },
): Promise<{ id: string; prefix: string; key: string }> {
  const v = parseInput(inputSchema, input, 'API key');
  const [org] = isUuid(v.orgId)
    ? await ctx.db.select().from(organisations).where(eq(organisations.id, v.orgId))
    : [];
  if (org === undefined) throw new AppError('NOT_FOUND', 'no such organisation');
  if (org.kind !== 'site') {
    throw new AppError(
      'INVALID_INPUT',
      `API keys are for sites; this is a ${org.kind} organisation`,
    );
  }
  const scopes: ApiKeyScope[] = [...new Set(v.scopes)];
  // A prefix clash (40 random bits) is next to impossible; one retry makes it irrelevant.
  for (let attempt = 0; ; attempt++) {
    const prefix = randomBase32(PREFIX_LENGTH);
    const key = `bk_${prefix}_${randomToken(32)}`;
    const keyHash = await hashSecret(key);
    try {
      const id = await ctx.db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const [row] = await tx
          .insert(apiKeys)
          .values({
            orgId: org.id,
            name: v.name,
            prefix,
            keyHash,
            scopes,
            createdBy: input.createdBy,
            createdAt: ctx.clock.now(),
          })
          .returning({ id: apiKeys.id });
        if (row === undefined) throw new Error('insert returned no API key');
        await recordAuditEvent(
          ctx,
          {
            action: 'apikey.create',
            orgId: org.id,
            actorUserId: input.createdBy,
            targetType: 'api_key',
            targetId: row.id,
            detail: { prefix, scopes },
          },
          tx,
        );
        return row.id;
      });
      return { id, prefix, key };
    } catch (err) {
      if (attempt === 0 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

interface Cached {
  readonly actor: ApiKeyActor;
  readonly until: number;
}
const cache = new Map<string, Cached>();
// Bumped on every clear: a check that began before a revocation must not refill the cache after.
let generation = 0;

/** Forgets every remembered key, so the next request with any key checks the store again. */
export function clearApiKeyCache(): void {
  generation++;
  cache.clear();
}

/** The actor a presented key acts as, or null when it is malformed, unknown, wrong or revoked. */
export async function authenticateApiKey(
  ctx: ServiceContext,
  key: string,
): Promise<ApiKeyActor | null> {
  const m = KEY_PATTERN.exec(key);
  if (m === null) return null;
  const prefix = m[1] as string;
  const now = ctx.clock.now().getTime();
  // Keyed by the key's SHA-256 so the cache never holds a usable key.
  const cacheKey = sha256Hex(key);
  const hit = cache.get(cacheKey);
  if (hit !== undefined) {
    if (hit.until > now) return hit.actor;
    cache.delete(cacheKey);
  }
  const startedIn = generation;
  const [row] = await ctx.db
    .select({
      id: apiKeys.id,
      orgId: apiKeys.orgId,
      keyHash: apiKeys.keyHash,
      scopes: apiKeys.scopes,
      orgKind: organisations.kind,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)));
  if (row === undefined || !(await verifySecret(row.keyHash, key))) return null;
  const actor: ApiKeyActor = {
    kind: 'api_key',
    apiKeyId: row.id,
    orgId: row.orgId,
    orgKind: row.orgKind,
    scopes: row.scopes.filter((s): s is Permission =>
      (API_KEY_SCOPES as readonly string[]).includes(s),
    ),
  };
  if (cache.size >= CACHE_MAX) {
    // Maps iterate in insertion order: the first entry is the oldest.
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  if (startedIn === generation) cache.set(cacheKey, { actor, until: now + CACHE_MS });
  // Written at most once a minute per key and process, when the cache is refilled.
  await ctx.db
    .update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(apiKeys.id, row.id));
  return actor;
}

/** Revokes one of the organisation's keys; NOT_FOUND when the key is not the organisation's. */
export async function revokeApiKey(
  ctx: ServiceContext,
  input: { readonly orgId: string; readonly id: string; readonly actorUserId: string | null },
): Promise<{ id: string; revokedAt: Date }> {
  if (!isUuid(input.id) || !isUuid(input.orgId)) {
    throw new AppError('NOT_FOUND', 'no such API key');
  }
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [key] = await tx
        .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, input.id), eq(apiKeys.orgId, input.orgId)))
        .for('update');
      if (key === undefined) throw new AppError('NOT_FOUND', 'no such API key');
      // Revoking twice is not an error; the first revocation's time stands.
      if (key.revokedAt !== null) return { id: key.id, revokedAt: key.revokedAt };
      await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, key.id));
      await recordAuditEvent(
        ctx,
        {
          action: 'apikey.revoke',
          orgId: input.orgId,
          actorUserId: input.actorUserId,
          targetType: 'api_key',
          targetId: key.id,
        },
        tx,
      );
      return { id: key.id, revokedAt: now };
    });
  } finally {
    clearApiKeyCache();
  }
}

/** The organisation's keys, oldest first, with no secrets. */
export async function listApiKeys(ctx: ServiceContext, orgId: string): Promise<ApiKeyInfo[]> {
  if (!isUuid(orgId)) return [];
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdBy: apiKeys.createdBy,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.prefix));
}
