// Calibration: each indicator's measured precision and the false-positive rates by stated
// nationality and language, from the site's own decisions; and catalogue drafts that propose
// weight changes for a senior moderator (not the proposer) to approve.
import { z } from 'zod';
import { calibrationReport } from '../../../services/calibration/calibration-report.ts';
import {
  catalogueDraftYaml,
  getCatalogueDraft,
  listCatalogueDrafts,
  proposeCatalogueDraft,
  reviewCatalogueDraft,
} from '../../../services/calibration/catalogue-drafts.ts';
import { AppError } from '../../../core/errors.ts';
import { defineRoute } from '../../route.ts';

const interval = z.object({ low: z.number(), high: z.number() }).nullable();

const groupSchema = z.object({
  group: z.string(),
  reviewed: z.number().int(),
  falsePositives: z.number().int(),
  rate: z.number().nullable(),
  interval,
  pValue: z.number().nullable(),
  flagged: z.boolean().describe('Cleared significantly more often than everyone else'),
  tooFew: z.boolean().describe('Too few reviewed adverts to judge'),
});

const fairnessSchema = z.object({
  by: z.enum(['nationality', 'language']),
  overall: z.object({
    reviewed: z.number().int(),
    falsePositives: z.number().int(),
    rate: z.number().nullable(),
    interval,
  }),
  groups: z.array(groupSchema),
  alpha: z.number(),
});

const reportSchema = z.object({
  catalogueVersion: z.string(),
  reviewed: z.number().int(),
  decided: z.number().int(),
  confirmed: z.number().int(),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      family: z.string(),
      name: z.string(),
      fired: z.number().int(),
      confirmed: z.number().int(),
      inconclusive: z.number().int(),
      precision: z.number().nullable(),
      interval,
    }),
  ),
  fairness: z.object({ nationality: fairnessSchema, language: fairnessSchema }),
});

const changeSchema = z.object({
  indicator: z.string(),
  from: z.number(),
  to: z.number(),
  fired: z.number().int(),
  confirmed: z.number().int(),
  precision: z.number(),
  interval: z.object({ low: z.number(), high: z.number() }),
  why: z.string(),
});

const proposalSchema = z.object({
  baseline: z.number().nullable(),
  decided: z.number().int(),
  changes: z.array(changeSchema),
  unchanged: z.array(z.object({ indicator: z.string(), reason: z.string() })),
});

const person = z.object({ userId: z.string().nullable(), displayName: z.string().nullable() });

const draftSchema = z.object({
  id: z.string(),
  baseVersion: z.string(),
  version: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  proposal: proposalSchema,
  proposedBy: person,
  proposedAt: z.string(),
  reviewedBy: person.nullable(),
  reviewedAt: z.string().nullable(),
});

const draftParams = z.object({ id: z.uuid() });

export const calibrationRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/calibration',
  access: 'review.decide',
  summary: 'Indicator precision and false-positive rates by group, from your site’s decisions',
  tags: ['calibration'],
  schema: { response: { 200: reportSchema } },
  async handler(req, { ctx, linker }) {
    if (req.actor.kind !== 'user') throw new AppError('FORBIDDEN', 'calibration is for people');
    return calibrationReport(ctx, req.actor.orgId, linker.catalogue);
  },
});

export const proposeDraftRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/calibration/drafts',
  access: 'review.decide_senior',
  summary: 'Propose catalogue weight changes from the decisions so far (a draft; changes nothing)',
  tags: ['calibration'],
  schema: {
    response: {
      200: z.object({ draft: z.null(), proposal: proposalSchema }),
      201: z.object({ draft: draftSchema, proposal: proposalSchema }),
    },
  },
  async handler(req, { ctx, linker }, reply) {
    const out = await proposeCatalogueDraft(ctx, req.actor, linker.catalogue);
    return reply.code(out.draft === null ? 200 : 201).send(out);
  },
});

export const listDraftsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/calibration/drafts',
  access: 'review.decide',
  summary: 'Your site’s catalogue drafts, newest first',
  tags: ['calibration'],
  schema: { response: { 200: z.object({ drafts: z.array(draftSchema) }) } },
  async handler(req, { ctx }) {
    return { drafts: await listCatalogueDrafts(ctx, req.actor) };
  },
});

export const getDraftRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/calibration/drafts/:id',
  access: 'review.decide',
  summary: 'One catalogue draft with its proposal',
  tags: ['calibration'],
  schema: { params: draftParams, response: { 200: z.object({ draft: draftSchema }) } },
  async handler(req, { ctx }) {
    return { draft: await getCatalogueDraft(ctx, req.actor, req.params.id) };
  },
});

export const draftYamlRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/calibration/drafts/:id/catalogue',
  access: 'review.decide',
  summary: 'The draft as catalogue YAML, to commit as catalogue/indicators.yaml once approved',
  tags: ['calibration'],
  schema: { params: draftParams },
  async handler(req, { ctx }, reply) {
    const yaml = await catalogueDraftYaml(ctx, req.actor, req.params.id);
    return reply.type('application/yaml; charset=utf-8').send(yaml);
  },
});

export const approveDraftRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/calibration/drafts/:id/approve',
  access: 'review.decide_senior',
  summary: 'Approve a draft someone else proposed (recorded; the operator deploys it)',
  tags: ['calibration'],
  schema: { params: draftParams, response: { 200: z.object({ draft: draftSchema }) } },
  async handler(req, { ctx }) {
    return { draft: await reviewCatalogueDraft(ctx, req.actor, req.params.id, 'approved') };
  },
});

export const rejectDraftRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/calibration/drafts/:id/reject',
  access: 'review.decide_senior',
  summary: 'Reject a draft someone else proposed',
  tags: ['calibration'],
  schema: { params: draftParams, response: { 200: z.object({ draft: draftSchema }) } },
  async handler(req, { ctx }) {
    return { draft: await reviewCatalogueDraft(ctx, req.actor, req.params.id, 'rejected') };
  },
});
