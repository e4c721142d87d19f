import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { AppError } from '../core/errors.ts';
import type { Dihedral } from '../core/image/pdq.ts';
import { lumaFromPixels, pdqDihedral, pdqHash } from '../core/image/pdq.ts';

/** The PDQ hash of an image file, its quality, and (when asked) the hashes of its 8 dihedral variants. */
export interface ImageFileHash {
  readonly hash: string;
  readonly quality: number;
  readonly dihedral?: Readonly<Record<Dihedral, string>>;
}

/** Larger images are refused rather than decoded: 100 megapixels is far beyond any advert photo. */
const MAX_PIXELS = 100_000_000;
/** Longest side images are reduced to before hashing, as the PDQ reference tools do. */
const THUMBNAIL = 512;

/**
 * Decodes an image file (JPEG, PNG, WebP, GIF's first frame, TIFF, AVIF...) and returns its PDQ
 * hash; missing files throw NOT_FOUND, files that cannot be read IO_ERROR, and files that are not a
 * decodable image IMAGE_UNREADABLE.
 */
export async function hashImageFile(
  path: string,
  options: { dihedral?: boolean } = {},
): Promise<ImageFileHash> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `no such image: ${path}`);
    throw new AppError('IO_ERROR', `cannot read image ${path}: ${(err as Error).message}`);
  }
  const { pixels, width, height, channels } = await decodePixels(bytes, path);
  const luma = lumaFromPixels(pixels, width, height, channels);
  if (options.dihedral) {
    const d = pdqDihedral(luma, width, height);
    return { hash: d.hashes.original, quality: d.quality, dihedral: d.hashes };
  }
  return pdqHash(luma, width, height);
}

/** 8-bit sRGB pixels of an encoded image, without alpha. */
async function decodePixels(
  bytes: Buffer,
  path: string,
): Promise<{ pixels: Uint8Array; width: number; height: number; channels: number }> {
  try {
    // No .rotate()/autoOrient: the PDQ reference hashes the stored pixels and ignores the EXIF
    // orientation tag, and hashes must agree with hashes shared by others. A photo re-saved upright
    // is still found through the dihedral hashes.
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      // The reference tools thumbnail to 512 on the long side before hashing; doing the same
      // matches their hashes more closely (the 1600×1004 bridge photos: up to 12 bits off without
      // it, 2 with it) and lets JPEG decoding shrink on load, much faster than full size.
      .resize(THUMBNAIL, THUMBNAIL, { fit: 'inside', withoutEnlargement: true, kernel: 'cubic' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      channels: info.channels,
    };
  } catch (err) {
    throw new AppError('IMAGE_UNREADABLE', `cannot decode image ${path}`, [(err as Error).message]);
  }
}
