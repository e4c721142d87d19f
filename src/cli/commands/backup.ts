import { Command } from 'commander';
import { configFrom } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { backupEmbeddedStore, restoreEmbeddedStore } from '../../services/backup-store.ts';
import { systemClock } from '../../services/context.ts';
import { fmt } from '../output.ts';

/** The embedded store only: a PostgreSQL server has its own, better tools. */
function embeddedDataDir(verb: 'back up' | 'restore'): string {
  const config = configFrom(process.env);
  if (config.databaseUrl !== undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `beacon ${verb === 'back up' ? 'backup' : 'restore'} works on the embedded store only, and ` +
        `DATABASE_URL is set: ${verb} a PostgreSQL server with pg_dump -Fc / pg_restore ` +
        '(exact commands in docs/operations.md)',
    );
  }
  return config.dataDir;
}

/** `beacon backup`: a tarball of the embedded store. */
export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Back up the embedded store (BEACON_DATA_DIR) to beacon-backup-<timestamp>.tar.gz. ' +
        'Stop beacon serve first. For PostgreSQL (DATABASE_URL) use pg_dump: see docs/operations.md.',
    )
    .option('-o, --out <file>', 'file to write, or a folder to write the default name into')
    .action(async (opts: { out?: string }) => {
      const dataDir = embeddedDataDir('back up');
      const { file, bytes } = await backupEmbeddedStore({
        dataDir,
        out: opts.out,
        clock: systemClock,
      });
      console.log(`backed up ${dataDir} to ${file} (${fmt(Math.ceil(bytes / 1024))} KiB)`);
    });
}

/** `beacon restore <file>`: a backup back into the embedded store's folder. */
export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      'Restore a backup made by beacon backup into BEACON_DATA_DIR. Refuses when the folder ' +
        'already holds a store, unless --force, which moves the old one aside (never deletes it).',
    )
    .argument('<file>', 'a beacon-backup-*.tar.gz file')
    .option('--force', 'move an existing store aside to <dir>.before-restore-<timestamp> first')
    .action(async (file: string, opts: { force?: boolean }) => {
      const dataDir = embeddedDataDir('restore');
      const outcome = await restoreEmbeddedStore({
        dataDir,
        file,
        force: opts.force === true,
        clock: systemClock,
      });
      if (outcome.movedAside !== null) {
        console.log(`moved the previous store aside to ${outcome.movedAside}`);
      }
      console.log(`restored ${file} into ${outcome.dataDir}`);
      console.log('next start applies any newer migrations; run beacon audit verify to check it');
    });
}
