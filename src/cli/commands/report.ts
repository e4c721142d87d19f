import { Command } from 'commander';
import { writeReport } from '../../services/write-report.ts';

/** `beacon report <dir>`: write the HTML report of a screening run. */
export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Write <dir>/report.html, one self-contained HTML file, from the results in <dir>.',
    )
    .argument('<dir>', 'a folder written by "beacon screen"')
    .option('--catalogue <file>', 'indicator catalogue (default: the shipped one)')
    .action(async (dir: string, opts: { catalogue?: string }) => {
      const path = await writeReport({ dir, cataloguePath: opts.catalogue, now: () => new Date() });
      console.log(`Report: ${path}`);
    });
}
