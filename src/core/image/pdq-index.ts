import { AppError } from '../errors.ts';
import { isPdqHex, parsePdqHex, parsePdqHexInto, pdqHex, popcount32 } from './pdq.ts';

/*
 * An exact near-match index over PDQ hashes: multi-index hashing (Norouzi, Punjani & Fleet, CVPR
 * 2012) with a pigeonring filter (Qin et al., VLDB 2018). It returns every stored hash within the
 * asked distance, and reads a few hundred small buckets rather than every hash.
 *
 * Chunks. The 256 bits are cut into 16 chunks of 16 bits, in a ring (chunk 15 is followed by
 * chunk 0). Each chunk has a table of 65,536 buckets addressed by the chunk's value, and every
 * stored hash sits in one bucket of each table.
 *
 * Why it is exact. Let b_j be the bits a stored hash differs from the query by in chunk j, with
 * Σ b_j = d ≤ r. Give each chunk an allowance t_j with Σ t_j = r: writing r = 16·s + a
 * (0 ≤ a < 16), t_j = s + 1 − 1/16 for j ≤ a and s − 1/16 otherwise. The c_j = b_j − t_j sum to
 * at most 0, so (the gas-station lemma: start just after the largest prefix sum of c) there is a
 * chunk i from which every run of consecutive chunks around the ring sums to at most 0: b_i ≤ t_i,
 * b_i + b_(i+1) ≤ t_i + t_(i+1), and so on; the b are whole numbers, so b_i ≤ ⌊t_i⌋ and
 * b_i + b_(i+1) ≤ ⌊t_i + t_(i+1)⌋. So in every table c the query (1) probes the buckets within
 * ⌊t_c⌋ bits of its own chunk (s or s − 1 bits; none when negative) and (2) drops any hash found
 * there whose next chunk breaks the pair bound, before reading the hash itself. A hash within r
 * passes both in table i, so none is missed.
 * For r = 31 that is radius 1 in every table (16 × 17 = 272 buckets) and b_i + b_(i+1) ≤ 3, which
 * a random 16-bit next chunk passes with probability about 0.2 %.
 *
 * Why 16-bit chunks. 8-bit chunks need no radius for r ≤ 31, but each bucket holds 1/256 of the
 * store, so a query reads about N/8 entries; 16-bit buckets hold N/65,536 and the 272 probes read
 * about N/240 entries, nearly all rejected by the pair bound without touching their hash. Wider
 * chunks need tables too large to address directly (32-bit chunks: 8 × 5,489 hashed probes).
 *
 * Each hash is reported once: through the first chunk (in order 0..15) where it passes both
 * tests, which the full check recomputes from the stored hash.
 *
 * Layout. Hashes are 8 uint32 words each in one growable Uint32Array. Most entries live in
 * compact tables (per chunk, entry numbers sorted by chunk value with bucket offsets, and each
 * entry's next chunk beside it), so a bucket is one contiguous read. Compact tables cannot take
 * inserts, so recent adds go to linked lists per bucket (a link and the next chunk per entry and
 * chunk), which are merged into the compact tables (a counting sort, rebuilt in place) once they
 * hold a quarter of the store: O(1) adds, each hash re-sorted about five times in all as the store
 * grows, and lookups that stay fast (the linked lists carry the next chunk too, so they filter
 * alike). 128 bytes per hash in typed arrays (32 for the hash, 16 × 6 in the tables) plus growth
 * headroom and 8 MB of bucket heads: 1,000,000 hashes take about 170 MB beside their ids.
 */

const CHUNKS = 16;
const CHUNK_BITS = 16;
const BUCKETS = 1 << CHUNK_BITS;
const WORDS = 8;
const FORMAT = 'beacon-pdq-index';
const FORMAT_VERSION = 1;

/** Past this many bucket probes a linear scan is as fast (radius 3 in most chunks, r ≳ 56). */
const MAX_PROBES = 8192;

/** A stored hash within the asked distance of a query. */
export interface PdqMatch {
  readonly id: string;
  readonly distance: number;
}

/** The saved form of a PdqIndex: ids and hashes in insertion order. */
export interface PdqIndexJson {
  readonly format: typeof FORMAT;
  readonly version: typeof FORMAT_VERSION;
  readonly ids: readonly string[];
  readonly hashes: readonly string[];
}

/** Sizing of a PdqIndex. */
export interface PdqIndexOptions {
  /** Hashes to make room for up front. */
  readonly capacity?: number;
  /** Recent adds kept in linked lists before a merge, at least (default 4096; a quarter of the store above that). */
  readonly minPending?: number;
}

/** The tests of one query: per chunk, the probe radius and the bound on it plus the next chunk. */
interface Plan {
  readonly r: number;
  readonly radius: Int8Array;
  readonly pair: Int8Array;
}

/** An exact, sub-linear index of PDQ hashes for near-match queries. */
export class PdqIndex {
  private readonly ids: string[] = [];
  private words: Uint32Array;
  private count = 0;
  private readonly minPending: number;
  private deferMerges = false;

  // Compact tables over entries [0, sealed): per chunk c, bucket k's entries are
  // postIds[c·stride + offsets[c·(BUCKETS+1) + k] ..< c·stride + offsets[c·(BUCKETS+1) + k + 1]].
  private sealed = 0;
  private stride = 0;
  private offsets = new Uint32Array(0);
  private postIds = new Uint32Array(0);
  private postNext = new Uint16Array(0);

  // Linked lists over entries [sealed, count): heads[c·BUCKETS + k] is the latest entry in bucket
  // k of chunk c (−1: none); recent[2·(p·CHUNKS + c)] links to the previous entry in that bucket and
  // recent[... + 1] holds chunk c + 1, for entry p = e − sealed.
  private readonly heads: Int32Array;
  private recent: Int32Array;

  constructor(options: PdqIndexOptions = {}) {
    const cap = Math.max(16, Math.ceil(options.capacity ?? 1024));
    this.minPending = Math.max(1, Math.floor(options.minPending ?? 4096));
    this.words = new Uint32Array(cap * WORDS);
    this.heads = new Int32Array(CHUNKS * BUCKETS).fill(-1);
    this.recent = new Int32Array(Math.min(cap, this.minPending) * CHUNKS * 2);
  }

  /** The number of stored hashes. */
  get size(): number {
    return this.count;
  }

  /** Bytes held in typed arrays (the ids are extra). */
  get typedBytes(): number {
    return (
      this.words.byteLength +
      this.offsets.byteLength +
      this.postIds.byteLength +
      this.postNext.byteLength +
      this.heads.byteLength +
      this.recent.byteLength
    );
  }

  /** Stores a hash under an id; ids need not be unique (an advert may have several photos). */
  add(id: string, hash: string): void {
    if ((this.count + 1) * WORDS > this.words.length) {
      const words = new Uint32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
    }
    const e = this.count;
    const o = e * WORDS;
    parsePdqHexInto(hash, this.words, o);
    const p = e - this.sealed;
    if ((p + 1) * CHUNKS * 2 > this.recent.length) {
      const recent = new Int32Array(Math.max(this.recent.length * 2, CHUNKS * 2 * 16));
      recent.set(this.recent);
      this.recent = recent;
    }
    for (let c = 0; c < CHUNKS; c++) {
      const slot = c * BUCKETS + chunkOf(this.words, o, c);
      const at = 2 * (p * CHUNKS + c);
      this.recent[at] = this.heads[slot]!;
      this.recent[at + 1] = chunkOf(this.words, o, (c + 1) & 15);
      this.heads[slot] = e;
    }
    this.ids.push(id);
    this.count++;
    if (this.deferMerges) return;
    if (this.count - this.sealed >= Math.max(this.minPending, this.sealed >>> 2)) this.compact();
  }

  /** Merges recent adds into the compact tables; add does this as needed, a bulk load may call it once at the end. */
  compact(): void {
    const n = this.count;
    if (n === this.sealed) return;
    if (n > this.stride) {
      // Room to grow, so a store that keeps growing is not re-allocated on every merge.
      this.stride = Math.max(n, Math.ceil(this.stride * 1.5));
      this.postIds = new Uint32Array(this.stride * CHUNKS);
      this.postNext = new Uint16Array(this.stride * CHUNKS);
    }
    if (this.offsets.length === 0) this.offsets = new Uint32Array(CHUNKS * (BUCKETS + 1));
    const { words, offsets, postIds, postNext, stride } = this;
    offsets.fill(0);
    const cursor = new Uint32Array(BUCKETS);
    for (let c = 0; c < CHUNKS; c++) {
      // Counting sort of the entries by chunk c: count, prefix sums, then place.
      const ob = c * (BUCKETS + 1);
      for (let o = 0; o < n * WORDS; o += WORDS) offsets[ob + chunkOf(words, o, c) + 1]!++;
      for (let k = 0; k < BUCKETS; k++) {
        offsets[ob + k + 1]! += offsets[ob + k]!;
        cursor[k] = offsets[ob + k]!;
      }
      const next = (c + 1) & 15;
      const pb = c * stride;
      for (let e = 0, o = 0; e < n; e++, o += WORDS) {
        const at = pb + cursor[chunkOf(words, o, c)]!++;
        postIds[at] = e;
        postNext[at] = chunkOf(words, o, next);
      }
    }
    this.sealed = n;
    this.heads.fill(-1);
    // The lists are empty now; give back what a large batch of adds grew them to.
    const small = this.minPending * CHUNKS * 2;
    if (this.recent.length > small * 2) this.recent = new Int32Array(small);
  }

  /** Every stored hash within `maxDistance` bits of `hash`, nearest first; probes or scans, whichever is cheaper. */
  query(hash: string, maxDistance = 31): PdqMatch[] {
    const r = checkDistance(maxDistance);
    const probes = probeCount(r);
    // A small store or a wide radius is cheaper to scan than to probe hundreds of buckets.
    return probes > MAX_PROBES || this.count <= probes * 4
      ? this.scan(hash, r)
      : this.probe(hash, r);
  }

  /** Every stored hash within `maxDistance` of `hash`, always through the chunk tables. */
  probe(hash: string, maxDistance = 31): PdqMatch[] {
    const plan = planFor(checkDistance(maxDistance));
    const q = parsePdqHex(hash);
    const found: number[] = [];
    const dist: number[] = [];
    const { offsets, postIds, postNext, stride, heads, recent, sealed } = this;
    for (let c = 0; c < CHUNKS; c++) {
      const radius = plan.radius[c]!;
      if (radius < 0) continue;
      const pair = plan.pair[c]!;
      const qNext = chunkOf(q, 0, (c + 1) & 15);
      const ob = c * (BUCKETS + 1);
      const pb = c * stride;
      const hb = c * BUCKETS;
      const q0 = chunkOf(q, 0, c);
      const visit = (key: number) => {
        // The pair bound, less what chunk c already differs by.
        const room = pair - popcount32(key ^ q0);
        if (sealed > 0) {
          for (let k = pb + offsets[ob + key]!, end = pb + offsets[ob + key + 1]!; k < end; k++) {
            if (popcount32(postNext[k]! ^ qNext) > room) continue;
            this.check(q, postIds[k]!, c, plan, found, dist);
          }
        }
        for (let e = heads[hb + key]!; e >= 0;) {
          const at = 2 * ((e - sealed) * CHUNKS + c);
          if (popcount32(recent[at + 1]! ^ qNext) <= room) this.check(q, e, c, plan, found, dist);
          e = recent[at]!;
        }
      };
      walkBall(q0, radius, 0, visit);
    }
    return this.matches(found, dist);
  }

  /** Every stored hash within `maxDistance` of `hash` by checking each one: the brute-force baseline. */
  scan(hash: string, maxDistance = 31): PdqMatch[] {
    const r = checkDistance(maxDistance);
    const q = parsePdqHex(hash);
    const { words } = this;
    const found: number[] = [];
    const dist: number[] = [];
    // Locals rather than q[i] in the loop: V8 keeps them in registers.
    const q0 = q[0]!;
    const q1 = q[1]!;
    const q2 = q[2]!;
    const q3 = q[3]!;
    const q4 = q[4]!;
    const q5 = q[5]!;
    const q6 = q[6]!;
    const q7 = q[7]!;
    for (let e = 0, o = 0; e < this.count; e++, o += WORDS) {
      const d =
        popcount32(q0 ^ words[o]!) +
        popcount32(q1 ^ words[o + 1]!) +
        popcount32(q2 ^ words[o + 2]!) +
        popcount32(q3 ^ words[o + 3]!) +
        popcount32(q4 ^ words[o + 4]!) +
        popcount32(q5 ^ words[o + 5]!) +
        popcount32(q6 ^ words[o + 6]!) +
        popcount32(q7 ^ words[o + 7]!);
      if (d <= r) {
        found.push(e);
        dist.push(d);
      }
    }
    return this.matches(found, dist);
  }

  /** The stored hash of entry `i` (insertion order), as hex. */
  hashAt(i: number): string {
    if (!(Number.isInteger(i) && i >= 0 && i < this.count)) throw new RangeError(`no entry ${i}`);
    return pdqHex(this.words, i * WORDS);
  }

  /** The saved form: ids and hex hashes in insertion order (JSON.stringify calls this). */
  toJSON(): PdqIndexJson {
    const hashes = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) hashes[i] = pdqHex(this.words, i * WORDS);
    return { format: FORMAT, version: FORMAT_VERSION, ids: this.ids.slice(), hashes };
  }

  /** An index rebuilt from its saved form (parsed JSON); a malformed one throws INVALID_INPUT. */
  static fromJSON(json: unknown, options: PdqIndexOptions = {}): PdqIndex {
    const j = json as Partial<PdqIndexJson> | null;
    if (typeof j !== 'object' || j === null || j.format !== FORMAT) {
      throw new AppError('INVALID_INPUT', `not a saved PDQ index (format "${FORMAT}")`);
    }
    if (j.version !== FORMAT_VERSION) {
      throw new AppError('INVALID_INPUT', `unsupported PDQ index version ${String(j.version)}`);
    }
    const { ids, hashes } = j;
    if (!Array.isArray(ids) || !Array.isArray(hashes) || ids.length !== hashes.length) {
      throw new AppError('INVALID_INPUT', 'a saved PDQ index needs ids and hashes of equal length');
    }
    const index = new PdqIndex({
      ...options,
      capacity: Math.max(options.capacity ?? 0, ids.length),
    });
    // One merge at the end instead of one per quarter of growth.
    index.deferMerges = true;
    for (let i = 0; i < ids.length; i++) {
      const id: unknown = ids[i];
      const hash: unknown = hashes[i];
      if (typeof id !== 'string' || typeof hash !== 'string' || !isPdqHex(hash)) {
        throw new AppError('INVALID_INPUT', `saved PDQ index entry ${i} is malformed`);
      }
      index.add(id, hash);
    }
    index.deferMerges = false;
    index.compact();
    return index;
  }

  /** Records entry e if it is within r and chunk c is the first chunk that passes both tests. */
  private check(
    q: Uint32Array,
    e: number,
    c: number,
    plan: Plan,
    found: number[],
    dist: number[],
  ): void {
    const { words } = this;
    const o = e * WORDS;
    const d =
      popcount32(q[0]! ^ words[o]!) +
      popcount32(q[1]! ^ words[o + 1]!) +
      popcount32(q[2]! ^ words[o + 2]!) +
      popcount32(q[3]! ^ words[o + 3]!) +
      popcount32(q[4]! ^ words[o + 4]!) +
      popcount32(q[5]! ^ words[o + 5]!) +
      popcount32(q[6]! ^ words[o + 6]!) +
      popcount32(q[7]! ^ words[o + 7]!);
    if (d > plan.r) return;
    for (let p = 0; p < c; p++) {
      const bp = popcount32(chunkOf(q, 0, p) ^ chunkOf(words, o, p));
      if (bp > plan.radius[p]!) continue;
      const next = (p + 1) & 15;
      if (bp + popcount32(chunkOf(q, 0, next) ^ chunkOf(words, o, next)) <= plan.pair[p]!) return;
    }
    found.push(e);
    dist.push(d);
  }

  private matches(found: number[], dist: number[]): PdqMatch[] {
    const order = found.map((_, i) => i);
    // Nearest first; ties in insertion order, so results do not depend on the probe order.
    order.sort((x, y) => dist[x]! - dist[y]! || found[x]! - found[y]!);
    return order.map((i) => ({ id: this.ids[found[i]!]!, distance: dist[i]! }));
  }
}

/** The 16-bit chunk `c` of the hash at word offset `o` (chunk 2w is the high half of word w). */
function chunkOf(words: Uint32Array, o: number, c: number): number {
  const w = words[o + (c >>> 1)]!;
  return c & 1 ? w & 0xffff : w >>> 16;
}

/** A whole distance ≥ 0 (anything above 256 means every hash); others throw INVALID_INPUT. */
function checkDistance(maxDistance: number): number {
  if (!Number.isInteger(maxDistance) || maxDistance < 0) {
    throw new AppError(
      'INVALID_INPUT',
      `maxDistance must be a whole number ≥ 0, got ${maxDistance}`,
    );
  }
  return Math.min(maxDistance, 256);
}

/**
 * Per chunk, the probe radius ⌊t_c⌋ and the pair bound ⌊t_c + t_(c+1)⌋ for distance r (see the
 * top of the file), computed in sixteenths so that they are exact: 16·t_j = 16·(s + 1) − 1 or 16·s − 1.
 */
function planFor(r: number): Plan {
  const s = Math.floor(r / CHUNKS);
  const a = r % CHUNKS;
  const t16 = (j: number) => (j <= a ? s + 1 : s) * CHUNKS - 1;
  const radius = new Int8Array(CHUNKS);
  const pair = new Int8Array(CHUNKS);
  for (let c = 0; c < CHUNKS; c++) {
    radius[c] = Math.floor(t16(c) / CHUNKS);
    pair[c] = Math.floor((t16(c) + t16((c + 1) & 15)) / CHUNKS);
  }
  return { r, radius, pair };
}

/** Buckets within `radius` bits of a 16-bit value: Σ C(16, k) for k ≤ radius. */
function ballSize(radius: number): number {
  let total = 0;
  let c = 1;
  for (let k = 0; k <= Math.min(radius, CHUNK_BITS); k++) {
    total += c;
    c = (c * (CHUNK_BITS - k)) / (k + 1);
  }
  return total;
}

/** Buckets a probe at distance r reads, over all 16 tables. */
function probeCount(r: number): number {
  const s = Math.floor(r / CHUNKS);
  const a = r % CHUNKS;
  return (a + 1) * ballSize(s) + (CHUNKS - 1 - a) * (s > 0 ? ballSize(s - 1) : 0);
}

/** Calls `visit` once for each 16-bit value within `radius` bits of `key`, flipping bits ≥ `from`. */
function walkBall(key: number, radius: number, from: number, visit: (key: number) => void): void {
  visit(key);
  if (radius === 0) return;
  for (let b = from; b < CHUNK_BITS; b++) walkBall(key ^ (1 << b), radius - 1, b + 1, visit);
}
