// PDQ benchmark: image hashing speed on the reference images, and near-match lookups in a
// PdqIndex of 1,000,000 random hashes (smoke: 50,000) against a brute-force scan of the same store.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { createRandom } from '../src/core/demo/random.ts';
import type { Random } from '../src/core/demo/random.ts';
import { PdqIndex } from '../src/core/image/pdq-index.ts';
import { lumaFromPixels, pdqHash } from '../src/core/image/pdq.ts';
import { hashImageFile } from '../src/io/image-file.ts';

const REFERENCE_DIR = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'pdq');
const IMAGE_RE = /\.(jpe?g|png|webp|gif|tiff?)$/i;
/** Planted neighbours per query; one of them at distance 31, spread over the chunks. */
const PLANTED = 3;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A forced full collection, so heap figures are live data rather than garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Prints PDQ hashing and index lookup figures; `smoke` shrinks the index to 50,000 hashes. */
export async function runPdqBench(smoke: boolean): Promise<void> {
  await benchHashing(smoke);
  benchIndex(smoke ? 50_000 : 1_000_000, smoke ? 200 : 1_000, smoke ? 20 : 50);
}

async function benchHashing(smoke: boolean): Promise<void> {
  let files: string[];
  try {
    files = (await readdir(join(REFERENCE_DIR, 'images'), { recursive: true }))
      .filter((f) => IMAGE_RE.test(f))
      .map((f) => join(REFERENCE_DIR, 'images', f));
  } catch {
    console.log(`PDQ hashing: skipped, no reference images at ${REFERENCE_DIR}`);
    return;
  }
  const rounds = smoke ? 1 : 5;
  console.log(`\nPDQ hashing: ${files.length} reference images × ${rounds} round(s)`);
  await hashImageFile(files[0]!); // warm-up: sharp's first call loads libvips

  let t = performance.now();
  for (let r = 0; r < rounds; r++) for (const f of files) await hashImageFile(f);
  const sequential = (files.length * rounds) / ((performance.now() - t) / 1000);

  t = performance.now();
  for (let r = 0; r < rounds; r++) {
    const queue: Promise<unknown>[] = [];
    for (const f of files) {
      queue.push(hashImageFile(f));
      if (queue.length >= 4) await queue.shift();
    }
    await Promise.all(queue);
  }
  const parallel = (files.length * rounds) / ((performance.now() - t) / 1000);

  // The pure hash alone, on the ≤512-pixel lumas hashImageFile feeds it, to split decode from hash.
  const lumas = await Promise.all(
    files.map(async (f) => {
      const { data, info } = await sharp(f)
        .resize(512, 512, { fit: 'inside', withoutEnlargement: true, kernel: 'cubic' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { luma: lumaFromPixels(data, info.width, info.height, 3), ...info };
    }),
  );
  t = performance.now();
  const coreRounds = rounds * 10;
  for (let r = 0; r < coreRounds; r++) for (const l of lumas) pdqHash(l.luma, l.width, l.height);
  const core = (lumas.length * coreRounds) / ((performance.now() - t) / 1000);

  console.log(`  decode + hash, one at a time: ${fmt(sequential)} images/s`);
  console.log(`  decode + hash, 4 in flight:   ${fmt(parallel)} images/s`);
  console.log(`  pdqHash alone (≤512 px luma): ${fmt(core)} images/s`);
}

/** A hash as hex. */
function flatHex(words: Uint32Array): string {
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
}

/** Reads every string once: V8 flattens string ropes on first read, which would shrink the heap mid-measurement. */
function flatten(strings: readonly string[]): number {
  let sum = 0;
  for (const s of strings) for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i);
  return sum;
}

/** A random 256-bit hash as 8 words. */
function randomWords(rng: Random): Uint32Array {
  const w = new Uint32Array(8);
  for (let i = 0; i < 8; i++) w[i] = rng.uint32();
  return w;
}

/** A copy of `base` with `d` distinct bits flipped; `spread` puts them in as many chunks as it can. */
function flipBits(rng: Random, base: Uint32Array, d: number, spread: boolean): Uint32Array {
  const out = Uint32Array.from(base);
  const bits = spread
    ? Array.from({ length: d }, (_, i) => (i % 16) * 16 + Math.floor(i / 16)) // chunk i%16
    : rng.sample(
        Array.from({ length: 256 }, (_, i) => i),
        d,
      );
  for (const b of bits) out[b >>> 5]! ^= 1 << (b & 31);
  return out;
}

function benchIndex(n: number, queries: number, scanQueries: number): void {
  const gc = collector();
  const rng = createRandom(2024);
  console.log(
    `\nPDQ index: ${fmt(n)} random hashes, ${fmt(queries)} queries each with ${PLANTED} planted neighbours (distance ≤ 31)`,
  );
  const hashes = new Array<string>(n);
  for (let i = 0; i < n; i++) hashes[i] = flatHex(randomWords(rng));
  const queryHashes: string[] = [];
  const planted: number[][] = [];
  const used = new Set<number>();
  for (let q = 0; q < queries; q++) {
    const base = randomWords(rng);
    queryHashes.push(flatHex(base));
    const at: number[] = [];
    for (let k = 0; k < PLANTED; k++) {
      let pos = rng.int(0, n - 1);
      while (used.has(pos)) pos = rng.int(0, n - 1);
      used.add(pos);
      const d = k === 0 ? 31 : rng.int(0, 31);
      hashes[pos] = flatHex(flipBits(rng, base, d, k === 0));
      at.push(pos);
    }
    planted.push(at);
  }

  flatten(hashes);
  flatten(queryHashes);
  gc();
  gc();
  const before = process.memoryUsage();
  let t = performance.now();
  const index = new PdqIndex();
  for (let i = 0; i < n; i++) index.add(`h${i}`, hashes[i]!);
  const addSeconds = (performance.now() - t) / 1000;
  const recentLookups = lookupRate(index, queryHashes);
  t = performance.now();
  index.compact();
  const compactSeconds = (performance.now() - t) / 1000;
  gc();
  gc();
  const after = process.memoryUsage();
  const heap = after.heapUsed - before.heapUsed;
  const buffers = after.arrayBuffers - before.arrayBuffers;

  // Also keeps `hashes` alive past the measurement: V8 collects locals it sees no further use of.
  const stored = planted.every((at) => at.every((pos) => index.hashAt(pos) === hashes[pos]));
  const probeRate = lookupRate(index, queryHashes);
  let found = 0;
  let missed = 0;
  for (let q = 0; q < queries; q++) {
    const ids = new Set(index.query(queryHashes[q]!, 31).map((m) => m.id));
    for (const pos of planted[q]!) {
      if (ids.has(`h${pos}`)) found++;
      else missed++;
    }
  }

  t = performance.now();
  for (let q = 0; q < scanQueries; q++) index.scan(queryHashes[q]!, 31);
  const scanRate = scanQueries / ((performance.now() - t) / 1000);
  let exact = true;
  for (let q = 0; q < scanQueries; q++) {
    const viaScan = JSON.stringify(index.scan(queryHashes[q]!, 31));
    if (viaScan !== JSON.stringify(index.probe(queryHashes[q]!, 31))) exact = false;
  }
  const buildSeconds = addSeconds + compactSeconds;

  console.log(
    `  build: ${buildSeconds.toFixed(2)} s (${fmt(n / buildSeconds)} hashes/s; adds ${addSeconds.toFixed(2)} s with merges, final compact ${compactSeconds.toFixed(2)} s)`,
  );
  console.log(
    `  memory: ${mb(index.typedBytes)} MB typed arrays (${(index.typedBytes / n).toFixed(0)} B/hash); ` +
      `live growth after GC ${mb(heap + buffers)} MB (heap ${mb(heap)}, buffers ${mb(buffers)}; ${((heap + buffers) / n).toFixed(0)} B/hash with the ids); RSS ${mb(after.rss)} MB`,
  );
  console.log(
    `  lookups (r = 31): ${fmt(probeRate)}/s compacted, ${fmt(recentLookups)}/s before the final compact; ` +
      `brute-force scan ${fmt(scanRate)}/s; ratio ${(probeRate / scanRate).toFixed(0)}x (${(recentLookups / scanRate).toFixed(0)}x)`,
  );
  console.log(
    `  planted neighbours found: ${fmt(found)} of ${fmt(found + missed)}; ` +
      `index results equal the scan on ${scanQueries} queries: ${exact ? 'yes' : 'NO'}; stored hashes read back: ${stored ? 'yes' : 'NO'}`,
  );
}

/** Lookups per second through the chunk tables, after a short warm-up. */
function lookupRate(index: PdqIndex, queries: readonly string[]): number {
  for (let q = 0; q < Math.min(50, queries.length); q++) index.probe(queries[q]!, 31);
  const t = performance.now();
  for (const q of queries) index.probe(q, 31);
  return queries.length / ((performance.now() - t) / 1000);
}
