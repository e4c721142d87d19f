// Bulk import of a file of adverts for one site: batches go through the same ingest as the API
// (idempotent, versioned, each invalid line reported), and the import row shows progress.
import { eq } from 'drizzle-orm';
import type { FieldError } from '../core/advert/parse-advert.ts';
import { imports } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { ingestAdverts, MAX_BATCH } from './ingest-adverts.ts';

/** One line of the input, as a reader gives it. */
export interface ImportLine {
  readonly line: number;
  /** The decoded record, or the field errors that kept it from being one. */
  readonly record: unknown;
  readonly errors?: readonly FieldError[] | undefined;
}

export interface ImportProgress {
  readonly processed: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface ImportOutcome extends ImportProgress {
  readonly id: string;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rejected lines with their errors (never their contents): the first 1,000. */
  readonly errors: readonly { line: number; errors: readonly FieldError[] }[];
}

const MAX_KEPT_ERRORS = 1000;

/** Starts an import record; returns its id. */
export async function startImport(
  ctx: ServiceContext,
  input: { orgId: string; createdBy: string | null; total: number | null },
): Promise<string> {
  const [row] = await ctx.db
    .insert(imports)
    .values({
      orgId: input.orgId,
      status: 'running',
      total: input.total,
      createdBy: input.createdBy,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: imports.id });
  return row!.id;
}

/** Runs an import over batches of lines, updating its record after every batch. */
export async function runImport(
  ctx: ServiceContext,
  input: {
    id: string;
    orgId: string;
    batches: AsyncIterable<readonly ImportLine[]> | Iterable<readonly ImportLine[]>;
    onProgress?: (p: ImportProgress) => void;
  },
): Promise<ImportOutcome> {
  let processed = 0;
  let accepted = 0;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const errors: { line: number; errors: readonly FieldError[] }[] = [];
  let rejected = 0;
  try {
    for await (const batch of input.batches) {
      for (let i = 0; i < batch.length; i += MAX_BATCH) {
        const chunk = batch.slice(i, i + MAX_BATCH);
        const valid = chunk.filter((l) => l.errors === undefined || l.errors.length === 0);
        for (const l of chunk) {
          if (l.errors !== undefined && l.errors.length > 0) {
            rejected += 1;
            if (errors.length < MAX_KEPT_ERRORS) errors.push({ line: l.line, errors: l.errors });
          }
        }
        const outcome = await ingestAdverts(ctx, {
          orgId: input.orgId,
          records: valid.map((l) => l.record),
        });
        for (const r of outcome.rejected) {
          rejected += 1;
          if (errors.length < MAX_KEPT_ERRORS)
            errors.push({ line: valid[r.index]!.line, errors: r.errors });
        }
        accepted += outcome.created + outcome.updated + outcome.unchanged;
        created += outcome.created;
        updated += outcome.updated;
        unchanged += outcome.unchanged;
        processed += chunk.length;
      }
      await ctx.db
        .update(imports)
        .set({ processed, accepted, rejected, errors })
        .where(eq(imports.id, input.id));
      input.onProgress?.({ processed, accepted, rejected });
    }
    await ctx.db
      .update(imports)
      .set({ status: 'done', processed, accepted, rejected, errors, finishedAt: ctx.clock.now() })
      .where(eq(imports.id, input.id));
  } catch (err) {
    await ctx.db
      .update(imports)
      .set({ status: 'failed', processed, accepted, rejected, errors, finishedAt: ctx.clock.now() })
      .where(eq(imports.id, input.id));
    throw err;
  }
  return { id: input.id, processed, accepted, rejected, created, updated, unchanged, errors };
}

/** An import's record, or undefined when it is not the organisation's. */
export async function getImport(ctx: ServiceContext, orgId: string, id: string) {
  const [row] = await ctx.db.select().from(imports).where(eq(imports.id, id));
  return row !== undefined && row.orgId === orgId ? row : undefined;
}
