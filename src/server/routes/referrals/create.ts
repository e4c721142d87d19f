import { z } from 'zod';
import { createReferral } from '../../../services/create-referral.ts';
import { defineRoute } from '../../route.ts';

export const createReferralRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/referrals',
  access: 'referrals.create',
  summary: 'Refer one of your adverts or networks to a police force or an NGO',
  tags: ['referrals'],
  status: 201,
  schema: {
    body: z.object({
      toOrg: z.string().min(1).max(200).describe('Slug of the police force or NGO'),
      advertId: z.number().int().positive().optional(),
      networkId: z.string().min(1).max(200).optional(),
      note: z.string().max(2000).optional(),
    }),
    response: { 201: z.object({ id: z.string() }) },
  },
  async handler(req, { ctx }) {
    return createReferral(ctx, req.actor, req.body);
  },
});
