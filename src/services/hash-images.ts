import { hashImageFile, type ImageFileHash } from '../io/image-file.ts';

/** Images decoded at once: sharp decodes on libuv's thread pool, so a few in flight keep it busy. */
export const IMAGES_IN_FLIGHT = 4;

/** The PDQ hash of one image, or why it could not be hashed. */
export type ImageHashOutcome =
  | { readonly path: string; readonly result: ImageFileHash }
  | { readonly path: string; readonly error: unknown };

/** Hashes images a few at a time, yielding outcomes in the order the paths were given. */
export async function* hashImages(
  paths: Iterable<string>,
  inFlight = IMAGES_IN_FLIGHT,
): AsyncGenerator<ImageHashOutcome> {
  const queue: Promise<ImageHashOutcome>[] = [];
  for (const path of paths) {
    queue.push(
      hashImageFile(path).then(
        (result) => ({ path, result }),
        (error: unknown) => ({ path, error }),
      ),
    );
    if (queue.length >= inFlight) yield await queue.shift()!;
  }
  while (queue.length > 0) yield await queue.shift()!;
}
