// Catalogue drafts: weight changes proposed from a site's decisions (core/calibration), kept for a
// senior moderator to approve or reject. Approval is a recorded decision, not a deployment: the
// approved draft is a complete catalogue, validated, that the operator commits to
// catalogue/indicators.yaml; nothing here changes the weights Beacon screens with.
import { and, desc, eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import type { Actor } from '../../core/auth/roles.ts';
import type { Catalogue } from '../../core/catalogue/catalogue-schema.ts';
import type { CompiledCatalogue } from '../../core/catalogue/compile-catalogue.ts';
import { draftCatalogue } from '../../core/calibration/draft-catalogue.ts';
import type { WeightProposal } from '../../core/calibration/propose-weights.ts';
import { proposeWeights } from '../../core/calibration/propose-weights.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { catalogueDrafts, users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { calibrationReport } from './calibration-report.ts';

export type DraftStatus = 'proposed' | 'approved' | 'rejected';

export interface CatalogueDraft {
  readonly id: string;
  readonly baseVersion: string;
  readonly version: string;
  readonly status: DraftStatus;
  readonly proposal: WeightProposal;
  readonly proposedBy: { readonly userId: string | null; readonly displayName: string | null };
  readonly proposedAt: string;
  readonly reviewedBy: { readonly userId: string; readonly displayName: string | null } | null;
  readonly reviewedAt: string | null;
}

function personOf(actor: Actor): { userId: string; orgId: string } {
  if (actor.kind !== 'user') {
    throw new AppError('FORBIDDEN', 'catalogue drafts are proposed and reviewed by people');
  }
  return { userId: actor.userId, orgId: actor.orgId };
}

/** The catalogue a compiled one was built from (indicators in file order). */
export function catalogueOf(compiled: CompiledCatalogue, released = '1970-01-01'): Catalogue {
  return {
    version: compiled.version,
    released,
    levels: compiled.levels,
    indicators: [...compiled.byId.values()],
  };
}

/**
 * Proposes weight changes from the site's decisions. Stores a draft when there is at least one
 * change; otherwise answers the proposal (why each indicator stays) with no draft.
 */
export async function proposeCatalogueDraft(
  ctx: ServiceContext,
  actor: Actor,
  compiled: CompiledCatalogue,
): Promise<{ draft: CatalogueDraft | null; proposal: WeightProposal }> {
  const { userId, orgId } = personOf(actor);
  const report = await calibrationReport(ctx, orgId, compiled);
  const indicators = [...compiled.byId.values()].map((i) => ({
    id: i.id,
    weight: i.weight,
    grade: i.grade,
    biasRisk: i.biasRisk,
  }));
  const proposal = proposeWeights(indicators, report.indicators, {
    decided: report.decided,
    confirmed: report.confirmed,
  });
  if (proposal.changes.length === 0) return { draft: null, proposal };
  const now = ctx.clock.now();
  const draft = draftCatalogue(
    catalogueOf(compiled),
    proposal.changes,
    now.toISOString().slice(0, 10),
  );
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(catalogueDrafts)
      .values({
        orgId,
        baseVersion: compiled.version,
        version: draft.version,
        proposal,
        catalogue: draft,
        proposedBy: userId,
        proposedAt: now,
      })
      .returning({ id: catalogueDrafts.id });
    await recordAuditEvent(
      ctx,
      {
        action: 'calibration.propose',
        orgId,
        actorUserId: userId,
        targetType: 'catalogue_draft',
        targetId: row!.id,
        detail: {
          baseVersion: compiled.version,
          version: draft.version,
          changes: proposal.changes.length,
        },
      },
      tx,
    );
    return row!.id;
  });
  return { draft: await getCatalogueDraft(ctx, actor, id), proposal };
}

/** The site's drafts, newest first. */
export async function listCatalogueDrafts(
  ctx: ServiceContext,
  actor: Actor,
): Promise<CatalogueDraft[]> {
  const { orgId } = personOf(actor);
  const rows = await draftRows(ctx.db, orgId);
  return Promise.all(rows.map((r) => toDraft(ctx.db, r)));
}

/** One draft of the site; NOT_FOUND for another site's. */
export async function getCatalogueDraft(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<CatalogueDraft> {
  const { orgId } = personOf(actor);
  const [row] = await draftRows(ctx.db, orgId, id);
  if (row === undefined) throw new AppError('NOT_FOUND', `no catalogue draft ${id}`);
  return toDraft(ctx.db, row);
}

/** The draft as catalogue YAML, ready to commit as catalogue/indicators.yaml. */
export async function catalogueDraftYaml(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<string> {
  const { orgId } = personOf(actor);
  const [row] = await draftRows(ctx.db, orgId, id);
  if (row === undefined) throw new AppError('NOT_FOUND', `no catalogue draft ${id}`);
  const header =
    `# Catalogue ${row.version}: a draft from calibration (${row.status}), ` +
    `weights proposed against ${row.baseVersion}.\n`;
  return header + stringify(row.catalogue, { lineWidth: 100 });
}

/**
 * A senior moderator approves or rejects a proposed draft; the proposer cannot review their own
 * (SAME_REVIEWER), and a draft is reviewed once (CONFLICT).
 */
export async function reviewCatalogueDraft(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  verdict: 'approved' | 'rejected',
): Promise<CatalogueDraft> {
  const { userId, orgId } = personOf(actor);
  const draft = await getCatalogueDraft(ctx, actor, id);
  if (draft.proposedBy.userId === userId) {
    throw new AppError('SAME_REVIEWER', 'a draft is reviewed by someone other than its proposer');
  }
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = ctx.clock.now();
    const updated = await tx
      .update(catalogueDrafts)
      .set({ status: verdict, reviewedBy: userId, reviewedAt: now })
      .where(
        and(
          eq(catalogueDrafts.id, id),
          eq(catalogueDrafts.orgId, orgId),
          eq(catalogueDrafts.status, 'proposed'),
        ),
      )
      .returning({ id: catalogueDrafts.id });
    if (updated.length === 0)
      throw new AppError('CONFLICT', `draft ${id} has been reviewed already`);
    await recordAuditEvent(
      ctx,
      {
        action: verdict === 'approved' ? 'calibration.approve' : 'calibration.reject',
        orgId,
        actorUserId: userId,
        targetType: 'catalogue_draft',
        targetId: id,
        detail: { version: draft.version },
      },
      tx,
    );
  });
  return getCatalogueDraft(ctx, actor, id);
}

type DraftRow = typeof catalogueDrafts.$inferSelect;

function draftRows(db: Db, orgId: string, id?: string): Promise<DraftRow[]> {
  return db
    .select()
    .from(catalogueDrafts)
    .where(
      id === undefined
        ? eq(catalogueDrafts.orgId, orgId)
        : and(eq(catalogueDrafts.orgId, orgId), eq(catalogueDrafts.id, id)),
    )
    .orderBy(desc(catalogueDrafts.proposedAt));
}

async function toDraft(db: Db, row: DraftRow): Promise<CatalogueDraft> {
  const ids = [row.proposedBy, row.reviewedBy].filter((x): x is string => x !== null);
  const names = new Map<string, string>();
  for (const uid of ids) {
    const [u] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, uid));
    if (u !== undefined) names.set(uid, u.name);
  }
  return {
    id: row.id,
    baseVersion: row.baseVersion,
    version: row.version,
    status: row.status as DraftStatus,
    proposal: row.proposal as WeightProposal,
    proposedBy: { userId: row.proposedBy, displayName: names.get(row.proposedBy ?? '') ?? null },
    proposedAt: row.proposedAt.toISOString(),
    reviewedBy:
      row.reviewedBy === null
        ? null
        : { userId: row.reviewedBy, displayName: names.get(row.reviewedBy) ?? null },
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}
