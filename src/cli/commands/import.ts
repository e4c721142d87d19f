import { Command } from 'commander';
import { createApp } from '../../app.ts';
import { configFrom } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { fileSize, readAdvertFile } from '../../io/advert-file.ts';
import { findOrganisationBySlug } from '../../services/accounts/find-organisations.ts';
import { runImport, startImport } from '../../services/import-adverts.ts';
import type { ImportLine } from '../../services/import-adverts.ts';
import { fmt } from '../output.ts';
import { startProgress } from '../progress.ts';

/** `beacon import`: load a file of adverts into the store for a site. */
export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import a JSON Lines or CSV file of adverts (format v1) into the store for a site. Same ' +
        'rules as the API: idempotent on (site, advert id), edits become new versions, invalid ' +
        'lines are reported by line number and the rest imported.',
    )
    .argument('<file>', 'a .jsonl or .csv file')
    .requiredOption('--org <slug>', 'the site the adverts belong to')
    .option('--screen', 'screen and link the imported adverts before exiting')
    .action(async (file: string, opts: { org: string; screen?: boolean }) => {
      const config = configFrom({ ...process.env, BEACON_WORKERS: '0' });
      const app = await createApp(config, { logger: false });
      try {
        const org = await findOrganisationBySlug(app.ctx, opts.org);
        if (org.kind !== 'site') throw new AppError('INVALID_INPUT', `${org.slug} is not a site`);
        const size = await fileSize(file);
        const bar = startProgress('Importing', size, 'bytes');
        let bytes = 0;
        async function* lines(): AsyncGenerator<ImportLine[]> {
          for await (const batch of readAdvertFile(file, { onBytes: (b) => (bytes = b) })) {
            yield batch.map((item) =>
              item.parsed.ok
                ? { line: item.line, record: item.parsed.advert }
                : { line: item.line, record: null, errors: item.parsed.errors },
            );
          }
        }
        const id = await startImport(app.ctx, { orgId: org.id, createdBy: null, total: null });
        const outcome = await runImport(app.ctx, {
          id,
          orgId: org.id,
          batches: lines(),
          onProgress: () => bar.update(bytes),
        });
        bar.stop();
        console.log(
          `Imported ${fmt(outcome.accepted)} of ${fmt(outcome.processed)} adverts into ${org.slug}: ` +
            `${fmt(outcome.created)} new, ${fmt(outcome.updated)} edited, ` +
            `${fmt(outcome.unchanged)} unchanged, ${fmt(outcome.rejected)} rejected.`,
        );
        for (const e of outcome.errors.slice(0, 20)) {
          console.log(
            `  line ${e.line}: ${e.errors.map((x) => `${x.field || 'record'}: ${x.message}`).join('; ')}`,
          );
        }
        if (outcome.errors.length > 20) console.log(`  … and ${fmt(outcome.rejected - 20)} more`);
        if (outcome.rejected > 0) process.exitCode = 1;
        if (opts.screen) {
          await app.catchUp();
          const ran = await app.createWorker().drain();
          console.log(`Screened and linked: ${fmt(ran)} batches.`);
        } else if (outcome.created + outcome.updated > 0) {
          console.log('Queued for screening: `beacon serve` or `beacon worker` will screen them.');
        }
      } finally {
        await app.close();
      }
    });
}
