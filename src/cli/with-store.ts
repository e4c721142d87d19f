// Store-backed subcommands open the store the configuration names (DATABASE_URL, or the embedded
// store in BEACON_DATA_DIR), bring its schema up to date, run, and close it again.
import { configFrom } from '../config.ts';
import type { Config } from '../config.ts';
import { systemClock } from '../services/context.ts';
import type { ServiceContext } from '../services/context.ts';
import { migrateStore, openStore } from '../store/open-store.ts';
import type { Store } from '../store/open-store.ts';

/** Runs `fn` with a migrated store built from the environment's configuration. */
export async function withStore<T>(
  fn: (ctx: ServiceContext, store: Store, config: Config) => Promise<T>,
): Promise<T> {
  const config = configFrom(process.env);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateStore(store);
    return await fn({ db: store.db, clock: systemClock }, store, config);
  } finally {
    await store.close();
  }
}
