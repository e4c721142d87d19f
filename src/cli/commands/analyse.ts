import { Command } from 'commander';
import { analyseFile } from '../../services/analyse-file.ts';
import { addInputOptions } from '../input-options.ts';
import { fmt, positiveInt } from '../output.ts';
import { analyseProgress } from '../progress.ts';
import { printNetworkCounts, printScreenSummary } from '../print-summary.ts';

/** `beacon analyse <file> --out <dir>`: screen, link and score in one run. */
export function analyseCommand(): Command {
  return addInputOptions(new Command('analyse'))
    .description(
      'Screen, link and score a JSON Lines or CSV file of adverts (format v1): the main batch ' +
        'job. Joins adverts into networks by shared phones, emails, payers, accounts, handles, ' +
        'photos (PDQ) and templated text, runs the network indicators, and adds their ' +
        'contributions to each advert. Writes <dir>/adverts.jsonl (with networkId), ' +
        '<dir>/networks.jsonl, <dir>/rejected.jsonl and <dir>/summary.json.',
    )
    .option(
      '--hub-accounts <n>',
      'a phone, email, payer or handle behind more accounts than this is a hub, not a link',
      positiveInt('--hub-accounts'),
      50,
    )
    .option(
      '--image-hub-accounts <n>',
      'a photo behind more accounts than this is a hub (stock or scraped), not a link',
      positiveInt('--image-hub-accounts'),
      10,
    )
    .option(
      '--image-distance <bits>',
      'largest PDQ distance that is the same photo',
      positiveInt('--image-distance'),
      31,
    )
    .option('--save-index <file>', 'save the linkage index here, to add adverts to it later')
    .action(
      async (
        file: string,
        opts: {
          out: string;
          site?: string;
          format?: 'jsonl' | 'csv';
          catalogue?: string;
          hubAccounts: number;
          imageHubAccounts: number;
          imageDistance: number;
          saveIndex?: string;
        },
      ) => {
        const started = performance.now();
        const progress = analyseProgress();
        const outcome = await analyseFile({
          input: file,
          outDir: opts.out,
          site: opts.site,
          format: opts.format,
          cataloguePath: opts.catalogue,
          linkage: {
            hubAccounts: opts.hubAccounts,
            imageHubAccounts: opts.imageHubAccounts,
            imageDistance: opts.imageDistance,
          },
          saveIndex: opts.saveIndex,
          onProgress: progress.onProgress,
        });
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        printScreenSummary(outcome.summary, seconds);
        printNetworkCounts(outcome.summary.networks);
        const img = outcome.summary.imageFiles;
        if (img.hashed + img.unreadable + img.lowQuality > 0) {
          console.log(
            `\nImages by path: ${fmt(img.hashed)} hashed, ${fmt(img.unreadable)} missing or unreadable, ${fmt(img.lowQuality)} too low in quality to match on`,
          );
        }
        console.log(`\nResults:  ${outcome.files.adverts}`);
        console.log(`Networks: ${outcome.files.networks}`);
        if (outcome.summary.rejected > 0)
          console.log(
            `Rejected: ${outcome.files.rejected} (${fmt(outcome.summary.rejected)} lines)`,
          );
        console.log(`Summary:  ${outcome.files.summary}`);
        if (opts.saveIndex) console.log(`Index:    ${opts.saveIndex}`);
        console.log(`Report:   run "beacon report ${opts.out}"`);
      },
    );
}
