import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from '../core/report/render-report.ts';
import type { ScreenSummary } from '../core/screen/summary.ts';
import { AppError } from '../core/errors.ts';
import { loadCatalogueFile } from '../io/catalogue-file.ts';
import { OUTPUT_FILES } from './screen-file.ts';

/** Writes `<dir>/report.html` from the results in `dir`; returns its path. */
export async function writeReport(options: {
  dir: string;
  cataloguePath?: string | undefined;
  now: () => Date;
}): Promise<string> {
  const summaryPath = join(options.dir, OUTPUT_FILES.summary);
  let summary: ScreenSummary & { source?: string };
  try {
    summary = JSON.parse(await readFile(summaryPath, 'utf8')) as ScreenSummary & {
      source?: string;
    };
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `no results in ${options.dir}: expected ${OUTPUT_FILES.summary} (run "beacon screen <file> --out ${options.dir}" first)`,
    );
  }
  const { catalogue } = await loadCatalogueFile(options.cataloguePath);
  const html = renderReport({
    title: 'Beacon screening report',
    generatedAt: options.now().toISOString(),
    source: summary.source ?? options.dir,
    summary,
    indicators: catalogue.indicators,
  });
  const out = join(options.dir, OUTPUT_FILES.report);
  await writeFile(out, html);
  return out;
}
