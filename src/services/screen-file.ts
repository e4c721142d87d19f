import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileCatalogue, type CompiledCatalogue } from '../core/catalogue/compile-catalogue.ts';
import type { Catalogue } from '../core/catalogue/catalogue-schema.ts';
import type { ScreenSummary } from '../core/screen/summary.ts';
import { fileSize, readAdvertFile, type InputFormat } from '../io/advert-file.ts';
import { loadCatalogueFile } from '../io/catalogue-file.ts';
import { openLineWriter } from '../io/line-writer.ts';
import { screenAdverts } from './screen-adverts.ts';

/** Files a screening run writes into its output folder. */
export const OUTPUT_FILES = {
  adverts: 'adverts.jsonl',
  rejected: 'rejected.jsonl',
  summary: 'summary.json',
  report: 'report.html',
} as const;

/** Options of a file screening run. */
export interface ScreenFileOptions {
  readonly input: string;
  readonly outDir: string;
  readonly site?: string | undefined;
  readonly format?: InputFormat | undefined;
  readonly cataloguePath?: string | undefined;
  /** Progress in bytes of input read, out of `total`. */
  readonly onProgress?: ((bytesRead: number, total: number) => void) | undefined;
}

/** The outcome of a run: its summary and where it wrote. */
export interface ScreenFileOutcome {
  readonly summary: ScreenSummary;
  readonly catalogue: Catalogue;
  readonly files: { readonly adverts: string; readonly rejected: string; readonly summary: string };
}

/** Loads and compiles the catalogue (the shipped one by default). */
export async function loadCompiledCatalogue(
  path?: string,
): Promise<{ catalogue: Catalogue; compiled: CompiledCatalogue }> {
  const { catalogue } = await loadCatalogueFile(path);
  return { catalogue, compiled: compileCatalogue(catalogue) };
}

/** Screens a JSON Lines or CSV file of adverts into `outDir`, streaming. */
export async function screenFile(options: ScreenFileOptions): Promise<ScreenFileOutcome> {
  const { catalogue, compiled } = await loadCompiledCatalogue(options.cataloguePath);
  const total = await fileSize(options.input);
  await mkdir(options.outDir, { recursive: true });
  const files = {
    adverts: join(options.outDir, OUTPUT_FILES.adverts),
    rejected: join(options.outDir, OUTPUT_FILES.rejected),
    summary: join(options.outDir, OUTPUT_FILES.summary),
  };
  const results = openLineWriter(files.adverts);
  const rejected = openLineWriter(files.rejected);
  let bytesRead = 0;
  const summary = await screenAdverts({
    input: readAdvertFile(options.input, {
      format: options.format,
      defaultSite: options.site,
      onBytes: (b) => {
        bytesRead = b;
      },
    }),
    catalogue: compiled,
    results,
    rejected,
    onProgress: () => options.onProgress?.(bytesRead, total),
  });
  await Promise.all([results.close(), rejected.close()]);
  await writeFile(
    files.summary,
    `${JSON.stringify({ source: options.input, ...summary }, null, 1)}\n`,
  );
  return { summary, catalogue, files };
}
