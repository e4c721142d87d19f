import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { isUuid } from '../../../services/accounts/secrets.ts';
import { getImport, runImport, startImport } from '../../../services/import-adverts.ts';
import { defineRoute } from '../../route.ts';

const importSchema = z.object({
  id: z.string(),
  status: z.string(),
  total: z.number().int().nullable(),
  processed: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  errors: z.unknown().describe('Rejected lines: { line, errors } (never their contents)'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const createImportRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/imports',
  access: 'imports.create',
  summary: 'Import a file of adverts (JSON Lines or a JSON array) in the background',
  tags: ['imports'],
  consumes: ['application/x-ndjson'],
  status: 202,
  schema: {
    body: z.array(z.unknown()).describe('The whole file: one advert (format v1) per line'),
    response: { 202: z.object({ id: z.string(), total: z.number().int() }) },
  },
  async handler(req, { ctx, wake }) {
    if (req.actor.kind === 'system') throw new AppError('FORBIDDEN', 'no site to import for');
    const { orgId } = req.actor;
    const records = req.body;
    const createdBy = req.actor.kind === 'user' ? req.actor.userId : null;
    const id = await startImport(ctx, { orgId, createdBy, total: records.length });
    const lines = records.map((record, i) =>
      typeof record === 'string'
        ? { line: i + 1, record: null, errors: [{ field: '', message: 'not valid JSON' }] }
        : { line: i + 1, record },
    );
    const batches = function* () {
      for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000);
    };
    // The import runs after the answer; its record shows progress, and a failure marks it failed.
    void runImport(ctx, { id, orgId, batches: batches(), onProgress: wake }).catch((err: unknown) =>
      req.raw.log.error({ importId: id, err: (err as Error).message }, 'import failed'),
    );
    return { id, total: records.length };
  },
});

export const getImportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/:id',
  access: 'imports.create',
  summary: "An import's progress and its rejected lines",
  tags: ['imports'],
  schema: { params: z.object({ id: z.string().max(100) }), response: { 200: importSchema } },
  async handler(req, { ctx }) {
    if (req.actor.kind === 'system') throw new AppError('FORBIDDEN', 'no organisation');
    const row = isUuid(req.params.id)
      ? await getImport(ctx, req.actor.orgId, req.params.id)
      : undefined;
    if (row === undefined) throw new AppError('NOT_FOUND', `no import ${req.params.id}`);
    return {
      ...row,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  },
});
