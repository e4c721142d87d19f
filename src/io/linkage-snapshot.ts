import { readFile, rename, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { AppError } from '../core/errors.ts';
import { LinkageIndex, type LinkageSnapshot } from '../core/linkage/linkage-index.ts';

/**
 * Saves a linkage index to one file (V8's structured serialisation: typed arrays are written as
 * they are, so saving and loading take seconds even for a million adverts). Written to a
 * temporary name and renamed, so a crash never leaves half a file.
 */
export async function saveLinkageIndex(index: LinkageIndex, path: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, serialize(index.snapshot()));
  await rename(tmp, path);
}

/** Loads a linkage index saved by saveLinkageIndex. */
export async function loadLinkageIndex(path: string): Promise<LinkageIndex> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new AppError('NOT_FOUND', `cannot read linkage index ${path}: ${(err as Error).message}`);
  }
  let snapshot: LinkageSnapshot;
  try {
    snapshot = deserialize(bytes) as LinkageSnapshot;
    return LinkageIndex.restore(snapshot);
  } catch (err) {
    throw new AppError(
      'INVALID_INPUT',
      `${path} is not a Beacon linkage index: ${(err as Error).message}`,
    );
  }
}
