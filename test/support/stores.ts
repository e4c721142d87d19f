// The stores a contract suite runs against: the embedded PGlite always, and a real PostgreSQL
// server when one answers (CI makes sure one does: there a missing server fails the run instead
// of skipping). Each suite gets a database of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateStore, openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/open-store.ts';

/** The server tests use: BEACON_TEST_DATABASE_URL, or the local one on 127.0.0.1:5432. */
export const TEST_PG_URL =
  process.env.BEACON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface StoreTarget {
  readonly name: 'pglite' | 'postgres';
  /** Opens a new, migrated, empty store; `close` drops it. */
  open(): Promise<Store>;
}

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  })();
  return reachable;
}

/** A fresh database on the test server, and the URL to reach it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `beacon_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const pglite: StoreTarget = {
  name: 'pglite',
  async open() {
    const store = await openStore({ dataDir: 'memory' });
    await migrateStore(store);
    return store;
  },
};

const postgres: StoreTarget = {
  name: 'postgres',
  async open() {
    const { url, drop } = await createTestDatabase();
    const store = await openStore({ databaseUrl: url, poolSize: 4 });
    await migrateStore(store);
    return {
      ...store,
      close: async () => {
        await store.close();
        await drop();
      },
    };
  },
};

/**
 * The targets to run a contract suite against. Without a PostgreSQL server (and outside CI) the
 * suite says so and runs on PGlite alone.
 */
export async function storeTargets(): Promise<StoreTarget[]> {
  if (await postgresReachable()) return [pglite, postgres];
  if (process.env.CI === 'true') {
    throw new Error(`CI needs PostgreSQL at ${TEST_PG_URL}, and it does not answer`);
  }
  console.warn(
    `[store tests] PostgreSQL not reachable at ${TEST_PG_URL}: running on PGlite only ` +
      '(set BEACON_TEST_DATABASE_URL to test against a server)',
  );
  return [pglite];
}
