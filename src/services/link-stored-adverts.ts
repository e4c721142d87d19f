// Screens, links and scores stored advert versions, and writes the results back to the store.
//
// The linkage index lives in memory, one per process. The store is its source of truth: the
// link log records the order in which versions entered the index, and every batch is linked under
// one advisory lock, after replaying whatever other processes logged since. So any number of
// workers, sharing one PostgreSQL, hold the same networks; a worker killed mid-batch commits
// nothing (results, log and job completion share one transaction), and a batch that fails leaves
// the in-memory index suspect, so it is rebuilt from the log.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Advert } from '../core/advert/advert-schema.ts';
import type { CompiledCatalogue } from '../core/catalogue/compile-catalogue.ts';
import type { LinkageOptions } from '../core/linkage/linkage-index.ts';
import { LinkageIndex } from '../core/linkage/linkage-index.ts';
import type { AdvertResult, Level, Reason } from '../core/model/result.ts';
import { IncrementalScreener } from '../core/screen/incremental.ts';
import type { ScoredNetwork } from '../core/screen/screen-network.ts';
import { withNetwork } from '../core/screen/screen-network.ts';
import type { NetworkMember } from '../core/linkage/member.ts';
import type { Db } from '../store/open-store.ts';
import {
  adverts,
  advertVersions,
  identifiers,
  images,
  linkLog,
  links,
  networkMembers,
  networks,
  results,
} from '../store/schema.ts';
import type { ServiceContext } from './context.ts';

/** Advisory lock that serialises linking across processes. */
const LINK_LOCK = 0x6c69_6e6b;
/** Networks bigger than this update only the new adverts' results, not every member's. */
const RESCORE_LIMIT = 500;

/** A change of level an outside system may want to hear about (webhooks). */
export interface LevelChange {
  readonly kind: 'advert' | 'network';
  readonly id: string;
  readonly orgIds: readonly string[];
  readonly from: Level | null;
  readonly to: Level;
  readonly score: number;
}

export interface LinkBatchOutcome {
  readonly screened: number;
  readonly skipped: number;
  readonly levelChanges: readonly LevelChange[];
}

type Item = readonly [advertId: number, version: number];

/** One process's linkage index, kept in step with the store's link log. */
export class StoreLinker {
  private screener: IncrementalScreener;
  private applied = 0;
  /** Index positions by store advert id, for re-scoring network members. */
  private positions = new Map<number, number>();

  constructor(
    readonly catalogue: CompiledCatalogue,
    private readonly options: Partial<LinkageOptions> = {},
  ) {
    this.screener = this.fresh();
  }

  /** How many logged versions the index holds. */
  get appliedSeq(): number {
    return this.applied;
  }

  /** Screens and links a batch of stored versions inside `tx` (the caller commits). */
  async linkBatch(tx: Db, ctx: ServiceContext, items: readonly Item[]): Promise<LinkBatchOutcome> {
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK})`);
    await this.catchUp(tx);
    try {
      return await this.apply(tx, ctx, items);
    } catch (err) {
      // The index may hold adverts the rolled-back transaction never stored.
      this.screener = this.fresh();
      this.applied = 0;
      this.positions = new Map();
      throw err;
    }
  }

  /** Replays the link log from where this index stands; returns how many versions it added. */
  async catchUp(db: Db, onProgress?: (done: number) => void): Promise<number> {
    let added = 0;
    for (;;) {
      const rows = await db
        .select({ seq: linkLog.seq, advertId: linkLog.advertId, content: advertVersions.content })
        .from(linkLog)
        .innerJoin(
          advertVersions,
          and(
            eq(advertVersions.advertId, linkLog.advertId),
            eq(advertVersions.version, linkLog.version),
          ),
        )
        .where(gt(linkLog.seq, this.applied))
        .orderBy(asc(linkLog.seq))
        .limit(5000);
      for (const row of rows) {
        this.screener.add(asIndexed(row.content as Advert, row.advertId));
        this.positions.set(row.advertId, this.screener.index.count - 1);
        this.applied = row.seq;
      }
      added += rows.length;
      onProgress?.(added);
      if (rows.length < 5000) return added;
    }
  }

  private fresh(): IncrementalScreener {
    return new IncrementalScreener(this.catalogue, new LinkageIndex(this.options));
  }

  private async apply(
    tx: Db,
    ctx: ServiceContext,
    items: readonly Item[],
  ): Promise<LinkBatchOutcome> {
    const ids = [...new Set(items.map(([id]) => id))];
    const rows =
      ids.length === 0
        ? []
        : await tx
            .select({
              id: adverts.id,
              orgId: adverts.orgId,
              current: adverts.currentVersion,
              version: advertVersions.version,
              content: advertVersions.content,
            })
            .from(adverts)
            .innerJoin(advertVersions, eq(advertVersions.advertId, adverts.id))
            .where(
              and(inArray(adverts.id, ids), eq(advertVersions.version, adverts.currentVersion)),
            );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const logged = new Set(
      (
        await tx
          .select({ advertId: linkLog.advertId, version: linkLog.version })
          .from(linkLog)
          .where(inArray(linkLog.advertId, ids.length > 0 ? ids : [-1]))
      ).map((r) => `${r.advertId}:${r.version}`),
    );
    const now = ctx.clock.now();
    const levelChanges: LevelChange[] = [];
    const touched = new Map<string, { scored: ScoredNetwork; position: number }>();
    let screened = 0;
    let skipped = 0;
    for (const [id, version] of items) {
      const row = byId.get(id);
      // A version already linked, or one an edit has since replaced: the newer job has it.
      if (row === undefined || row.version !== version || logged.has(`${id}:${version}`)) {
        skipped += 1;
        continue;
      }
      logged.add(`${id}:${version}`);
      const advert = row.content as Advert;
      const outcome = this.screener.add(asIndexed(advert, id));
      const position = this.screener.index.count - 1;
      this.positions.set(id, position);
      this.applied += 1;
      await tx.insert(linkLog).values({ seq: this.applied, advertId: id, version, createdAt: now });
      const change = await writeResult(tx, row.orgId, id, version, outcome.result, now);
      if (change !== null) levelChanges.push(change);
      await writeIdentifiers(tx, id, advert, this.screener.index.member(position));
      if (outcome.links.length > 0) {
        await tx
          .insert(links)
          .values(
            outcome.links.map(({ a, b, ...detail }) => ({
              fromAdvertId: Number(a),
              toAdvertId: Number(b),
              type: detail.type,
              detail,
              createdAt: now,
            })),
          )
          .onConflictDoNothing();
      }
      if (outcome.network !== null) {
        touched.set(outcome.network.id, { scored: outcome.network, position });
      }
      screened += 1;
    }
    for (const { scored, position } of touched.values()) {
      levelChanges.push(...(await this.writeNetwork(tx, scored, position, now)));
    }
    return { screened, skipped, levelChanges };
  }

  /** Stores a network, its members, and the network's contributions to each member's result. */
  private async writeNetwork(
    tx: Db,
    scored: ScoredNetwork,
    position: number,
    now: Date,
  ): Promise<LevelChange[]> {
    const network = this.screener.index.networkOf(position);
    const record = this.screener.networkRecord(position);
    if (network === null || record === null) return [];
    const memberIds = network.members.map((i) => Number(this.screener.index.advertId(i)));
    const [before] = await tx
      .select({ level: networks.level })
      .from(networks)
      .where(eq(networks.id, scored.id));
    const row = {
      score: scored.score,
      level: scored.level,
      size: memberIds.length,
      reasons: scored.reasons,
      summary: record.summary,
      updatedAt: now,
    };
    await tx
      .insert(networks)
      .values({ id: scored.id, ...row })
      .onConflictDoUpdate({ target: networks.id, set: row });
    const orgRows = await tx
      .select({ id: adverts.id, orgId: adverts.orgId })
      .from(adverts)
      .where(inArray(adverts.id, memberIds));
    const orgOf = new Map(orgRows.map((r) => [r.id, r.orgId]));
    await tx
      .insert(networkMembers)
      .values(
        memberIds.map((advertId) => ({
          networkId: scored.id,
          advertId,
          orgId: orgOf.get(advertId)!,
        })),
      )
      .onConflictDoNothing();
    const changes: LevelChange[] = [];
    if (before?.level !== scored.level) {
      changes.push({
        kind: 'network',
        id: scored.id,
        orgIds: [...new Set(orgOf.values())],
        from: before?.level ?? null,
        to: scored.level,
        score: scored.score,
      });
    }
    if (memberIds.length <= RESCORE_LIMIT) {
      changes.push(...(await this.rescoreMembers(tx, network.members, scored, now)));
    }
    return changes;
  }

  /** Gives every member its network's current contributions (earlier members too). */
  private async rescoreMembers(
    tx: Db,
    positions: readonly number[],
    scored: ScoredNetwork,
    now: Date,
  ): Promise<LevelChange[]> {
    const ids = positions.map((p) => Number(this.screener.index.advertId(p)));
    const stored = await tx
      .select({
        advertId: results.advertId,
        orgId: results.orgId,
        version: results.version,
        reasons: results.reasons,
        level: results.level,
        score: results.score,
        catalogueVersion: results.catalogueVersion,
      })
      .from(results)
      .where(inArray(results.advertId, ids));
    const byId = new Map(stored.map((r) => [r.advertId, r]));
    const changes: LevelChange[] = [];
    for (const position of positions) {
      const id = Number(this.screener.index.advertId(position));
      const row = byId.get(id);
      if (row === undefined) continue;
      const own: AdvertResult = {
        id: String(id),
        site: null,
        score: row.score,
        level: row.level,
        networkId: null,
        catalogueVersion: row.catalogueVersion,
        reasons: (row.reasons as Reason[]).filter((r) => r.family !== 'network'),
      };
      const next = withNetwork(
        own,
        scored.id,
        scored.advertReasons.get(position) ?? [],
        this.catalogue,
      );
      const change = await writeResult(tx, row.orgId, id, row.version, next, now, row.level);
      if (change !== null) changes.push(change);
    }
    return changes;
  }
}

/** The advert as the index knows it: its store id as its id, so ids never collide across sites. */
function asIndexed(advert: Advert, advertId: number): Advert {
  return { ...advert, id: String(advertId) };
}

async function writeResult(
  tx: Db,
  orgId: string,
  advertId: number,
  version: number,
  result: AdvertResult,
  now: Date,
  knownLevel?: Level,
): Promise<LevelChange | null> {
  const before =
    knownLevel ??
    (
      await tx.select({ level: results.level }).from(results).where(eq(results.advertId, advertId))
    )[0]?.level;
  const values = {
    advertId,
    orgId,
    version,
    catalogueVersion: result.catalogueVersion,
    score: result.score,
    level: result.level,
    networkId: result.networkId,
    reasons: result.reasons,
    screenedAt: now,
  };
  await tx
    .insert(results)
    .values(values)
    .onConflictDoUpdate({ target: results.advertId, set: values });
  if (before === result.level) return null;
  return {
    kind: 'advert',
    id: String(advertId),
    orgIds: [orgId],
    from: before ?? null,
    to: result.level,
    score: result.score,
  };
}

/** The advert's normalised identifiers, for search and for reaching the index's reasons. */
function identifiersOf(m: NetworkMember): { type: string; value: string }[] {
  return [
    ...m.phones.map((value) => ({ type: 'phone', value })),
    ...m.emails.map((value) => ({ type: 'email', value })),
    ...m.handles.map((value) => ({ type: 'handle', value })),
    ...(m.accountId !== null ? [{ type: 'account', value: m.accountId }] : []),
    ...(m.payerId !== null ? [{ type: 'payer', value: m.payerId }] : []),
  ];
}

async function writeIdentifiers(
  tx: Db,
  advertId: number,
  advert: Advert,
  member: NetworkMember,
): Promise<void> {
  await tx.delete(identifiers).where(eq(identifiers.advertId, advertId));
  await tx.delete(images).where(eq(images.advertId, advertId));
  const ids = identifiersOf(member);
  if (ids.length > 0) {
    await tx
      .insert(identifiers)
      .values(ids.map((i) => ({ advertId, ...i })))
      .onConflictDoNothing();
  }
  const hashes = (advert.images ?? []).flatMap((img, position) =>
    img.pdq !== undefined ? [{ advertId, position, pdq: img.pdq.toLowerCase() }] : [],
  );
  if (hashes.length > 0) await tx.insert(images).values(hashes);
}
