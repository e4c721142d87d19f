import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Catalogue } from '../core/catalogue/catalogue-schema.ts';
import type { CompiledCatalogue } from '../core/catalogue/compile-catalogue.ts';
import { LinkageIndex, type Hub, type LinkageOptions } from '../core/linkage/linkage-index.ts';
import { linkSlots, memberOf, type NetworkMember } from '../core/linkage/member.ts';
import { advertFeatures, type AdvertFeatures } from '../core/model/features.ts';
import type { Level, Reason } from '../core/model/result.ts';
import { screenNetwork, withNetwork } from '../core/screen/screen-network.ts';
import {
  addRejected,
  addToSummary,
  emptySummary,
  type ScreenSummary,
} from '../core/screen/summary.ts';
import { fileSize, readAdvertFile, type InputFormat, type InputItem } from '../io/advert-file.ts';
import { saveLinkageIndex } from '../io/linkage-snapshot.ts';
import { openLineWriter } from '../io/line-writer.ts';
import { hashImages } from './hash-images.ts';
import type { Pending } from './pending-results.ts';
import { runPendingResults } from './run-pending.ts';
import { loadCompiledCatalogue, OUTPUT_FILES } from './screen-file.ts';

/** Files an analysis run writes into its output folder, besides those of a screening run. */
export const ANALYSE_FILES = { ...OUTPUT_FILES, networks: 'networks.jsonl' } as const;

/** The stages of an analysis, for progress displays. */
export type AnalyseStage = 'screen-and-link' | 'score-networks' | 'write';

/** Options of an analysis run. */
export interface AnalyseFileOptions {
  readonly input: string;
  readonly outDir: string;
  readonly site?: string | undefined;
  readonly format?: InputFormat | undefined;
  readonly cataloguePath?: string | undefined;
  readonly linkage?: Partial<LinkageOptions> | undefined;
  /** Screen in a second thread while linking (default true). */
  readonly threads?: boolean | undefined;
  /** Where to save the linkage index when done (for incremental use later). */
  readonly saveIndex?: string | undefined;
  /** Progress: stage, done and total (bytes for the first stage, then networks, then adverts). */
  readonly onProgress?: ((stage: AnalyseStage, done: number, total: number) => void) | undefined;
}

/** Counts of the networks found. */
export interface NetworkCounts {
  readonly networks: number;
  /** Adverts that belong to a network. */
  readonly networkedAdverts: number;
  readonly largest: number;
  readonly byLevel: Record<Level, number>;
  readonly edges: number;
  /** Values behind too many accounts to join on (most adverts first, at most 50). */
  readonly hubs: readonly Hub[];
}

/** The outcome of an analysis: the screening summary with networks added. */
export interface AnalyseOutcome {
  readonly summary: ScreenSummary & {
    readonly networks: NetworkCounts;
    readonly imageFiles: ImageFileCounts;
  };
  readonly catalogue: Catalogue;
  readonly files: {
    readonly adverts: string;
    readonly networks: string;
    readonly rejected: string;
    readonly summary: string;
  };
}

/**
 * Screens, links and scores a file of adverts: the main batch job. In pass one a worker thread
 * screens each advert into a temporary file while this thread adds it to the linkage index; then
 * every network is scored and written, and the index is saved (if asked) and let go; pass two
 * adds each advert's network contributions and writes the results. Memory holds the index
 * (compact records of every advert) and the networks' reasons, never the results.
 */
export async function analyseFile(options: AnalyseFileOptions): Promise<AnalyseOutcome> {
  const { catalogue, compiled } = await loadCompiledCatalogue(options.cataloguePath);
  const total = await fileSize(options.input);
  await mkdir(options.outDir, { recursive: true });
  const files = {
    adverts: join(options.outDir, ANALYSE_FILES.adverts),
    networks: join(options.outDir, ANALYSE_FILES.networks),
    rejected: join(options.outDir, ANALYSE_FILES.rejected),
    summary: join(options.outDir, ANALYSE_FILES.summary),
  };
  const pendingPath = join(options.outDir, '.pending-adverts.jsonl');
  const summary = emptySummary(compiled.version);
  try {
    const imageFiles: ImageFileCounts = { hashed: 0, unreadable: 0, lowQuality: 0 };
    const linked = await linkAndScoreNetworks(options, total, compiled, summary, pendingPath, {
      ...files,
      imageFiles,
    });
    // The index is gone by now (saved if asked): pass two needs only each advert's network id
    // and the networks' reasons, so the memory of the index is free for it.
    await writeResults(options, linked, compiled, summary, pendingPath, files.adverts);
    const full = { ...summary, networks: linked.counts, imageFiles };
    await writeFile(
      files.summary,
      `${JSON.stringify({ source: options.input, ...full }, null, 1)}\n`,
    );
    return { summary: full, catalogue, files };
  } finally {
    await rm(pendingPath, { force: true });
  }
}

/** Images given by `path` that were hashed, and those that could not be used. */
export interface ImageFileCounts {
  hashed: number;
  /** Missing or not decodable. */
  unreadable: number;
  /** Hashed, but too flat or small for a reliable hash (PDQ quality under 50). */
  lowQuality: number;
}

/** PDQ's own advice: hashes of quality under 50 are not reliable enough to match on. */
const MIN_PDQ_QUALITY = 50;

/** Hashes the images a batch gives by `path` (relative paths are from the input file's folder). */
async function hashBatchImages(
  batch: readonly InputItem[],
  baseDir: string,
  counts: ImageFileCounts,
): Promise<Map<string, string>> {
  const paths = new Set<string>();
  for (const item of batch) {
    if (!item.parsed.ok) continue;
    for (const img of item.parsed.advert.images ?? []) {
      if (img.pdq === undefined && img.path !== undefined) paths.add(img.path);
    }
  }
  const hashes = new Map<string, string>();
  if (paths.size === 0) return hashes;
  const order = [...paths];
  let k = 0;
  for await (const outcome of hashImages(order.map((p) => resolve(baseDir, p)))) {
    const path = order[k++]!;
    if ('error' in outcome) counts.unreadable++;
    else if (outcome.result.quality < MIN_PDQ_QUALITY) counts.lowQuality++;
    else {
      counts.hashed++;
      hashes.set(path, outcome.result.hash);
    }
  }
  return hashes;
}

/** The member with the hashes of its images given by `path` added. */
function withImageFiles(
  member: NetworkMember,
  f: AdvertFeatures,
  hashes: ReadonlyMap<string, string>,
): NetworkMember {
  if (hashes.size === 0) return member;
  const extra: string[] = [];
  for (const img of f.advert.images ?? []) {
    const h = img.pdq === undefined && img.path !== undefined ? hashes.get(img.path) : undefined;
    if (h !== undefined && !member.images.includes(h)) extra.push(h);
  }
  return extra.length === 0 ? member : { ...member, images: [...member.images, ...extra] };
}

async function screenAndLink(
  options: AnalyseFileOptions,
  total: number,
  index: LinkageIndex,
  summary: ScreenSummary,
  pendingPath: string,
  rejectedPath: string,
  imageStats: ImageFileCounts,
): Promise<void> {
  // Screening one advert and linking it are independent until pass two: the screening runs in a
  // second thread over the same file while this one links.
  const screened = runPendingResults(
    {
      input: options.input,
      format: options.format,
      site: options.site,
      cataloguePath: options.cataloguePath,
      pendingPath,
    },
    options.threads ?? true,
  );
  // Never left unhandled while the linking runs; awaited (and thrown) below.
  screened.catch(() => undefined);
  const rejected = openLineWriter(rejectedPath);
  const baseDir = dirname(resolve(options.input));
  let bytes = 0;
  let linked = 0;
  try {
    const input = readAdvertFile(options.input, {
      format: options.format,
      defaultSite: options.site,
      onBytes: (b) => {
        bytes = b;
      },
    });
    for await (const batch of input) {
      const images = await hashBatchImages(batch, baseDir, imageStats);
      for (const item of batch) {
        if (!item.parsed.ok) {
          addRejected(summary, { line: item.line, errors: item.parsed.errors });
          rejected.write(
            JSON.stringify({ line: item.line, errors: item.parsed.errors, input: item.raw }),
          );
          continue;
        }
        // The screening thread detects the language; linking does not need it.
        const f = advertFeatures(item.parsed.advert, { language: false });
        index.add(withImageFiles(memberOf(f), f, images), f.text, linkSlots(f), f.extracted.text);
        linked++;
      }
      await rejected.flush();
      options.onProgress?.('screen-and-link', bytes, total);
    }
  } finally {
    await rejected.close();
  }
  const count = await screened;
  if (count !== linked) {
    throw new Error(
      `screened ${count} adverts but linked ${linked}: the input changed during the run`,
    );
  }
}

/** Pass one and the scoring of networks, with the index kept to this function. */
async function linkAndScoreNetworks(
  options: AnalyseFileOptions,
  total: number,
  compiled: CompiledCatalogue,
  summary: ScreenSummary,
  pendingPath: string,
  files: { rejected: string; networks: string; imageFiles: ImageFileCounts },
): Promise<ScoredNetworks & { counts: NetworkCounts; networkIds: readonly (string | null)[] }> {
  const index = new LinkageIndex(options.linkage);
  await screenAndLink(
    options,
    total,
    index,
    summary,
    pendingPath,
    files.rejected,
    files.imageFiles,
  );
  const networks = await scoreNetworks(options, index, compiled, files.networks);
  const counts = networkCounts(networks.levels, index);
  const networkIds = index.networkIds();
  if (options.saveIndex) await saveLinkageIndex(index, options.saveIndex);
  return { ...networks, counts, networkIds };
}

interface ScoredNetworks {
  readonly levels: readonly { level: Level; size: number }[];
  /** Network reasons per advert position. */
  readonly reasons: ReadonlyMap<number, readonly Reason[]>;
}

async function scoreNetworks(
  options: AnalyseFileOptions,
  index: LinkageIndex,
  compiled: CompiledCatalogue,
  path: string,
): Promise<ScoredNetworks> {
  const networks = index.networkMembers();
  const writer = openLineWriter(path);
  const levels: { level: Level; size: number }[] = [];
  const reasons = new Map<number, readonly Reason[]>();
  try {
    for (const [k, members] of networks.entries()) {
      const network = index.network(members);
      const screened = screenNetwork(network, index, compiled);
      levels.push({ level: screened.record.level, size: network.members.length });
      for (const [i, r] of screened.advertReasons) reasons.set(i, r);
      writer.write(JSON.stringify(screened.record));
      if ((k + 1) % 500 === 0) {
        await writer.flush();
        options.onProgress?.('score-networks', k + 1, networks.length);
      }
    }
  } finally {
    await writer.close();
  }
  options.onProgress?.('score-networks', networks.length, networks.length);
  return { levels, reasons };
}

async function writeResults(
  options: AnalyseFileOptions,
  networks: ScoredNetworks & { networkIds: readonly (string | null)[] },
  compiled: CompiledCatalogue,
  summary: ScreenSummary,
  pendingPath: string,
  advertsPath: string,
): Promise<void> {
  const out = openLineWriter(advertsPath);
  const lines = createInterface({ input: createReadStream(pendingPath), crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of lines) {
      if (line === '') continue;
      const { r, f } = JSON.parse(line) as Pending;
      const networkId = networks.networkIds[i] ?? null;
      const result = withNetwork(r, networkId, networks.reasons.get(i) ?? [], compiled);
      addToSummary(summary, result, f);
      out.write(JSON.stringify(result));
      i++;
      if (i % 5000 === 0) {
        await out.flush();
        options.onProgress?.('write', i, networks.networkIds.length);
      }
    }
  } finally {
    await out.close();
  }
  options.onProgress?.('write', i, networks.networkIds.length);
}

function networkCounts(records: ScoredNetworks['levels'], index: LinkageIndex): NetworkCounts {
  const byLevel: Record<Level, number> = { none: 0, low: 0, medium: 0, high: 0 };
  let networkedAdverts = 0;
  let largest = 0;
  for (const n of records) {
    byLevel[n.level]++;
    networkedAdverts += n.size;
    largest = Math.max(largest, n.size);
  }
  return {
    networks: records.length,
    networkedAdverts,
    largest,
    byLevel,
    edges: index.edgeCount,
    hubs: index
      .hubs()
      .sort((a, b) => b.adverts - a.adverts)
      .slice(0, 50),
  };
}
