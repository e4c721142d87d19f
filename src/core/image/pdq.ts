import { AppError } from '../errors.ts';

/*
 * PDQ perceptual hashing (Meta's 256-bit photo hash), written for Beacon from the published
 * algorithm description. Adverts reuse the same photos across personas; PDQ hashes of two copies
 * of a photo stay within a small Hamming distance through re-compression, resizing and light
 * edits, so hashes link adverts without keeping the photos.
 *
 * From a luminance image:
 *   1. Downsample to 64×64: a Jarosz filter (box filters along rows then columns, applied twice,
 *      each window half the old-to-new size ratio, rounded up, so the two passes together span
 *      about one output cell with a tent-like weight) and then point sampling at the centre of
 *      each of the 64×64 cells.
 *   2. Quality: the sum of absolute neighbour differences of the 64×64 image, on a 0..100 scale;
 *      flat or nearly blank images score low and their hashes should not be trusted.
 *   3. A 2-D DCT keeping the 16×16 lowest frequencies after the DC term (the 16×64 DCT matrix
 *      starts at frequency 1: brightness alone must not decide any bit).
 *   4. Each coefficient above the median of the 256 becomes a 1 bit, so about half the bits are
 *      set whatever the image.
 *
 * Layout (matches the reference vectors): bit k = 16·i + j is coefficient (row i, column j), and
 * the hash is the 256-bit number Σ bit_k·2^k as 64 hex digits, most significant first.
 */

/** A PDQ hash (64 lower-case hex digits) and its quality (0..100; below ~50 is unreliable). */
export interface PdqResult {
  readonly hash: string;
  readonly quality: number;
}

/**
 * The eight dihedral variants, named for the transform applied to the image: the hash the
 * transformed image would have. `flipX` mirrors top to bottom (across the x axis) and `flipY`
 * left to right, as in the reference images; `flipPlus1` mirrors across the main diagonal
 * (transpose) and `flipMinus1` across the other; rotations are anticlockwise (the reference's
 * `rotate-90` image has its old top-right corner at the top left).
 */
export const DIHEDRAL_NAMES = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
] as const;

/** One of the eight dihedral transforms (rotations and mirrors) of an image. */
export type Dihedral = (typeof DIHEDRAL_NAMES)[number];

/** The hashes of all eight dihedral variants of an image, and its quality. */
export interface PdqDihedralResult {
  readonly quality: number;
  readonly hashes: Readonly<Record<Dihedral, string>>;
}

const SIDE = 64;
const DCT_SIDE = 16;
const HASH_RE = /^[0-9a-fA-F]{64}$/;

/** Row u (frequency u + 1) of the 16×64 DCT-II matrix, scaled by √(2/64). */
const DCT_MATRIX = (() => {
  const m = new Float64Array(DCT_SIDE * SIDE);
  const scale = Math.sqrt(2 / SIDE);
  for (let u = 0; u < DCT_SIDE; u++) {
    for (let x = 0; x < SIDE; x++) {
      m[u * SIDE + x] = scale * Math.cos((Math.PI / 2 / SIDE) * (u + 1) * (2 * x + 1));
    }
  }
  return m;
})();

/**
 * Luminance Y = 0.299R + 0.587G + 0.114B (Rec. 601, as PDQ defines it) of interleaved 8-bit
 * pixels with `channels` values each: 1 (already grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA).
 * Alpha is ignored, not composited, as the reference decoders drop it.
 */
export function lumaFromPixels(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
): Float32Array {
  const n = width * height;
  if (pixels.length < n * channels || channels < 1 || channels > 4) {
    throw new AppError(
      'INVALID_INPUT',
      `pixel buffer does not hold ${width}×${height}×${channels}`,
    );
  }
  const luma = new Float32Array(n);
  if (channels < 3) {
    for (let p = 0; p < n; p++) luma[p] = pixels[p * channels]!;
    return luma;
  }
  for (let p = 0, o = 0; p < n; p++, o += channels) {
    luma[p] = 0.299 * pixels[o]! + 0.587 * pixels[o + 1]! + 0.114 * pixels[o + 2]!;
  }
  return luma;
}

/** The PDQ hash and quality of a luminance image (row-major, width × height, values 0..255). */
export function pdqHash(luma: Float32Array | Uint8Array, width: number, height: number): PdqResult {
  const { dct, quality } = pdqDct(luma, width, height);
  return { hash: thresholdHash(dct), quality };
}

/** The PDQ hashes of the eight rotations and mirrors of a luminance image, from one DCT. */
export function pdqDihedral(
  luma: Float32Array | Uint8Array,
  width: number,
  height: number,
): PdqDihedralResult {
  const { dct, quality } = pdqDct(luma, width, height);
  const hashes = {} as Record<Dihedral, string>;
  for (const name of DIHEDRAL_NAMES) hashes[name] = thresholdHash(dihedralDct(dct, name));
  return { quality, hashes };
}

/** The 16×16 PDQ DCT block (row-major, frequencies 1..16) and the quality of a luminance image. */
export function pdqDct(
  luma: Float32Array | Uint8Array,
  width: number,
  height: number,
): { dct: Float64Array; quality: number } {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new AppError(
      'INVALID_INPUT',
      `image size must be whole numbers ≥ 1, got ${width}×${height}`,
    );
  }
  if (luma.length < width * height) {
    throw new AppError(
      'INVALID_INPUT',
      `luminance buffer holds ${luma.length} values, ${width}×${height} needs ${width * height}`,
    );
  }
  const small = downsample64(luma, width, height);
  return { dct: dct16(small), quality: qualityOf(small) };
}

/** A 64×64 image from any size: two Jarosz box passes each way, then centre-of-cell sampling. */
export function downsample64(
  luma: Float32Array | Uint8Array,
  width: number,
  height: number,
): Float32Array {
  // Float32 halves the working memory of a large photo; the rounding is far below a hash bit.
  const a = new Float32Array(width * height);
  a.set(luma.subarray(0, width * height)); // .set, not Float32Array.from: that iterates
  const b = new Float32Array(width * height);
  const rowWindow = jaroszWindow(width);
  const colWindow = jaroszWindow(height);
  for (let pass = 0; pass < 2; pass++) {
    boxFilterRows(a, b, width, height, rowWindow);
    boxFilterCols(b, a, width, height, colWindow);
  }
  const out = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < SIDE; i++) {
    const y = Math.floor(((i + 0.5) * height) / SIDE);
    for (let j = 0; j < SIDE; j++) {
      const x = Math.floor(((j + 0.5) * width) / SIDE);
      out[i * SIDE + j] = a[y * width + x]!;
    }
  }
  return out;
}

/** The Jarosz box width for one axis: ⌈oldSize / 128⌉, half the old-to-new ratio as there are two passes. */
export function jaroszWindow(oldSize: number): number {
  return Math.floor((oldSize + 2 * SIDE - 1) / (2 * SIDE));
}

/**
 * The window of a Jarosz box filter at position k of n: `window` values, `ahead` of them after k
 * (an even window leans right, as PDQ's does), shrinking at the ends rather than padding.
 */
function windowSides(window: number): { ahead: number; behind: number } {
  const ahead = Math.floor((window + 2) / 2) - 1;
  return { ahead, behind: window - 1 - ahead };
}

/** A moving average along each row of a width × height image (see windowSides), from `input` into `out`. */
export function boxFilterRows(
  input: Float32Array,
  out: Float32Array,
  width: number,
  height: number,
  window: number,
): void {
  const { ahead, behind } = windowSides(window);
  for (let row = 0; row < height * width; row += width) {
    let sum = 0;
    let lo = 0;
    let hi = Math.min(width - 1, ahead);
    for (let x = 0; x <= hi; x++) sum += input[row + x]!;
    for (let x = 0; x < width; x++) {
      out[row + x] = sum / (hi - lo + 1);
      // Slide to x + 1: take in the next value on the right, drop the oldest on the left.
      if (x + 1 + ahead < width) sum += input[row + ++hi]!;
      if (x + 1 - behind > 0) sum -= input[row + lo++]!;
    }
  }
}

/**
 * A moving average down each column (see windowSides), from `input` into `out`. It slides a row
 * of running sums down the image rather than walking each column, so memory is read in order.
 */
export function boxFilterCols(
  input: Float32Array,
  out: Float32Array,
  width: number,
  height: number,
  window: number,
): void {
  const { ahead, behind } = windowSides(window);
  const sums = new Float64Array(width);
  let lo = 0;
  let hi = Math.min(height - 1, ahead);
  for (let y = 0; y <= hi; y++) for (let x = 0; x < width; x++) sums[x]! += input[y * width + x]!;
  for (let y = 0; y < height; y++) {
    const count = hi - lo + 1;
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = sums[x]! / count;
    if (y + 1 + ahead < height) {
      const add = ++hi * width;
      for (let x = 0; x < width; x++) sums[x]! += input[add + x]!;
    }
    if (y + 1 - behind > 0) {
      const drop = lo++ * width;
      for (let x = 0; x < width; x++) sums[x]! -= input[drop + x]!;
    }
  }
}

/** PDQ's quality: the sum of |neighbour differences| (in percent of full scale) over 90, capped at 100. */
export function qualityOf(small: Float32Array): number {
  let gradient = 0;
  for (let i = 0; i < SIDE - 1; i++) {
    for (let j = 0; j < SIDE; j++) {
      gradient += Math.abs(
        Math.trunc(((small[i * SIDE + j]! - small[(i + 1) * SIDE + j]!) * 100) / 255),
      );
    }
  }
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE - 1; j++) {
      gradient += Math.abs(
        Math.trunc(((small[i * SIDE + j]! - small[i * SIDE + j + 1]!) * 100) / 255),
      );
    }
  }
  return Math.min(100, Math.trunc(gradient / 90));
}

/** The 16×16 low-frequency block D·A·Dᵀ of a 64×64 image A (D the 16×64 DCT matrix). */
export function dct16(small: Float32Array): Float64Array {
  const rows = new Float64Array(DCT_SIDE * SIDE);
  for (let u = 0; u < DCT_SIDE; u++) {
    for (let x = 0; x < SIDE; x++) {
      let s = 0;
      for (let y = 0; y < SIDE; y++) s += DCT_MATRIX[u * SIDE + y]! * small[y * SIDE + x]!;
      rows[u * SIDE + x] = s;
    }
  }
  const out = new Float64Array(DCT_SIDE * DCT_SIDE);
  for (let u = 0; u < DCT_SIDE; u++) {
    for (let v = 0; v < DCT_SIDE; v++) {
      let s = 0;
      for (let x = 0; x < SIDE; x++) s += rows[u * SIDE + x]! * DCT_MATRIX[v * SIDE + x]!;
      out[u * DCT_SIDE + v] = s;
    }
  }
  return out;
}

/** The median PDQ thresholds against: the lower middle value (128th of 256, as PDQ's Torben median). */
export function medianOf(values: Float64Array): number {
  const sorted = values.slice().sort();
  return sorted[(sorted.length - 1) >> 1]!;
}

/** The hash of a 16×16 DCT block: bit 16·i + j is set when coefficient (i, j) exceeds the median. */
export function thresholdHash(dct: Float64Array): string {
  const median = medianOf(dct);
  const words = new Uint32Array(8);
  for (let k = 0; k < 256; k++) {
    // Bit k of the 256-bit number lives in word 7 - ⌊k/32⌋ (words are most significant first).
    if (dct[k]! > median) words[7 - (k >>> 5)]! |= 1 << (k & 31);
  }
  return pdqHex(words);
}

/**
 * The DCT block of a transformed image, from the original's. Mirroring the columns (x → 63 − x)
 * multiplies frequency f by (−1)^f, and rows 0..15 hold frequencies 1..16, so even indices flip
 * sign; transposing the image transposes the block. Each rotation or mirror is a mix of the two.
 */
export function dihedralDct(dct: Float64Array, name: Dihedral): Float64Array {
  const out = new Float64Array(DCT_SIDE * DCT_SIDE);
  for (let i = 0; i < DCT_SIDE; i++) {
    const si = i % 2 === 0 ? -1 : 1;
    for (let j = 0; j < DCT_SIDE; j++) {
      const sj = j % 2 === 0 ? -1 : 1;
      const same = dct[i * DCT_SIDE + j]!;
      const swapped = dct[j * DCT_SIDE + i]!;
      let v: number;
      switch (name) {
        case 'original':
          v = same;
          break;
        case 'flipX': // rows mirrored (upside down)
          v = si * same;
          break;
        case 'flipY': // columns mirrored (left to right)
          v = sj * same;
          break;
        case 'rotate180':
          v = si * sj * same;
          break;
        case 'flipPlus1': // transpose
          v = swapped;
          break;
        case 'flipMinus1': // anti-transpose
          v = si * sj * swapped;
          break;
        case 'rotate90': // anticlockwise: transpose, then mirror rows
          v = si * swapped;
          break;
        case 'rotate270': // anticlockwise: transpose, then mirror columns
          v = sj * swapped;
          break;
      }
      out[i * DCT_SIDE + j] = v;
    }
  }
  return out;
}

/** The number of differing bits between two PDQ hashes (0..256). */
export function hammingDistance(a: string, b: string): number {
  const x = parsePdqHex(a);
  const y = parsePdqHex(b);
  let d = 0;
  for (let w = 0; w < 8; w++) d += popcount32(x[w]! ^ y[w]!);
  return d;
}

/** Set bits in a 32-bit word (SWAR: no loop, no table). */
export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** True when a string is a PDQ hash: exactly 64 hex digits. */
export function isPdqHex(s: string): boolean {
  return HASH_RE.test(s);
}

/** A PDQ hash as 8 uint32 words, most significant first (word 0 = the first 8 hex digits). */
export function parsePdqHex(s: string): Uint32Array {
  return parsePdqHexInto(s, new Uint32Array(8), 0);
}

/** Hex digit values by character code (−1: not a hex digit). */
const NIBBLE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    t['0123456789abcdef'.charCodeAt(i)] = i;
    t['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return t;
})();

/** Parses a PDQ hash into 8 words of `target` from `offset` (no allocation); returns `target`. */
export function parsePdqHexInto(s: string, target: Uint32Array, offset: number): Uint32Array {
  // A character loop rather than a regex and parseInt per word: index builds parse millions.
  let bad = s.length !== 64;
  for (let w = 0; w < 8 && !bad; w++) {
    let v = 0;
    for (let i = w * 8; i < w * 8 + 8; i++) {
      const n = NIBBLE[s.charCodeAt(i)] ?? -1;
      if (n < 0) bad = true;
      v = (v << 4) | n;
    }
    target[offset + w] = v >>> 0;
  }
  if (bad) {
    throw new AppError('INVALID_INPUT', 'a PDQ hash must be exactly 64 hex digits', [
      `got ${s.length} characters`,
    ]);
  }
  return target;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 uint32 words (most significant first, from `offset`) as a 64-digit lower-case hex hash. */
export function pdqHex(words: Uint32Array, offset = 0): string {
  let s = '';
  for (let w = 0; w < 8; w++) {
    const v = words[offset + w]!;
    s +=
      BYTE_HEX[v >>> 24]! +
      BYTE_HEX[(v >>> 16) & 255]! +
      BYTE_HEX[(v >>> 8) & 255]! +
      BYTE_HEX[v & 255]!;
  }
  return s;
}
