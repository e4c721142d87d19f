import { advertFeatures } from '../core/model/features.ts';
import type { AdvertResult } from '../core/model/result.ts';
import { screenAdvert } from '../core/screen/screen-advert.ts';
import { summaryFacts, type SummaryFacts } from '../core/screen/summary.ts';
import { readAdvertFile, type InputFormat } from '../io/advert-file.ts';
import { openLineWriter } from '../io/line-writer.ts';
import { loadCompiledCatalogue } from './screen-file.ts';

/** A screened advert waiting for its network: written between the two passes of an analysis. */
export interface Pending {
  readonly r: AdvertResult;
  readonly f: SummaryFacts;
}

/** What pass one of an analysis screens, and where it parks the results. */
export interface PendingJob {
  readonly input: string;
  readonly format?: InputFormat | undefined;
  readonly site?: string | undefined;
  readonly cataloguePath?: string | undefined;
  readonly pendingPath: string;
}

/**
 * Screens every valid advert of the input on its own (single-advert indicators) and writes one
 * Pending line each, in input order. Rejected lines are skipped here: the linking side reports
 * them. Runs in a worker thread beside the linking, or in line when threads are off.
 */
export async function writePendingResults(job: PendingJob): Promise<number> {
  const { compiled } = await loadCompiledCatalogue(job.cataloguePath);
  const pending = openLineWriter(job.pendingPath);
  let count = 0;
  try {
    for await (const batch of readAdvertFile(job.input, {
      format: job.format,
      defaultSite: job.site,
    })) {
      for (const item of batch) {
        if (!item.parsed.ok) continue;
        const f = advertFeatures(item.parsed.advert);
        const line: Pending = { r: screenAdvert(f, compiled), f: summaryFacts(f) };
        pending.write(JSON.stringify(line));
        count++;
      }
      await pending.flush();
    }
  } finally {
    await pending.close();
  }
  return count;
}
