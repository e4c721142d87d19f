import { join } from 'node:path';
import { Command } from 'commander';
import { analyseFile } from '../../services/analyse-file.ts';
import { DEMO_DEFAULTS, writeDemoCorpus } from '../../services/write-demo-corpus.ts';
import { writeReport } from '../../services/write-report.ts';
import { fmt, positiveInt } from '../output.ts';
import { printNetworkCounts, printScreenSummary } from '../print-summary.ts';
import { analyseProgress, startProgress } from '../progress.ts';

/** `beacon demo`: the main job on demo data (what `npm start` runs). */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Run Beacon end to end on demo data: generate a synthetic corpus, screen and link it ' +
        '(beacon analyse), and write the HTML report. Nothing to set up; prints where everything is.',
    )
    .option('-o, --out <dir>', 'output folder', 'demo-output')
    .option('-n, --adverts <n>', 'number of adverts', positiveInt('--adverts'), 20_000)
    .option('-s, --seed <s>', 'random seed', positiveInt('--seed'), 1)
    .action(async (opts: { out: string; adverts: number; seed: number }) => {
      const corpusDir = join(opts.out, 'corpus');
      const resultsDir = join(opts.out, 'results');
      console.log(`Beacon demo: ${fmt(opts.adverts)} synthetic adverts (seed ${opts.seed}).\n`);
      const gen = startProgress('Generating', opts.adverts);
      const corpus = await writeDemoCorpus({
        ...DEMO_DEFAULTS,
        adverts: opts.adverts,
        seed: opts.seed,
        outDir: corpusDir,
        onProgress: (n) => gen.update(n),
      });
      gen.stop();
      console.log(`1. Corpus:  ${corpus.adverts}\n   Truth:   ${corpus.truth}`);
      const started = performance.now();
      const progress = analyseProgress();
      const outcome = await analyseFile({
        input: corpus.adverts,
        outDir: resultsDir,
        onProgress: progress.onProgress,
      });
      progress.stop();
      console.log(`2. Results: ${outcome.files.adverts}\n   Networks: ${outcome.files.networks}\n`);
      printScreenSummary(outcome.summary, (performance.now() - started) / 1000);
      printNetworkCounts(outcome.summary.networks);
      const report = await writeReport({ dir: resultsDir, now: () => new Date() });
      console.log(`\n3. Report:  ${report}`);
      console.log(
        `   Check:   npx beacon evaluate --truth ${corpus.truth} --results ${resultsDir}`,
      );
      console.log(
        '\nOpen the report in a browser. Scores are leads for human review, never proof.',
      );
    });
}
