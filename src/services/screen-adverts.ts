import type { CompiledCatalogue } from '../core/catalogue/compile-catalogue.ts';
import { advertFeatures } from '../core/model/features.ts';
import { screenAdvert } from '../core/screen/screen-advert.ts';
import {
  addRejected,
  addToSummary,
  emptySummary,
  summaryFacts,
  type ScreenSummary,
} from '../core/screen/summary.ts';
import type { InputItem } from '../io/advert-file.ts';
import type { LineWriter } from '../io/line-writer.ts';

/** What screening needs from the outside world. */
export interface ScreenAdvertsDeps {
  /** Batches of parsed input lines, in input order. */
  readonly input: AsyncIterable<readonly InputItem[]>;
  readonly catalogue: CompiledCatalogue;
  /** Receives one adverts.jsonl line per screened advert. */
  readonly results: LineWriter;
  /** Receives one rejected.jsonl line per rejected input line (line number, errors, raw input). */
  readonly rejected: LineWriter;
  /** Called every `progressEvery` items with the count so far. */
  readonly onProgress?: ((done: number) => void) | undefined;
  readonly progressEvery?: number;
}

/** Screens a stream of adverts one at a time, in bounded memory; returns the run's summary. */
export async function screenAdverts(deps: ScreenAdvertsDeps): Promise<ScreenSummary> {
  const summary = emptySummary(deps.catalogue.version);
  const every = deps.progressEvery ?? 1000;
  let done = 0;
  let nextProgress = every;
  for await (const batch of deps.input) {
    for (const item of batch) {
      if (item.parsed.ok) {
        const features = advertFeatures(item.parsed.advert);
        const result = screenAdvert(features, deps.catalogue);
        addToSummary(summary, result, summaryFacts(features));
        deps.results.write(JSON.stringify(result));
      } else {
        addRejected(summary, { line: item.line, errors: item.parsed.errors });
        deps.rejected.write(
          JSON.stringify({ line: item.line, errors: item.parsed.errors, input: item.raw }),
        );
      }
    }
    done += batch.length;
    await Promise.all([deps.results.flush(), deps.rejected.flush()]);
    if (done >= nextProgress) {
      deps.onProgress?.(done);
      nextProgress = done + every;
    }
  }
  deps.onProgress?.(done);
  return summary;
}
