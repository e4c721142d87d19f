import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { renderReport } from '../core/report/render-report.ts';
import {
  networkCountsOf,
  networkPicker,
  type ReportNetworks,
} from '../core/report/report-networks.ts';
import type { ScreenSummary } from '../core/screen/summary.ts';
import { AppError } from '../core/errors.ts';
import { loadCatalogueFile } from '../io/catalogue-file.ts';
import { ANALYSE_FILES } from './analyse-file.ts';
import { OUTPUT_FILES } from './screen-file.ts';

/** How many networks the report shows in full, by size and by level and score. */
export const REPORT_NETWORKS = { largest: 5, highest: 10 } as const;

/**
 * The networks of an analysis folder for the report, or undefined when `path` does not exist (a
 * screening run). Streams the file and keeps only the chosen networks, cut down: memory does not
 * grow with the number of networks.
 */
export async function readReportNetworks(
  path: string,
  counts: unknown,
): Promise<ReportNetworks | undefined> {
  const picker = networkPicker(REPORT_NETWORKS);
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<boolean>((resolve, reject) => {
    stream.once('open', () => resolve(true));
    stream.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ENOENT' ? resolve(false) : reject(err),
    );
  });
  if (!(await opened)) return undefined;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    picker.add(value);
  }
  const picked = picker.result();
  // The counts analyse wrote are the authority (they carry the hubs); the file's are a fallback.
  return { ...picked, counts: networkCountsOf(counts) ?? picked.counts };
}

/** Writes `<dir>/report.html` from the results in `dir`; returns its path. */
export async function writeReport(options: {
  dir: string;
  cataloguePath?: string | undefined;
  now: () => Date;
}): Promise<string> {
  const summaryPath = join(options.dir, OUTPUT_FILES.summary);
  let summary: ScreenSummary & { source?: string; networks?: unknown };
  try {
    summary = JSON.parse(await readFile(summaryPath, 'utf8')) as ScreenSummary & {
      source?: string;
      networks?: unknown;
    };
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `no results in ${options.dir}: expected ${OUTPUT_FILES.summary} (run "beacon analyse <file> --out ${options.dir}" or "beacon screen" first)`,
    );
  }
  const { catalogue } = await loadCatalogueFile(options.cataloguePath);
  const networks = await readReportNetworks(
    join(options.dir, ANALYSE_FILES.networks),
    summary.networks,
  );
  const html = renderReport({
    title: networks ? 'Beacon analysis report' : 'Beacon screening report',
    generatedAt: options.now().toISOString(),
    source: summary.source ?? options.dir,
    summary,
    indicators: catalogue.indicators,
    networks,
  });
  const out = join(options.dir, OUTPUT_FILES.report);
  await writeFile(out, html);
  return out;
}
