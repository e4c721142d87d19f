import { Command } from 'commander';
import { addInputOptions } from '../input-options.ts';
import { screenFile } from '../../services/screen-file.ts';
import { fmt } from '../output.ts';
import { startProgress } from '../progress.ts';
import { printScreenSummary } from '../print-summary.ts';

/** `beacon screen <file> --out <dir>`: screen a file of adverts. */
export function screenCommand(): Command {
  return addInputOptions(new Command('screen'))
    .description(
      'Screen a JSON Lines or CSV file of adverts (format v1) against the indicator catalogue. ' +
        'Writes <dir>/adverts.jsonl (one result per advert), <dir>/rejected.jsonl (lines that ' +
        'failed validation, with the errors and the original line) and <dir>/summary.json.',
    )
    .action(
      async (
        file: string,
        opts: { out: string; site?: string; format?: 'jsonl' | 'csv'; catalogue?: string },
      ) => {
        const started = performance.now();
        let progress: ReturnType<typeof startProgress> | null = null;
        const outcome = await screenFile({
          input: file,
          outDir: opts.out,
          site: opts.site,
          format: opts.format,
          cataloguePath: opts.catalogue,
          onProgress: (bytes, total) => {
            progress ??= startProgress('Screening', total, 'bytes');
            progress.update(bytes);
          },
        });
        (progress as ReturnType<typeof startProgress> | null)?.stop();
        const seconds = (performance.now() - started) / 1000;
        printScreenSummary(outcome.summary, seconds);
        console.log(`\nResults:  ${outcome.files.adverts}`);
        if (outcome.summary.rejected > 0)
          console.log(
            `Rejected: ${outcome.files.rejected} (${fmt(outcome.summary.rejected)} lines)`,
          );
        console.log(`Summary:  ${outcome.files.summary}`);
        console.log(`Report:   run "beacon report ${opts.out}"`);
      },
    );
}
