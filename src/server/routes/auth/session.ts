import { z } from 'zod';
import { PERMISSIONS } from '../../../core/auth/roles.ts';
import { can } from '../../../core/auth/permissions.ts';
import { AppError } from '../../../core/errors.ts';
import {
  organisationsOf,
  signOut,
  switchOrganisation,
} from '../../../services/accounts/sessions.ts';
import { defineRoute } from '../../route.ts';
import { clearSessionCookie, sessionTokenOf } from '../../session-cookie.ts';
import { orgSchema } from './sign-in.ts';

export const signOutRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/auth/sign-out',
  access: 'pending-session',
  summary: 'Sign out: ends the session',
  tags: ['auth'],
  status: 204,
  schema: {},
  async handler(req, { ctx }, reply) {
    await signOut(ctx, sessionTokenOf(req.raw));
    clearSessionCookie(reply);
    return reply.code(204).send();
  },
});

const meSchema = z.object({
  kind: z.enum(['user', 'api_key']),
  orgId: z.string(),
  orgKind: z.string(),
  userId: z.string().nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  orgs: z.array(orgSchema),
});

export const meRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/me',
  access: 'signed-in',
  summary: 'Who you are: organisation, roles, permissions',
  tags: ['auth'],
  schema: { response: { 200: meSchema } },
  async handler(req, { ctx }) {
    const a = req.actor;
    if (a.kind === 'system') throw new AppError('UNAUTHENTICATED', 'sign in first');
    return {
      kind: a.kind,
      orgId: a.orgId,
      orgKind: a.orgKind,
      userId: a.kind === 'user' ? a.userId : null,
      roles: a.kind === 'user' ? [...a.roles] : [],
      permissions: PERMISSIONS.filter((p) => can(a, p)),
      orgs: a.kind === 'user' ? await organisationsOf(ctx.db, a.userId) : [],
    };
  },
});

export const switchOrgRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/me/organisation',
  access: 'signed-in',
  summary: 'Act for another of your organisations',
  tags: ['auth'],
  status: 204,
  schema: { body: z.object({ orgId: z.string().uuid() }) },
  async handler(req, { ctx }, reply) {
    if (req.actor.kind !== 'user') {
      throw new AppError('FORBIDDEN', 'an API key belongs to one organisation');
    }
    await switchOrganisation(ctx, { token: sessionTokenOf(req.raw), orgId: req.body.orgId });
    return reply.code(204).send();
  },
});
