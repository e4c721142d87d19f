import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/auth/roles.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../services/accounts/api-keys.ts';
import { defineRoute } from '../../route.ts';

function person(actor: Actor): Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'API keys are managed by people');
  return actor;
}

const keyInfo = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createApiKeyRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/api-keys',
  access: 'org.manage_api_keys',
  summary: 'Create an API key for your site (the key is shown in this answer only)',
  tags: ['api keys'],
  status: 201,
  schema: {
    body: z.object({
      name: z.string().min(1).max(100),
      scopes: z.array(z.string()).min(1).max(10),
    }),
    response: { 201: z.object({ id: z.string(), prefix: z.string(), key: z.string() }) },
  },
  async handler(req, { ctx }) {
    const actor = person(req.actor);
    return createApiKey(ctx, { orgId: actor.orgId, ...req.body, createdBy: actor.userId });
  },
});

export const listApiKeysRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/api-keys',
  access: 'org.manage_api_keys',
  summary: "Your organisation's API keys (never the keys themselves)",
  tags: ['api keys'],
  schema: { response: { 200: z.object({ items: z.array(keyInfo) }) } },
  async handler(req, { ctx }) {
    const actor = person(req.actor);
    const keys = await listApiKeys(ctx, actor.orgId);
    return {
      items: keys.map((k) => ({
        ...k,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
    };
  },
});

export const revokeApiKeyRoute = defineRoute({
  method: 'DELETE',
  url: '/api/v1/api-keys/:id',
  access: 'org.manage_api_keys',
  summary: 'Revoke an API key at once',
  tags: ['api keys'],
  status: 204,
  schema: { params: z.object({ id: z.string().min(1).max(100) }) },
  async handler(req, { ctx }, reply) {
    const actor = person(req.actor);
    await revokeApiKey(ctx, { orgId: actor.orgId, id: req.params.id, actorUserId: actor.userId });
    return reply.code(204).send();
  },
});
