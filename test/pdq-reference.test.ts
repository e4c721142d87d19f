import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/core/demo/random.ts';
import { AppError } from '../src/core/errors.ts';
import type { Dihedral } from '../src/core/image/pdq.ts';
import { hammingDistance } from '../src/core/image/pdq.ts';
import type { ImageFileHash } from '../src/io/image-file.ts';
import { hashImageFile } from '../src/io/image-file.ts';

// The PDQ reference vectors (BSD, from Meta's ThreatExchange) sit beside the project, not in it.
const REFERENCE = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'pdq');
const present = existsSync(join(REFERENCE, 'expected.csv'));
const ORIGINAL = 'images/reg-test-input/dih/bridge-1-original.jpg';
/** The reference's own test accepts this distance from its expected hashes (decoders differ). */
const SAME_IMAGE = 16;
/** The distance the reference recommends for calling two images a match. */
const MATCH = 31;

/** The dihedral variant each file under dih/ is, by its name. */
const DIH: Record<string, Dihedral> = {
  'bridge-1-original.jpg': 'original',
  'bridge-2-rotate-90.jpg': 'rotate90',
  'bridge-3-rotate-180.jpg': 'rotate180',
  'bridge-4-rotate-270.jpg': 'rotate270',
  'bridge-5-flipx.jpg': 'flipX',
  'bridge-6-flipy.jpg': 'flipY',
  'bridge-7-flip-plus-1.jpg': 'flipPlus1',
  'bridge-8-flip-minus-1.jpg': 'flipMinus1',
};

interface Row {
  path: string;
  expected: string;
  got: ImageFileHash;
  distance: number;
}

// Hashed while the file loads, so each test's name can carry its measured distance.
const rows: Row[] = [];
const mods: Array<{ path: string; got: ImageFileHash; distance: number }> = [];
let original: ImageFileHash | undefined;
if (present) {
  original = await hashImageFile(join(REFERENCE, ORIGINAL), { dihedral: true });
  const lines = readFileSync(join(REFERENCE, 'expected.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [path, expected] = line.split(',') as [string, string];
    const got = await hashImageFile(join(REFERENCE, path), { dihedral: true });
    rows.push({ path, expected, got, distance: hammingDistance(got.hash, expected) });
  }
  const modsDir = join(REFERENCE, 'images', 'bridge-mods');
  for (const name of (await readdir(modsDir)).sort()) {
    const got = await hashImageFile(join(modsDir, name));
    mods.push({ path: name, got, distance: hammingDistance(got.hash, original.hash) });
  }
  console.table(
    [...rows, ...mods.map((m) => ({ ...m, path: `bridge-mods/${m.path}`, expected: '' }))].map(
      (r) => ({
        image: r.path,
        quality: r.got.quality,
        [r.expected ? 'distance to expected' : 'distance to original']: r.distance,
      }),
    ),
  );
}

if (present) {
  describe('PDQ against the reference vectors', () => {
    for (const r of rows) {
      it(`${r.path}: distance ${r.distance} from expected.csv (≤ ${SAME_IMAGE})`, () => {
        expect(r.got.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(r.distance).toBeLessThanOrEqual(SAME_IMAGE);
      });
    }

    for (const m of mods) {
      it(`bridge-mods/${m.path}: distance ${m.distance} from bridge-1-original (≤ ${MATCH})`, () => {
        expect(m.distance).toBeLessThanOrEqual(MATCH);
      });
    }

    it('finds every rotated or mirrored bridge image through the original’s dihedral hashes', () => {
      const dih = rows.filter((r) => r.path.includes('/dih/'));
      expect(dih).toHaveLength(8);
      const table = dih.map((r) => {
        const name = DIH[r.path.split('/').pop()!]!;
        const variant = original!.dihedral![name];
        const distances = Object.values(original!.dihedral!).map((h) =>
          hammingDistance(h, r.got.hash),
        );
        return {
          image: r.path.split('/').pop(),
          variant: name,
          'distance (ours)': hammingDistance(variant, r.got.hash),
          'distance (expected.csv)': hammingDistance(variant, r.expected),
          'nearest other variant': Math.min(
            ...distances.filter((_, i) => i !== Object.keys(original!.dihedral!).indexOf(name)),
          ),
        };
      });
      console.table(table);
      for (const t of table) {
        expect(t['distance (ours)'], t.image).toBeLessThanOrEqual(MATCH);
        expect(t['distance (expected.csv)'], t.image).toBeLessThanOrEqual(MATCH);
        // The named variant is the one that matches: the transforms are named right.
        expect(t['nearest other variant'], t.image).toBeGreaterThan(MATCH);
      }
    });

    it('computes each image’s own dihedral hashes consistently with its plain hash', () => {
      for (const r of rows) expect(r.got.dihedral!.original).toBe(r.got.hash);
    });
  });
} else {
  console.warn(
    `PDQ reference tests SKIPPED: no reference vectors at ${REFERENCE} (CI provides ../shared beside the project root).`,
  );
  describe('PDQ against the reference vectors', () => {
    it.skip(`SKIPPED: no reference vectors at ${REFERENCE} (expected ../shared/reference/pdq beside the project root)`, () => {});
  });
}

describe('hashImageFile', () => {
  const dir = mkdtemp(join(tmpdir(), 'beacon-pdq-'));
  /**
   * A synthetic photo: random values on a coarse grid, smoothly interpolated, in colour or with
   * R = G = B. (Pure sine patterns make poor PDQ tests: most of their DCT sits near the median.)
   */
  const picture = (w: number, h: number, colour = true) => {
    const rng = createRandom(42);
    const [gw, gh] = [13, 11];
    const grid = Array.from({ length: gw * gh * 3 }, () => rng.int(20, 235));
    const px = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [gx, gy] = [(x / (w - 1)) * (gw - 1), (y / (h - 1)) * (gh - 1)];
        const [x0, y0] = [Math.min(gw - 2, Math.floor(gx)), Math.min(gh - 2, Math.floor(gy))];
        const [fx, fy] = [gx - x0, gy - y0];
        for (let c = 0; c < 3; c++) {
          const g = (i: number, j: number) => grid[(j * gw + i) * 3 + (colour ? c : 0)]!;
          px[(y * w + x) * 3 + c] = Math.round(
            (1 - fx) * (1 - fy) * g(x0, y0) +
              fx * (1 - fy) * g(x0 + 1, y0) +
              (1 - fx) * fy * g(x0, y0 + 1) +
              fx * fy * g(x0 + 1, y0 + 1),
          );
        }
      }
    }
    return sharp(px, { raw: { width: w, height: h, channels: 3 } });
  };

  it('ignores the EXIF orientation tag, as the PDQ reference does', async () => {
    const d = await dir;
    const plain = join(d, 'plain.png');
    const tagged = join(d, 'tagged.jpg');
    const untagged = join(d, 'untagged.jpg');
    await picture(120, 80).png().toFile(plain);
    await picture(120, 80).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(tagged);
    await picture(120, 80).jpeg({ quality: 95 }).toFile(untagged);
    expect((await sharp(tagged).metadata()).orientation).toBe(6);
    const [a, b] = await Promise.all([hashImageFile(tagged), hashImageFile(untagged)]);
    expect(hammingDistance(a.hash, b.hash)).toBe(0);
    // JPEG compression itself moves a few bits at most.
    expect(hammingDistance(a.hash, (await hashImageFile(plain)).hash)).toBeLessThanOrEqual(8);
  });

  it('hashes a greyscale image and drops alpha without compositing', async () => {
    const d = await dir;
    const rgb = join(d, 'rgb.png');
    const grey = join(d, 'grey.png');
    const rgba = join(d, 'rgba.png');
    await picture(90, 90, false).png().toFile(rgb);
    await picture(90, 90, false).greyscale().png().toFile(grey);
    await picture(90, 90).ensureAlpha(0.2).png().toFile(rgba);
    const colour = join(d, 'colour.png');
    await picture(90, 90).png().toFile(colour);
    const [h1, h2, h3, h4] = await Promise.all(
      [rgb, grey, rgba, colour].map((p) => hashImageFile(p)),
    );
    // A one-channel file decodes to the same luminance as R = G = B.
    expect(h2!.hash).toBe(h1!.hash);
    // Alpha is dropped, not blended with a background.
    expect(h3!.hash).toBe(h4!.hash);
  });

  it('throws NOT_FOUND for a missing file and IMAGE_UNREADABLE for a file that is not an image', async () => {
    const d = await dir;
    const text = join(d, 'not-an-image.jpg');
    await writeFile(text, 'hello');
    await expect(hashImageFile(join(d, 'missing.jpg'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const err = await hashImageFile(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IMAGE_UNREADABLE');
  });

  it('beacon pdq prints "hash,quality,path" per image and exits 1 after an unreadable one', async () => {
    const d = await dir;
    const good = join(d, 'cli.png');
    const bad = join(d, 'cli-bad.png');
    await picture(64, 48).png().toFile(good);
    await writeFile(bad, 'not a png');
    const bin = join(import.meta.dirname, '..', 'bin', 'beacon.js');
    const run = promisify(execFile);
    const res = await run(process.execPath, [bin, 'pdq', good, bad, good]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    const expected = `${(await hashImageFile(good)).hash},`;
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^[0-9a-f]{64},\d{1,3},.+cli\.png$/);
      expect(line.startsWith(expected)).toBe(true);
    }
    expect(res.stderr).toContain('IMAGE_UNREADABLE');
    expect(res.stderr).toContain('1 of 3');
    expect(res.stderr).not.toContain('    at '); // no stack trace
  });
});
