// A site's outbound webhooks: created by a person with org.manage_webhooks, listed without their
// secrets, and deleted by disabling them (their delivery log stays readable). The signing secret
// is shown once, in the answer to create; Beacon keeps it in the store because it must sign with it.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../core/auth/permissions.ts';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { organisations, webhookDeliveries, webhooks } from '../../store/schema.ts';
import { isUuid, parseInput, randomToken } from '../accounts/secrets.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { WEBHOOK_EVENTS } from './webhook-events.ts';
import type { WebhookEvent } from './webhook-events.ts';

type Person = Extract<Actor, { kind: 'user' }>;

/** A webhook as listed: never its secret. */
export interface WebhookInfo {
  readonly id: string;
  readonly url: string;
  readonly events: WebhookEvent[];
  readonly createdAt: Date;
  /** Set when the webhook was deleted: it sends nothing more. */
  readonly disabledAt: Date | null;
}

export const MAX_WEBHOOK_URL = 2_000;

const urlSchema = z
  .string()
  .trim()
  .max(MAX_WEBHOOK_URL, `at most ${MAX_WEBHOOK_URL} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not a URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'must be an http or https URL' });
    }
    // Listed to every admin of the site and written to no log: credentials have no place here.
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({
        code: 'custom',
        message: 'must not hold credentials; check the signature instead',
      });
    }
  });

const inputSchema = z.object({
  url: urlSchema,
  events: z
    .array(
      z.enum(WEBHOOK_EVENTS, {
        error: (issue) => `"${String(issue.input)}" is not an event (${WEBHOOK_EVENTS.join(', ')})`,
      }),
    )
    .min(1, 'give at least one event'),
});

/** Creates a webhook for the person's site; the secret is in the answer and shown nowhere else. */
export async function createWebhook(
  ctx: ServiceContext,
  actor: Actor,
  input: { readonly url: string; readonly events: readonly string[] },
): Promise<{ id: string; secret: string }> {
  const person = personOf(actor);
  const v = parseInput(inputSchema, input, 'webhook');
  const [org] = await ctx.db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, person.orgId));
  if (org === undefined) throw new AppError('NOT_FOUND', 'no such organisation');
  // Level changes happen to a site's adverts; no other kind of organisation would hear anything.
  if (org.kind !== 'site') {
    throw new AppError(
      'INVALID_INPUT',
      `webhooks are for sites; this is a ${org.kind} organisation`,
    );
  }
  const events = WEBHOOK_EVENTS.filter((e) => v.events.includes(e));
  const secret = randomToken(32);
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(webhooks)
      .values({ orgId: person.orgId, url: v.url, secret, events, createdAt: ctx.clock.now() })
      .returning({ id: webhooks.id });
    if (row === undefined) throw new Error('insert returned no webhook');
    await recordAuditEvent(
      ctx,
      {
        action: 'webhook.create',
        orgId: person.orgId,
        actorUserId: person.userId,
        targetType: 'webhook',
        targetId: row.id,
        detail: { events, host: new URL(v.url).host },
      },
      tx,
    );
    return row.id;
  });
  return { id, secret };
}

/** The organisation's webhooks, oldest first, deleted ones included (with disabledAt). */
export async function listWebhooks(ctx: ServiceContext, orgId: string): Promise<WebhookInfo[]> {
  if (!isUuid(orgId)) return [];
  const rows = await ctx.db
    .select({
      id: webhooks.id,
      url: webhooks.url,
      events: webhooks.events,
      createdAt: webhooks.createdAt,
      disabledAt: webhooks.disabledAt,
    })
    .from(webhooks)
    .where(eq(webhooks.orgId, orgId))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
  return rows.map((r) => ({ ...r, events: r.events as WebhookEvent[] }));
}

/**
 * Deletes one of the organisation's webhooks by disabling it: nothing more is sent, deliveries
 * not yet made are cancelled, and the log stays. NOT_FOUND for another organisation's webhook.
 */
export async function deleteWebhook(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<{ id: string; disabledAt: Date }> {
  const person = personOf(actor);
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'no such webhook');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [hook] = await tx
      .select({ id: webhooks.id, disabledAt: webhooks.disabledAt })
      .from(webhooks)
      .where(and(eq(webhooks.id, id), eq(webhooks.orgId, person.orgId)))
      .for('update');
    if (hook === undefined) throw new AppError('NOT_FOUND', 'no such webhook');
    // Deleting twice is not an error; the first deletion's time stands.
    if (hook.disabledAt !== null) return { id: hook.id, disabledAt: hook.disabledAt };
    await tx.update(webhooks).set({ disabledAt: now }).where(eq(webhooks.id, hook.id));
    // Their jobs still run, find the delivery cancelled, and send nothing.
    await tx
      .update(webhookDeliveries)
      .set({ status: 'cancelled', nextAttemptAt: null })
      .where(
        and(
          eq(webhookDeliveries.webhookId, hook.id),
          inArray(webhookDeliveries.status, ['pending', 'retrying']),
        ),
      );
    await recordAuditEvent(
      ctx,
      {
        action: 'webhook.delete',
        orgId: person.orgId,
        actorUserId: person.userId,
        targetType: 'webhook',
        targetId: hook.id,
      },
      tx,
    );
    return { id: hook.id, disabledAt: now };
  });
}

/** Webhooks are managed by people of the organisation, never by API keys. */
function personOf(actor: Actor): Person {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'webhooks are managed by people');
  requirePermission(actor, 'org.manage_webhooks');
  return actor;
}
