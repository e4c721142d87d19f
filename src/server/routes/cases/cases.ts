// Cases: adverts and networks of one site gathered into an investigation, with notes and a
// timeline of what was added, noted and decided.
import { z } from 'zod';
import {
  addCaseMember,
  addCaseNote,
  createCase,
  getCase,
  listCases,
} from '../../../services/review/cases.ts';
import { defineRoute } from '../../route.ts';
import { decisionSchema, personSchema } from '../review/schemas.ts';

const caseSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  createdBy: personSchema.nullable(),
});

const memberSchema = z.object({
  advertId: z.string().nullable(),
  networkId: z.string().nullable(),
  addedAt: z.string(),
});

const caseParams = z.object({ id: z.uuid() });

export const createCaseRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/cases',
  access: 'review.decide',
  summary: 'Open a case',
  tags: ['cases'],
  status: 201,
  schema: {
    body: z.object({
      title: z.string().trim().min(1).max(200),
      summary: z.string().max(4000).optional(),
    }),
    response: { 201: z.object({ case: caseSchema }) },
  },
  async handler(req, { ctx }) {
    return { case: await createCase(ctx, req.actor, req.body) };
  },
});

export const listCasesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/cases',
  access: 'review.decide',
  summary: 'Your site’s cases, newest first',
  tags: ['cases'],
  schema: {
    response: {
      200: z.object({
        cases: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            status: z.string(),
            createdAt: z.string(),
            itemCount: z.number().int(),
          }),
        ),
      }),
    },
  },
  async handler(req, { ctx }) {
    return { cases: await listCases(ctx, req.actor) };
  },
});

export const getCaseRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/cases/:id',
  access: 'review.decide',
  summary: 'A case with its members and timeline (oldest first)',
  tags: ['cases'],
  schema: {
    params: caseParams,
    response: {
      200: z.object({
        case: caseSchema,
        members: z.array(memberSchema),
        timeline: z.array(
          z.object({
            at: z.string(),
            kind: z.enum(['decision', 'note', 'member']),
            by: personSchema,
            text: z.string().nullable(),
            decision: decisionSchema.optional(),
          }),
        ),
      }),
    },
  },
  async handler(req, { ctx }) {
    return getCase(ctx, req.actor, req.params.id);
  },
});

export const addCaseMemberRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/cases/:id/members',
  access: 'review.decide',
  summary: 'Add one of your adverts or networks to a case',
  tags: ['cases'],
  status: 201,
  schema: {
    params: caseParams,
    body: z.object({
      advertId: z
        .string()
        .regex(/^[1-9][0-9]{0,15}$/)
        .optional()
        .describe('Beacon’s advert id'),
      networkId: z.string().min(1).max(200).optional(),
    }),
    response: { 201: z.object({ member: memberSchema }) },
  },
  async handler(req, { ctx }) {
    return { member: await addCaseMember(ctx, req.actor, req.params.id, req.body) };
  },
});

export const addCaseNoteRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/cases/:id/notes',
  access: 'review.decide',
  summary: 'Add a note to a case',
  tags: ['cases'],
  status: 201,
  schema: {
    params: caseParams,
    body: z.object({ text: z.string().trim().min(1).max(4000) }),
    response: { 201: z.object({ note: z.object({ id: z.string(), at: z.string() }) }) },
  },
  async handler(req, { ctx }) {
    return { note: await addCaseNote(ctx, req.actor, req.params.id, req.body.text) };
  },
});
