import { z } from 'zod';
import type { Actor } from '../../../core/auth/roles.ts';
import { AppError } from '../../../core/errors.ts';
import { listDeliveries, MAX_DELIVERY_PAGE } from '../../../services/webhooks/list-deliveries.ts';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  MAX_WEBHOOK_URL,
} from '../../../services/webhooks/manage-webhooks.ts';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../../../services/webhooks/webhook-events.ts';
import { defineRoute } from '../../route.ts';
import { pageOf } from '../../schemas.ts';

function person(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'webhooks are managed by people');
  return actor;
}

const webhookInfo = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: z.string(),
  disabledAt: z.string().nullable().describe('Set once the webhook was deleted'),
});

const deliveryInfo = z.object({
  id: z.number().int(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable().describe('The receiver’s last HTTP status'),
  payload: z.unknown().describe('The body sent: ids, levels, score and time only'),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

const idParams = z.object({ id: z.string().min(1).max(100) });

export const createWebhookRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/webhooks',
  access: 'org.manage_webhooks',
  summary: 'Create a webhook for your site (its signing secret is shown in this answer only)',
  tags: ['webhooks'],
  status: 201,
  schema: {
    body: z.object({
      url: z.string().min(1).max(MAX_WEBHOOK_URL).describe('An http or https URL'),
      events: z
        .array(z.enum(WEBHOOK_EVENTS))
        .min(1)
        .max(WEBHOOK_EVENTS.length * 2),
    }),
    response: { 201: z.object({ id: z.string(), secret: z.string() }) },
  },
  async handler(req, { ctx }) {
    return createWebhook(ctx, person(req.actor), req.body);
  },
});

export const listWebhooksRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/webhooks',
  access: 'org.manage_webhooks',
  summary: "Your organisation's webhooks (never their secrets)",
  tags: ['webhooks'],
  schema: { response: { 200: z.object({ items: z.array(webhookInfo) }) } },
  async handler(req, { ctx }) {
    const hooks = await listWebhooks(ctx, person(req.actor).orgId);
    return {
      items: hooks.map((h) => ({
        ...h,
        createdAt: h.createdAt.toISOString(),
        disabledAt: h.disabledAt?.toISOString() ?? null,
      })),
    };
  },
});

export const deleteWebhookRoute = defineRoute({
  method: 'DELETE',
  url: '/api/v1/webhooks/:id',
  access: 'org.manage_webhooks',
  summary: 'Delete a webhook: nothing more is sent; its delivery log stays',
  tags: ['webhooks'],
  status: 204,
  schema: { params: idParams },
  async handler(req, { ctx }, reply) {
    await deleteWebhook(ctx, person(req.actor), req.params.id);
    return reply.code(204).send();
  },
});

export const listDeliveriesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/webhooks/:id/deliveries',
  access: 'org.manage_webhooks',
  summary: "A webhook's delivery log, newest first",
  tags: ['webhooks'],
  schema: {
    params: idParams,
    querystring: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50),
      after: z.string().max(500).optional().describe('The `next` cursor of the previous page'),
    }),
    response: { 200: pageOf(deliveryInfo) },
  },
  async handler(req, { ctx }) {
    return listDeliveries(ctx, person(req.actor).orgId, req.params.id, req.query);
  },
});
