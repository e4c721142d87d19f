// Opens Beacon's store: a real PostgreSQL server when a URL is given, otherwise the embedded
// PostgreSQL (PGlite) in a data folder. Both speak the same SQL and take the same migrations.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from '../core/errors.ts';
import * as schema from './schema.ts';

/** The typed database handle services use, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder, "memory", or the server URL without secrets. */
  readonly location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… of a real server; wins over dataDir. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded store, or "memory" for a throwaway one (tests). */
  readonly dataDir?: string;
  /** Connections in the pool (PostgreSQL only). */
  readonly poolSize?: number;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
const LOCK_FILE = 'beacon.lock';

/** Opens the store (without migrating it: see migrateStore). */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl, options.poolSize);
  return openEmbedded(options.dataDir ?? './data');
}

/** How many committed migrations there are. */
function committedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** How many migrations the store has applied (0 for a new store). */
export async function appliedMigrations(store: Store): Promise<number> {
  const [exists] = await queryRows<{ t: string | null }>(
    store.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (exists?.t === null || exists?.t === undefined) return 0;
  const [row] = await queryRows<{ n: number }>(
    store.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

/**
 * Applies every committed migration not yet applied. Safe to run on every start; when nothing is
 * pending it only reads, so a least-privilege database role can start Beacon (docs/operations.md).
 */
export async function migrateStore(store: Store): Promise<void> {
  if ((await appliedMigrations(store)) >= committedMigrations()) return;
  const config = { migrationsFolder: MIGRATIONS };
  if (store.kind === 'pglite') {
    await migratePglite(store.db as Parameters<typeof migratePglite>[0], config);
  } else {
    await migratePg(store.db as Parameters<typeof migratePg>[0], config);
  }
}

/** The URL with any password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function openPostgres(url: string, poolSize = 10): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection the server drops (restart, failover, a dropped database) must not crash the
  // process: the pool replaces it, and a query that was running on it fails on its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new AppError(
      'STORE_UNAVAILABLE',
      `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`,
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, kind: 'postgres', location: redactUrl(url), close: () => pool.end() };
}

async function openEmbedded(dataDir: string): Promise<Store> {
  if (dataDir === 'memory') {
    const client = await PGlite.create();
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return { db, kind: 'pglite', location: 'memory', close: () => client.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const client = await PGlite.create(join(dataDir, 'pg'));
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * The embedded store belongs to one process at a time: a second one would corrupt it. A lock file
 * holds the owner's pid; a lock left by a process that has died is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
      throw new AppError(
        'STORE_LOCKED',
        `the embedded store in ${dataDir} is in use by process ${owner}; stop it first, ` +
          'or set DATABASE_URL to share a PostgreSQL server between processes',
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}

/** Whether a process with this pid is running (on this machine). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs raw SQL and returns its rows (both engines answer with `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
