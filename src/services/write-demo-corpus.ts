import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCorpus } from '../core/demo/generate-corpus.ts';
import type { DemoOptions } from '../core/demo/types.ts';
import { openLineWriter } from '../io/line-writer.ts';

/** Files of a demo corpus. */
export const DEMO_FILES = { adverts: 'adverts.jsonl', truth: 'truth.jsonl' } as const;

/** Defaults that make a demo corpus reproducible from its seed alone. */
export const DEMO_DEFAULTS = {
  start: '2026-01-01T00:00:00Z',
  days: 60,
  site: 'demo-site',
} as const;

/** Writes a synthetic corpus and its ground truth into `outDir`, streaming. */
export async function writeDemoCorpus(
  options: DemoOptions & { outDir: string; onProgress?: (done: number) => void },
): Promise<{ adverts: string; truth: string; count: number }> {
  await mkdir(options.outDir, { recursive: true });
  const paths = {
    adverts: join(options.outDir, DEMO_FILES.adverts),
    truth: join(options.outDir, DEMO_FILES.truth),
  };
  const adverts = openLineWriter(paths.adverts);
  const truth = openLineWriter(paths.truth);
  let count = 0;
  for (const item of generateCorpus(options)) {
    adverts.write(JSON.stringify(item.advert));
    truth.write(JSON.stringify(item.truth));
    if (++count % 2000 === 0) {
      await Promise.all([adverts.flush(), truth.flush()]);
      options.onProgress?.(count);
    }
  }
  await Promise.all([adverts.close(), truth.close()]);
  options.onProgress?.(count);
  return { ...paths, count };
}
