import { Command } from 'commander';
import { DEMO_DEFAULTS, writeDemoCorpus } from '../../services/write-demo-corpus.ts';
import { fmt, positiveInt } from '../output.ts';
import { startProgress } from '../progress.ts';

/** `beacon demo-data`: write a synthetic corpus and its ground truth. */
export function demoDataCommand(): Command {
  return new Command('demo-data')
    .description(
      'Write a synthetic, fictional demo corpus (format v1) to <dir>/adverts.jsonl and its ground ' +
        'truth to <dir>/truth.jsonl. For demos, tests and benchmarks: not evidence of accuracy ' +
        '(see docs/demo-corpus.md).',
    )
    .requiredOption('-o, --out <dir>', 'output folder (created if missing)')
    .option('-n, --adverts <n>', 'number of adverts', positiveInt('--adverts'), 10_000)
    .option('-s, --seed <s>', 'random seed (same seed, same corpus)', positiveInt('--seed'), 1)
    .option('--start <iso>', 'start of the posting window', DEMO_DEFAULTS.start)
    .option(
      '--days <n>',
      'length of the posting window in days',
      positiveInt('--days'),
      DEMO_DEFAULTS.days,
    )
    .option('--site <site>', 'site name', DEMO_DEFAULTS.site)
    .action(
      async (opts: {
        out: string;
        adverts: number;
        seed: number;
        start: string;
        days: number;
        site: string;
      }) => {
        const progress = startProgress('Generating', opts.adverts);
        const result = await writeDemoCorpus({
          adverts: opts.adverts,
          seed: opts.seed,
          start: opts.start,
          days: opts.days,
          site: opts.site,
          outDir: opts.out,
          onProgress: (n) => progress.update(n),
        });
        progress.stop();
        console.log(`Wrote ${fmt(result.count)} adverts to ${result.adverts}`);
        console.log(`Ground truth: ${result.truth}`);
      },
    );
}
