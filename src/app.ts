// The composition root: builds Beacon from its configuration. Everything with IO is made here
// and passed down; tests pass overrides (a throwaway store, a manual clock, no logger).
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { CompiledCatalogue } from './core/catalogue/compile-catalogue.ts';
import type { Backoff } from './jobs/failure.ts';
import { screenJobHandler } from './jobs/screen-job.ts';
import { webhookJobHandler } from './jobs/webhook-job.ts';
import type { FetchFn } from './jobs/webhook-job.ts';
import { createWorker } from './jobs/worker.ts';
import type { JobHandler, Worker } from './jobs/worker.ts';
import { createLogger } from './logger.ts';
import { createServer } from './server/create-server.ts';
import { systemClock } from './services/context.ts';
import type { Clock, ServiceContext } from './services/context.ts';
import { SCREEN_JOB } from './services/ingest-adverts.ts';
import { StoreLinker } from './services/link-stored-adverts.ts';
import { loadCompiledCatalogue } from './services/screen-file.ts';
import { WEBHOOK_JOB } from './services/webhooks/webhook-events.ts';
import { migrateStore, openStore } from './store/open-store.ts';
import type { Store } from './store/open-store.ts';

export interface AppOverrides {
  readonly store?: Store;
  readonly clock?: Clock;
  /** false: no logs (tests). */
  readonly logger?: Logger | false;
  readonly catalogue?: CompiledCatalogue;
  /** Extra job handlers (tests). */
  readonly handlers?: Readonly<Record<string, JobHandler<never>>>;
  readonly workerPollMs?: number;
  /** The workers' retry backoff (tests shorten it). */
  readonly workerBackoff?: Backoff;
  /** The HTTP client webhook deliveries use (tests); default the global fetch. */
  readonly fetch?: FetchFn;
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly ctx: ServiceContext;
  readonly server: FastifyInstance;
  readonly linker: StoreLinker;
  /** In-process workers (config.workers of them); not started until `startWorkers`. */
  readonly workers: readonly Worker[];
  readonly log: Logger | null;
  /** Creates a worker for this app's job kinds (`beacon worker` runs one). */
  createWorker(): Worker;
  /** Replays the link log into this process's linkage index (done once at start). */
  catchUp(onProgress?: (done: number) => void): Promise<number>;
  startWorkers(): void;
  /** Listens on config.host:config.port; resolves with the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app: opens and migrates the store, loads the catalogue, wires services and routes. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const log = overrides.logger === false ? null : (overrides.logger ?? createLogger(config));
  const store =
    overrides.store ??
    (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const ownsStore = overrides.store === undefined;
  try {
    await migrateStore(store);
    const catalogue = overrides.catalogue ?? (await loadCompiledCatalogue()).compiled;
    const ctx: ServiceContext = { db: store.db, clock: overrides.clock ?? systemClock };
    const linker = new StoreLinker(catalogue);
    const handlers: Record<string, JobHandler<never>> = {
      [SCREEN_JOB]: screenJobHandler(ctx, linker),
      [WEBHOOK_JOB]: webhookJobHandler(ctx, {
        ...(overrides.fetch !== undefined ? { fetch: overrides.fetch } : {}),
        ...(overrides.workerBackoff !== undefined ? { backoff: overrides.workerBackoff } : {}),
      }),
      ...overrides.handlers,
    };
    const jobLog = log ?? undefined;
    const makeWorker = () =>
      createWorker({
        db: store.db,
        clock: ctx.clock,
        handlers,
        ...(overrides.workerPollMs !== undefined ? { pollMs: overrides.workerPollMs } : {}),
        ...(overrides.workerBackoff !== undefined ? { backoff: overrides.workerBackoff } : {}),
        ...(jobLog ? { log: jobLog } : {}),
      });
    const workers = Array.from({ length: config.workers }, makeWorker);
    const server = await createServer({
      routeContext: { ctx, config, linker, wake: () => workers.forEach((w) => w.wake()) },
      logger: log ?? false,
    });
    return {
      config,
      store,
      ctx,
      server,
      linker,
      workers,
      log,
      createWorker: makeWorker,
      catchUp: (onProgress) => linker.catchUp(store.db, onProgress),
      startWorkers: () => workers.forEach((w) => w.start()),
      async listen() {
        return server.listen({ port: config.port, host: config.host });
      },
      async close() {
        await Promise.all(workers.map((w) => w.stop()));
        await server.close();
        if (ownsStore) await store.close();
      },
    };
  } catch (err) {
    if (ownsStore) await store.close();
    throw err;
  }
}
