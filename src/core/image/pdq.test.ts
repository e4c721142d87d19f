import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import { AppError } from '../errors.ts';
import type { Dihedral } from './pdq.ts';
import {
  boxFilterCols,
  boxFilterRows,
  dct16,
  DIHEDRAL_NAMES,
  downsample64,
  hammingDistance,
  jaroszWindow,
  lumaFromPixels,
  medianOf,
  parsePdqHex,
  pdqDct,
  pdqDihedral,
  pdqHash,
  pdqHex,
  popcount32,
  qualityOf,
  thresholdHash,
} from './pdq.ts';

const hex64 = fc
  .array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 })
  .map((ds) => ds.map((d) => d.toString(16)).join(''));

/** A seeded random luminance image. */
function noise(seed: number, width: number, height: number): Float32Array {
  const rng = createRandom(seed);
  return Float32Array.from({ length: width * height }, () => rng.int(0, 255));
}

/** A smooth random image: a few low-frequency waves, as photos are mostly smooth. */
function smooth(seed: number, width: number, height: number): Float32Array {
  const rng = createRandom(seed);
  const waves = Array.from({ length: 6 }, () => ({
    fx: rng.between(0.5, 4),
    fy: rng.between(0.5, 4),
    phase: rng.between(0, 6.3),
    amp: rng.between(10, 40),
  }));
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 128;
      for (const w of waves) {
        v += w.amp * Math.sin(((w.fx * x) / width) * 6.3 + ((w.fy * y) / height) * 6.3 + w.phase);
      }
      out[y * width + x] = v;
    }
  }
  return out;
}

/** The pixels of an image after one of the 8 dihedral transforms (see DIHEDRAL_NAMES). */
function transform(
  img: Float32Array,
  w: number,
  h: number,
  name: Dihedral,
): { img: Float32Array; w: number; h: number } {
  const swap = ['rotate90', 'rotate270', 'flipPlus1', 'flipMinus1'].includes(name);
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Float32Array(w * h);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // The source pixel (sx, sy) that lands at (x, y).
      let sx: number;
      let sy: number;
      switch (name) {
        case 'original':
          [sx, sy] = [x, y];
          break;
        case 'flipX':
          [sx, sy] = [x, h - 1 - y];
          break;
        case 'flipY':
          [sx, sy] = [w - 1 - x, y];
          break;
        case 'rotate180':
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break;
        case 'flipPlus1':
          [sx, sy] = [y, x];
          break;
        case 'flipMinus1':
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break;
        case 'rotate90': // anticlockwise: the top-right corner comes to the top left
          [sx, sy] = [w - 1 - y, x];
          break;
        case 'rotate270':
          [sx, sy] = [y, h - 1 - x];
          break;
      }
      out[y * W + x] = img[sy * w + sx]!;
    }
  }
  return { img: out, w: W, h: H };
}

/** The mean of in[max(0, k − behind) .. min(n − 1, k + ahead)], written plainly. */
function naiveBox(input: number[], window: number): number[] {
  const ahead = Math.floor((window + 2) / 2) - 1;
  const behind = window - 1 - ahead;
  return input.map((_, k) => {
    const lo = Math.max(0, k - behind);
    const hi = Math.min(input.length - 1, k + ahead);
    let sum = 0;
    for (let i = lo; i <= hi; i++) sum += input[i]!;
    return sum / (hi - lo + 1);
  });
}

describe('PDQ building blocks', () => {
  it('sizes the Jarosz window at ⌈n / 128⌉ (half the ratio: two passes)', () => {
    expect([1, 64, 128, 129, 256, 512, 1004, 1600].map(jaroszWindow)).toEqual([
      1, 1, 1, 2, 2, 4, 8, 13,
    ]);
  });

  it('box-filters rows and columns as a plain moving average (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (w, h, window, seed) => {
          const img = noise(seed, w, h);
          const rows = new Float32Array(w * h);
          const cols = new Float32Array(w * h);
          boxFilterRows(img, rows, w, h, window);
          boxFilterCols(img, cols, w, h, window);
          for (let y = 0; y < h; y++) {
            const want = naiveBox(Array.from(img.subarray(y * w, y * w + w)), window);
            want.forEach((v, x) => expect(rows[y * w + x]).toBeCloseTo(v, 3));
          }
          for (let x = 0; x < w; x++) {
            const column = Array.from({ length: h }, (_, y) => img[y * w + x]!);
            naiveBox(column, window).forEach((v, y) => expect(cols[y * w + x]).toBeCloseTo(v, 3));
          }
        },
      ),
    );
  });

  it('leaves a 64×64 image as it is when downsampling (window 1, one sample per pixel)', () => {
    const img = noise(5, 64, 64);
    expect(Array.from(downsample64(img, 64, 64))).toEqual(Array.from(img));
  });

  it('computes the 16×16 DCT from frequency 1: a flat image has none, a cosine has one', () => {
    expect(Math.max(...dct16(new Float32Array(64 * 64).fill(200)).map(Math.abs))).toBeLessThan(
      1e-9,
    );
    for (const [u, v] of [
      [0, 0],
      [3, 7],
      [15, 15],
    ] as const) {
      const img = new Float32Array(64 * 64);
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          img[y * 64 + x] =
            Math.cos((Math.PI * (u + 1) * (2 * y + 1)) / 128) *
            Math.cos((Math.PI * (v + 1) * (2 * x + 1)) / 128);
        }
      }
      const dct = dct16(img);
      // Orthonormal basis: the coefficient is Σ cos² · Σ cos² · 2/64 = 32 · 32 · 2/64 = 32.
      expect(dct[u * 16 + v]).toBeCloseTo(32, 4);
      dct[u * 16 + v] = 0;
      expect(Math.max(...dct.map(Math.abs))).toBeLessThan(1e-4);
    }
  });

  it('is linear in the image, as a DCT must be', () => {
    const a = noise(1, 64, 64);
    const b = noise(2, 64, 64);
    const sum = a.map((v, i) => 2 * v + b[i]!);
    const [da, db, ds] = [dct16(a), dct16(b), dct16(sum)];
    ds.forEach((v, i) => expect(v).toBeCloseTo(2 * da[i]! + db[i]!, 6));
  });

  it('thresholds against the lower median: 128 bits set, bit k = coefficient k', () => {
    const ramp = Float64Array.from({ length: 256 }, (_, k) => k);
    expect(medianOf(ramp)).toBe(127);
    // Coefficients 128..255 exceed the median: the high half of the 256-bit number.
    expect(thresholdHash(ramp)).toBe('f'.repeat(32) + '0'.repeat(32));
    const one = new Float64Array(256);
    one[0] = 1; // only coefficient (0, 0) above the median (0): the lowest bit
    expect(thresholdHash(one)).toBe('0'.repeat(63) + '1');
    one[0] = 0;
    one[16] = 1; // coefficient (1, 0): bit 16
    expect(thresholdHash(one)).toBe('0'.repeat(59) + '10000');
  });

  it('scores quality from gradients: 0 for a flat image, 100 for strong texture', () => {
    expect(qualityOf(new Float32Array(64 * 64).fill(90))).toBe(0);
    const checker = Float32Array.from({ length: 64 * 64 }, (_, i) =>
      ((i >> 6) + (i & 63)) % 2 ? 255 : 0,
    );
    expect(qualityOf(checker)).toBe(100);
    expect(pdqHash(new Uint8Array(50 * 40).fill(7), 50, 40).quality).toBe(0);
  });

  it('takes luminance as 0.299 R + 0.587 G + 0.114 B and ignores alpha', () => {
    const rgba = Uint8Array.from([255, 0, 0, 9, 0, 255, 0, 9, 0, 0, 255, 9, 10, 20, 30, 0]);
    const luma = lumaFromPixels(rgba, 4, 1, 4);
    expect(Array.from(luma).map((v) => +v.toFixed(3))).toEqual([
      76.245,
      149.685,
      29.07,
      0.299 * 10 + 0.587 * 20 + 0.114 * 30,
    ]);
    expect(Array.from(lumaFromPixels(Uint8Array.from([5, 255, 6, 0]), 2, 1, 2))).toEqual([5, 6]);
  });
});

describe('PDQ hashes', () => {
  it('never throws on random small images and returns 64 hex digits and a quality 0..100 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer(),
        (w, h, seed) => {
          const r = pdqHash(noise(seed, w, h), w, h);
          expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(Number.isInteger(r.quality) && r.quality >= 0 && r.quality <= 100).toBe(true);
          const d = pdqDihedral(noise(seed, w, h), w, h);
          expect(d.hashes.original).toBe(r.hash);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects impossible sizes and short buffers with INVALID_INPUT', () => {
    for (const [w, h, n] of [
      [0, 5, 10],
      [2.5, 2, 10],
      [4, 4, 15],
    ] as const) {
      expect(() => pdqDct(new Uint8Array(n), w, h)).toThrow(AppError);
    }
  });

  it('gives near hashes for small edits and far ones for different images', () => {
    const img = smooth(11, 300, 200);
    const base = pdqHash(img, 300, 200).hash;
    const brighter = pdqHash(
      img.map((v) => v * 0.9 + 20),
      300,
      200,
    ).hash;
    const rng = createRandom(3);
    const noisy = pdqHash(
      img.map((v) => v + rng.between(-8, 8)),
      300,
      200,
    ).hash;
    expect(hammingDistance(base, brighter)).toBeLessThanOrEqual(8);
    expect(hammingDistance(base, noisy)).toBeLessThanOrEqual(31);
    expect(hammingDistance(base, pdqHash(smooth(12, 300, 200), 300, 200).hash)).toBeGreaterThan(60);
  });

  it('derives each dihedral hash exactly from the DCT on 64×64 images', () => {
    for (const seed of [1, 2, 3]) {
      for (const make of [noise, smooth]) {
        const img = make(seed, 64, 64);
        const { hashes } = pdqDihedral(img, 64, 64);
        for (const name of DIHEDRAL_NAMES) {
          const t = transform(img, 64, 64, name);
          expect(pdqHash(t.img, t.w, t.h).hash, `${make.name} ${seed} ${name}`).toBe(hashes[name]);
        }
      }
    }
  });

  it('finds rotated and mirrored copies of larger, non-square images through the dihedral hashes', () => {
    const img = smooth(21, 320, 200);
    const { hashes } = pdqDihedral(img, 320, 200);
    for (const name of DIHEDRAL_NAMES) {
      const t = transform(img, 320, 200, name);
      const hash = pdqHash(t.img, t.w, t.h).hash;
      // The box windows and the sampling grid are not symmetric, so allow a few bits.
      expect(hammingDistance(hash, hashes[name]), name).toBeLessThanOrEqual(8);
      for (const other of DIHEDRAL_NAMES) {
        if (hashes[other] !== hashes[name]) {
          expect(hammingDistance(hash, hashes[other])).toBeGreaterThan(
            hammingDistance(hash, hashes[name]),
          );
        }
      }
    }
  });
});

describe('PDQ hex and Hamming distance', () => {
  it('round-trips hex through 8 words, lower-casing (property)', () => {
    fc.assert(
      fc.property(hex64, fc.boolean(), (hex, upper) => {
        const s = upper ? hex.toUpperCase() : hex;
        const words = parsePdqHex(s);
        expect(words.length).toBe(8);
        expect(pdqHex(words)).toBe(hex);
        expect(words[0]).toBe(parseInt(hex.slice(0, 8), 16));
      }),
    );
  });

  it('rejects anything but 64 hex digits with INVALID_INPUT', () => {
    for (const bad of ['', 'f'.repeat(63), 'f'.repeat(65), 'g' + 'f'.repeat(63), ' '.repeat(64)]) {
      expect(() => parsePdqHex(bad)).toThrow(AppError);
      expect(() => hammingDistance(bad, '0'.repeat(64))).toThrow(AppError);
    }
  });

  it('counts bits like a plain loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (v) => {
        expect(popcount32(v)).toBe(v.toString(2).split('1').length - 1);
      }),
    );
  });

  it('is a metric on 0..256 equal to the count of differing bits (property)', () => {
    const bits = (h: string) =>
      Array.from(h, (c) => parseInt(c, 16).toString(2).padStart(4, '0')).join('');
    fc.assert(
      fc.property(hex64, hex64, hex64, (a, b, c) => {
        const ab = hammingDistance(a, b);
        const [x, y] = [bits(a), bits(b)];
        expect(ab).toBe(Array.from(x).filter((ch, i) => ch !== y[i]).length);
        expect(hammingDistance(a, a)).toBe(0);
        expect(ab === 0).toBe(a === b);
        expect(hammingDistance(b, a)).toBe(ab);
        expect(ab).toBeLessThanOrEqual(hammingDistance(a, c) + hammingDistance(c, b));
        expect(ab >= 0 && ab <= 256).toBe(true);
      }),
    );
  });
});
