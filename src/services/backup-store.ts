// Backup and restore of the embedded store (PGlite): a gzipped tarball of its data folder, made by
// PGlite itself while it holds the store, so the copy is consistent. PostgreSQL servers are backed
// up with pg_dump instead (docs/operations.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../core/errors.ts';
import { openStore, processAlive } from '../store/open-store.ts';
import type { Clock } from './context.ts';

/** PGlite's own files inside the data folder (see open-store.ts). */
const PG_SUBDIR = 'pg';
const LOCK_FILE = 'beacon.lock';

export interface BackupOptions {
  /** The embedded store's data folder (BEACON_DATA_DIR). */
  readonly dataDir: string;
  /** File to write, or an existing folder to write the default name into; default: cwd. */
  readonly out?: string | undefined;
  readonly clock: Clock;
}

export interface RestoreOptions {
  readonly dataDir: string;
  /** A tarball written by backupEmbeddedStore. */
  readonly file: string;
  /** Replace a store already in dataDir, moving it aside first (never deleting it). */
  readonly force?: boolean;
  readonly clock: Clock;
}

export interface RestoreOutcome {
  readonly dataDir: string;
  /** Where the store that was in dataDir went, when there was one. */
  readonly movedAside: string | null;
}

/** A timestamp safe in file names on every OS: 20260102T030405Z. */
export function fileTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Writes a consistent gzipped tarball of the embedded store; returns its path and size. */
export async function backupEmbeddedStore(
  options: BackupOptions,
): Promise<{ file: string; bytes: number }> {
  const { dataDir } = options;
  if (!existsSync(join(dataDir, PG_SUBDIR))) {
    throw new AppError('NOT_FOUND', `there is no embedded store in ${dataDir} to back up`);
  }
  const name = `beacon-backup-${fileTimestamp(options.clock.now())}.tar.gz`;
  const out = options.out ?? '.';
  const file = existsSync(out) && statSync(out).isDirectory() ? join(out, name) : out;
  if (existsSync(file)) {
    throw new AppError('CONFLICT', `${file} already exists; choose another --out`);
  }
  // openStore takes the data folder's lock, so a running `beacon serve` makes this fail cleanly
  // (STORE_LOCKED) instead of copying files that are changing underneath.
  const store = await openStore({ dataDir });
  try {
    const client = pgliteOf(store.db);
    await client.exec('CHECKPOINT');
    const tarball = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await tarball.arrayBuffer());
    // Written beside the target and renamed, so a crash never leaves a truncated backup under the
    // final name.
    const partial = `${file}.partial`;
    await writeFile(partial, bytes, { flag: 'wx' });
    await rename(partial, file);
    return { file, bytes: bytes.length };
  } finally {
    await store.close();
  }
}

/**
 * Restores a backup into dataDir. The tarball is unpacked and opened in a folder beside dataDir
 * first; only when that works is an existing store moved aside (with --force) and the new one
 * renamed into place, so a bad backup file never costs the current store.
 */
export async function restoreEmbeddedStore(options: RestoreOptions): Promise<RestoreOutcome> {
  const dataDir = resolve(options.dataDir);
  const stamp = fileTimestamp(options.clock.now());
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied && options.force !== true) {
    throw new AppError(
      'CONFLICT',
      `${options.dataDir} already holds a store; restore with --force to move it aside ` +
        `(to ${options.dataDir}.before-restore-<timestamp>) and put the backup in its place`,
    );
  }
  if (occupied) refuseIfInUse(dataDir);
  let tarball: Buffer;
  try {
    tarball = await readFile(options.file);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(
      missing ? 'NOT_FOUND' : 'IO_ERROR',
      missing
        ? `no backup file at ${options.file}`
        : `cannot read ${options.file}: ${(err as Error).message}`,
    );
  }

  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${stamp}`);
  try {
    await mkdir(staging, { recursive: true });
    await unpackAndCheck(tarball, join(staging, PG_SUBDIR), options.file);
    const movedAside = occupied ? `${dataDir}.before-restore-${stamp}` : null;
    if (movedAside !== null) {
      if (existsSync(movedAside)) {
        throw new AppError('CONFLICT', `${movedAside} already exists; try again in a second`);
      }
      await rename(dataDir, movedAside);
    } else if (existsSync(dataDir)) {
      await rmdir(dataDir); // empty (checked above): nothing is lost
    }
    await rename(staging, dataDir);
    return { dataDir, movedAside };
  } finally {
    // Only the staging copy of the backup, when something failed before it moved into place.
    await rm(staging, { recursive: true, force: true });
  }
}

/** Unpacks the tarball into pgDir through PGlite and checks that it is a Beacon store. */
async function unpackAndCheck(tarball: Buffer, pgDir: string, file: string): Promise<void> {
  let client: PGlite;
  try {
    client = await PGlite.create(pgDir, { loadDataDir: new Blob([tarball]) });
  } catch (err) {
    throw new AppError(
      'INVALID_INPUT',
      `${file} is not a Beacon backup (it does not unpack as an embedded store): ` +
        (err as Error).message,
    );
  }
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_name = 'audit_events'",
    );
    if (rows[0]?.n !== 1) {
      throw new AppError(
        'INVALID_INPUT',
        `${file} holds a PostgreSQL data folder but no Beacon store`,
      );
    }
  } finally {
    await client.close();
  }
}

/** The PGlite client behind an embedded store's drizzle handle. */
function pgliteOf(db: unknown): PGlite {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) {
    throw new Error('backup needs the embedded store, and this handle is not one');
  }
  return client;
}

/** Refuses to move a data folder whose lock file names a live process. */
function refuseIfInUse(dataDir: string): void {
  const lock = join(dataDir, LOCK_FILE);
  if (!existsSync(lock)) return;
  let owner = Number.NaN;
  try {
    owner = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    return;
  }
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
    throw new AppError(
      'STORE_LOCKED',
      `the embedded store in ${dataDir} is in use by process ${owner}; stop it before restoring`,
    );
  }
}
