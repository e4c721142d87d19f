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
import { canonicalJson } from '../core/audit/audit-event.ts';
import type { CompiledCatalogue } from '../core/catalogue/compile-catalogue.ts';
import type { LinkageOptions } from '../core/linkage/linkage-index.ts';
import { LinkageIndex } from '../core/linkage/linkage-index.ts';
import type { AdvertResult, Level, Reason } from '../core/model/result.ts';
import { IncrementalScreener } from '../core/screen/incremental.ts';
import type { ScreenedNetwork } from '../core/screen/screen-network.ts';
import { screenNetwork, withNetwork } from '../core/screen/screen-network.ts';
import type { NetworkMember } from '../core/linkage/member.ts';
import { bulkInsert } from '../store/bulk-insert.ts';
import type { Db } from '../store/open-store.ts';
import { queryRows } from '../store/open-store.ts';
import {
  adverts,
  advertVersions,
  identifiers,
  images,
  linkLog,
  links,
  networkMembers,
  networks,
  results as resultsTable,
} from '../store/schema.ts';
import type { ServiceContext } from './context.ts';

/** Advisory lock that serialises linking across processes. */
const LINK_LOCK = 0x6c69_6e6b;
/** Longest stretch of linking without letting the API's requests in, in milliseconds. */
const PAUSE_MS = 20;
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
        this.positions.set(
          row.advertId,
          this.screener.replay(asIndexed(row.content as Advert, row.advertId)),
        );
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
    if (ids.length === 0) return { screened: 0, skipped: items.length, levelChanges: [] };
    const rows = await tx
      .select({
        id: adverts.id,
        orgId: adverts.orgId,
        version: advertVersions.version,
        content: advertVersions.content,
      })
      .from(adverts)
      .innerJoin(advertVersions, eq(advertVersions.advertId, adverts.id))
      .where(and(inArray(adverts.id, ids), eq(advertVersions.version, adverts.currentVersion)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const logged = new Set(
      (
        await tx
          .select({ advertId: linkLog.advertId, version: linkLog.version })
          .from(linkLog)
          .where(inArray(linkLog.advertId, ids))
      ).map((r) => `${r.advertId}:${r.version}`),
    );
    const now = ctx.clock.now();
    const writes = new BatchWrites(now);
    /** Results of this batch's adverts, by store id (network contributions added below). */
    const fresh = new Map<number, { orgId: string; version: number; result: AdvertResult }>();
    const touched = new Map<string, number>();
    let skipped = 0;
    const pause = new Pauser();
    for (const [id, version] of items) {
      await pause.now();
      const row = byId.get(id);
      // A version already linked, or one an edit has since replaced: the newer job has it.
      if (row === undefined || row.version !== version || logged.has(`${id}:${version}`)) {
        skipped += 1;
        continue;
      }
      logged.add(`${id}:${version}`);
      const advert = row.content as Advert;
      const outcome = this.screener.link(asIndexed(advert, id));
      const { position } = outcome;
      this.positions.set(id, position);
      this.applied += 1;
      writes.log.push({ seq: this.applied, advertId: id, version, createdAt: now });
      fresh.set(id, { orgId: row.orgId, version, result: outcome.result });
      writes.addIdentifiers(id, advert, this.screener.index.member(position));
      for (const { a, b, ...detail } of outcome.links) {
        writes.links.push({
          fromAdvertId: Number(a),
          toAdvertId: Number(b),
          type: detail.type,
          detail,
          createdAt: now,
        });
      }
      const networkId = this.screener.index.networkIdOf(position);
      if (networkId !== null) touched.set(networkId, position);
    }

    // Each network as it stands after the whole batch (two touched ones may have merged).
    const finalNetworks = new Map<string, ScreenedNetwork>();
    for (const position of touched.values()) {
      await pause.now();
      const network = this.screener.index.networkOf(position);
      if (network !== null && !finalNetworks.has(network.id)) {
        finalNetworks.set(network.id, screenNetwork(network, this.screener.index, this.catalogue));
      }
    }
    const levelChanges: LevelChange[] = [];
    const results = new Map<number, { orgId: string; version: number; result: AdvertResult }>();
    for (const [id, r] of fresh) results.set(id, r);
    const rescore = new Map<number, { network: ScreenedNetwork; position: number }>();
    for (const network of finalNetworks.values()) {
      const members = network.record.adverts.map(Number);
      const positions = members.map((m) => this.positions.get(m)!);
      const everyone = members.length <= RESCORE_LIMIT;
      members.forEach((m, i) => {
        if (everyone || fresh.has(m)) rescore.set(m, { network, position: positions[i]! });
      });
    }
    // Earlier members keep their own reasons and take the network's current contributions; a
    // member whose result comes out as stored is not written again.
    const earlier = [...rescore.keys()].filter((id) => !fresh.has(id));
    const stored = new Map<number, StoredResult>();
    for (const chunk of chunks(earlier, 5000)) {
      const rows = await tx
        .select({
          advertId: resultsTable.advertId,
          orgId: resultsTable.orgId,
          version: resultsTable.version,
          score: resultsTable.score,
          level: resultsTable.level,
          networkId: resultsTable.networkId,
          reasons: resultsTable.reasons,
          catalogueVersion: resultsTable.catalogueVersion,
        })
        .from(resultsTable)
        .where(inArray(resultsTable.advertId, chunk));
      for (const row of rows) {
        stored.set(row.advertId, row);
        results.set(row.advertId, {
          orgId: row.orgId,
          version: row.version,
          result: {
            id: String(row.advertId),
            site: null,
            score: row.score,
            level: row.level,
            networkId: row.networkId,
            catalogueVersion: row.catalogueVersion,
            reasons: row.reasons as Reason[],
          },
        });
      }
    }
    for (const [id, { network, position }] of rescore) {
      await pause.now();
      const current = results.get(id);
      if (current === undefined) continue;
      const own: AdvertResult = {
        ...current.result,
        networkId: null,
        reasons: current.result.reasons.filter((r) => r.family !== 'network'),
      };
      const reasons = network.advertReasons.get(position) ?? [];
      const next = withNetwork(own, network.id, reasons, this.catalogue);
      const before = stored.get(id);
      if (before !== undefined && sameResult(before, next)) results.delete(id);
      else results.set(id, { ...current, result: next });
    }

    // Levels before this batch, to tell which changed.
    const before = new Map<number, Level>();
    for (const [id, row] of stored) before.set(id, row.level);
    const unknown = [...results.keys()].filter((id) => !stored.has(id));
    for (const chunk of chunks(unknown, 5000)) {
      const prior = await tx
        .select({ advertId: resultsTable.advertId, level: resultsTable.level })
        .from(resultsTable)
        .where(inArray(resultsTable.advertId, chunk));
      for (const p of prior) before.set(p.advertId, p.level);
    }
    for (const [id, r] of results) {
      const from = before.get(id) ?? null;
      if (from !== r.result.level) {
        levelChanges.push({
          kind: 'advert',
          id: String(id),
          orgIds: [r.orgId],
          from,
          to: r.result.level,
          score: r.result.score,
        });
      }
      writes.results.push({
        advertId: id,
        orgId: r.orgId,
        version: r.version,
        catalogueVersion: r.result.catalogueVersion,
        score: r.result.score,
        level: r.result.level,
        networkId: r.result.networkId,
        reasons: r.result.reasons,
        screenedAt: now,
      });
    }
    levelChanges.push(...(await this.networkChanges(tx, finalNetworks, writes, now)));
    await writes.flush(tx);
    return { screened: fresh.size, skipped, levelChanges };
  }

  /** Queues the networks' rows and members, and tells which networks changed level. */
  private async networkChanges(
    tx: Db,
    finalNetworks: ReadonlyMap<string, ScreenedNetwork>,
    writes: BatchWrites,
    now: Date,
  ): Promise<LevelChange[]> {
    if (finalNetworks.size === 0) return [];
    const ids = [...finalNetworks.keys()];
    const prior = new Map(
      (
        await tx
          .select({ id: networks.id, level: networks.level })
          .from(networks)
          .where(inArray(networks.id, ids))
      ).map((r) => [r.id, r.level]),
    );
    const allMembers = [...finalNetworks.values()].flatMap((n) => n.record.adverts.map(Number));
    const orgOf = new Map<number, string>();
    for (const chunk of chunks(allMembers, 5000)) {
      const orgRows = await tx
        .select({ id: adverts.id, orgId: adverts.orgId })
        .from(adverts)
        .where(inArray(adverts.id, chunk));
      for (const r of orgRows) orgOf.set(r.id, r.orgId);
    }
    const changes: LevelChange[] = [];
    for (const n of finalNetworks.values()) {
      const members = n.record.adverts.map(Number);
      writes.networks.push({
        id: n.id,
        score: n.score,
        level: n.level,
        size: members.length,
        reasons: n.reasons,
        summary: n.record.summary,
        updatedAt: now,
      });
      for (const advertId of members) {
        writes.members.push({ networkId: n.id, advertId, orgId: orgOf.get(advertId)! });
      }
      const from = prior.get(n.id) ?? null;
      if (from !== n.level) {
        changes.push({
          kind: 'network',
          id: n.id,
          orgIds: [...new Set(members.map((m) => orgOf.get(m)!))],
          from,
          to: n.level,
          score: n.score,
        });
      }
    }
    return changes;
  }
}

/** A stored result, to tell whether re-scoring changed it. */
interface StoredResult {
  readonly score: number;
  readonly level: Level;
  readonly networkId: string | null;
  readonly reasons: unknown;
}

/**
 * Whether `next` says what the stored result says: scores at the store's precision (real), reasons
 * whatever order the store gave their keys.
 */
function sameResult(stored: StoredResult, next: AdvertResult): boolean {
  return (
    stored.level === next.level &&
    stored.networkId === next.networkId &&
    Math.fround(next.score) === Math.fround(stored.score) &&
    canonicalJson(stored.reasons) === canonicalJson(next.reasons)
  );
}

/**
 * Lets other work on the event loop run every PAUSE_MS of linking: a worker in `beacon serve` shares
 * its process with the API, and a merged batch of 5,000 adverts would otherwise hold the loop for
 * seconds, stalling every request (ingest among them) until it ends.
 */
class Pauser {
  private last = performance.now();
  private count = 0;

  async now(): Promise<void> {
    // Reading the clock costs little, but not nothing: look every 16 steps.
    if ((this.count++ & 15) !== 0) return;
    if (performance.now() - this.last < PAUSE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

/** Splits a list into pieces of at most `size`. */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * A batch's writes, gathered and sent as a few multi-row statements: one statement per row
 * would make the store, not linking, the bottleneck.
 */
class BatchWrites {
  readonly log: (typeof linkLog.$inferInsert)[] = [];
  readonly links: (typeof links.$inferInsert)[] = [];
  readonly identifiers: (typeof identifiers.$inferInsert)[] = [];
  readonly images: (typeof images.$inferInsert)[] = [];
  readonly cleared: number[] = [];
  readonly results: (typeof resultsTable.$inferInsert)[] = [];
  readonly networks: (typeof networks.$inferInsert)[] = [];
  readonly members: (typeof networkMembers.$inferInsert)[] = [];

  constructor(readonly now: Date) {}

  /** The advert's identifiers and image hashes replace any it had. */
  addIdentifiers(advertId: number, advert: Advert, member: NetworkMember): void {
    this.cleared.push(advertId);
    for (const i of identifiersOf(member)) this.identifiers.push({ advertId, ...i });
    (advert.images ?? []).forEach((img, position) => {
      if (img.pdq !== undefined)
        this.images.push({ advertId, position, pdq: img.pdq.toLowerCase() });
    });
  }

  async flush(tx: Db): Promise<void> {
    await bulkInsert(tx, linkLog, this.log);
    for (const c of chunks(this.cleared, 5000)) {
      await tx.delete(identifiers).where(inArray(identifiers.advertId, c));
      await tx.delete(images).where(inArray(images.advertId, c));
    }
    await bulkInsert(tx, identifiers, this.identifiers, { doNothing: true });
    await bulkInsert(tx, images, this.images, { doNothing: true });
    await bulkInsert(tx, links, this.links, { doNothing: true });
    await bulkInsert(tx, networks, this.networks, {
      target: ['id'],
      update: ['score', 'level', 'size', 'reasons', 'summary', 'updatedAt'],
    });
    await bulkInsert(tx, resultsTable, this.results, {
      target: ['advertId'],
      update: [
        'orgId',
        'version',
        'catalogueVersion',
        'score',
        'level',
        'networkId',
        'reasons',
        'screenedAt',
      ],
    });
    // A member joins its network, and leaves any it was in before (networks merge).
    await bulkInsert(tx, networkMembers, this.members, { doNothing: true });
    const moved = new Set<string>();
    for (const c of chunks(this.members, 5000)) {
      const pairs = JSON.stringify(c.map((m) => ({ n: m.networkId, a: m.advertId })));
      const left = await queryRows<{ network_id: string }>(
        tx,
        sql`delete from ${networkMembers} as m
            using jsonb_to_recordset(${pairs}::jsonb) as x(n text, a bigint)
            where m.advert_id = x.a and m.network_id <> x.n
            returning m.network_id`,
      );
      for (const l of left) moved.add(l.network_id);
    }
    if (moved.size > 0) {
      await tx
        .delete(networks)
        .where(
          and(
            inArray(networks.id, [...moved]),
            sql`not exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${networks.id})`,
          ),
        );
    }
  }
}

/** The advert as the index knows it: its store id as its id, so ids never collide across sites. */
function asIndexed(advert: Advert, advertId: number): Advert {
  return { ...advert, id: String(advertId) };
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
