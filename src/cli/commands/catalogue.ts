import { Command } from 'commander';
import { checkCatalogue } from '../../services/check-catalogue.ts';
import { EXIT } from '../output.ts';

/** `beacon catalogue check`: validate the indicator catalogue. */
export function catalogueCommand(): Command {
  const catalogue = new Command('catalogue').description('Work with the indicator catalogue.');
  catalogue
    .command('check')
    .description(
      'Validate the catalogue: schema, patterns, every positive and negative example, a changelog ' +
        'entry for its version, and that a changed catalogue bumped its version.',
    )
    .argument('[file]', 'catalogue file (default: the shipped catalogue/indicators.yaml)')
    .option('--lock', 'record this version as released in versions.lock.json (after a bump)')
    .action(async (file: string | undefined, opts: { lock?: boolean }) => {
      const r = await checkCatalogue(file, { lock: opts.lock ?? false });
      const fam = Object.entries(r.byFamily)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const grades = Object.entries(r.byGrade)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`Catalogue ${r.path}`);
      console.log(`  version ${r.version}: ${r.indicators} indicators (${fam})`);
      console.log(`  grades: ${grades}`);
      console.log(`  examples: ${r.examples} run, ${r.failures.length} failed`);
      for (const f of r.failures) console.log(`  ✗ ${f.indicator}: ${f.message}`);
      for (const p of r.versionProblems) console.log(`  ✗ ${p}`);
      if (r.locked) console.log(`  recorded version ${r.version} in versions.lock.json`);
      const ok = r.failures.length === 0 && r.versionProblems.length === 0;
      console.log(ok ? 'OK' : 'FAILED');
      if (!ok) process.exitCode = EXIT.failure;
    });
  return catalogue;
}
