import { Command } from 'commander';
import { createApp } from '../../app.ts';
import type { App } from '../../app.ts';
import { configFrom } from '../../config.ts';
import { jobCounts } from '../../jobs/queue.ts';
import { SCREEN_JOB } from '../../services/ingest-adverts.ts';
import { seedDemo, storeIsEmpty } from '../../services/seed-demo.ts';
import { fmt, positiveInt } from '../output.ts';
import { startProgress } from '../progress.ts';

/**
 * Resolves with the first Ctrl-C or termination signal. Listening starts before anything else, so
 * a signal that arrives while Beacon is still starting up also ends it cleanly.
 */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      // A second signal does not wait for the clean stop.
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

/** Waits for a signal, then closes (finishing the current job). */
async function closeOnSignal(
  signalled: Promise<string>,
  close: () => Promise<void>,
  what: string,
): Promise<void> {
  const signal = await signalled;
  console.error(`\n${signal}: stopping the ${what} (finishing the current job)…`);
  await close();
}

/** Replays the link log into the process's linkage index, with a progress bar for big stores. */
async function catchUp(app: App): Promise<void> {
  const bar = startProgress('Loading the linkage index', 0, 'adverts');
  const added = await app.catchUp((done) => bar.update(done));
  bar.stop();
  if (added > 0) console.log(`Linkage index loaded: ${fmt(added)} adverts.`);
}

/** `beacon serve`: the API, the docs, and (by default) a worker, on one port. */
export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Run Beacon as a service: the API under /api/v1, its reference at /api/docs, and ' +
        'background screening. Uses the embedded store in BEACON_DATA_DIR (./data) unless ' +
        'DATABASE_URL is set; see docs/configuration.md.',
    )
    .option(
      '--demo',
      'on a fresh store, create clearly-marked demo organisations and people (passwords printed ' +
        'once) and load a synthetic corpus',
    )
    .option('--demo-adverts <n>', 'adverts in the demo corpus', positiveInt('--demo-adverts'), 5000)
    .action(async (opts: { demo?: boolean; demoAdverts: number }) => {
      const signalled = untilSignal();
      const config = configFrom(process.env);
      const app = await createApp(config);
      try {
        if (opts.demo && (await storeIsEmpty(app.ctx))) {
          console.log(`Setting up the demo in ${app.store.location} (a first start only)…`);
          const bar = startProgress('Loading demo adverts', opts.demoAdverts);
          const seed = await seedDemo(app.ctx, {
            adverts: opts.demoAdverts,
            onProgress: (p) => bar.update(p.processed),
          });
          bar.stop();
          console.log(`\nDemo organisations and people (synthetic data only). Passwords are shown`);
          console.log(`this once; keep them, or add people with \`beacon user add\`:\n`);
          for (const c of seed.credentials) {
            console.log(`  ${c.role.padEnd(17)} ${c.email.padEnd(42)} ${c.password}   (${c.org})`);
          }
          console.log(`\n${fmt(seed.adverts)} demo adverts queued for screening.`);
        } else if (opts.demo) {
          console.log(`Reusing the data in ${app.store.location} (demo already set up).`);
        }
        await catchUp(app);
        app.startWorkers();
        const url = await app.listen();
        console.log(`\nBeacon is running at ${url}`);
        console.log(`  API reference: ${url}/api/docs`);
        console.log(`  Store: ${app.store.kind} (${app.store.location})`);
        console.log(
          config.workers > 0
            ? `  Screening: ${config.workers} worker(s) in this process`
            : '  Screening: no worker here (BEACON_WORKERS=0); run `beacon worker`',
        );
        console.log('Press Ctrl-C to stop.');
        void reportScreening(app);
      } catch (err) {
        await app.close();
        throw err;
      }
      await closeOnSignal(signalled, () => app.close(), 'server');
    });
}

/** Prints screening progress until the queue is empty (first start of a demo, big imports). */
async function reportScreening(app: App): Promise<void> {
  let last = '';
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    let counts;
    try {
      counts = await jobCounts(app.store.db, SCREEN_JOB);
    } catch {
      return; // the store has closed: the server is stopping
    }
    const waiting = counts.queued + counts.running;
    const line =
      waiting === 0
        ? `Screening up to date (${fmt(counts.done)} batches done, ${fmt(counts.failed)} failed).`
        : `Screening: ${fmt(waiting)} batches waiting, ${fmt(counts.done)} done.`;
    if (line !== last) console.log(line);
    last = line;
    if (waiting === 0) return;
  }
}

/** `beacon worker`: background screening only, for more throughput on a shared PostgreSQL. */
export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'Run background screening without the API. Several workers can share one PostgreSQL ' +
        '(DATABASE_URL); the embedded store allows one process at a time.',
    )
    .option('--drain', 'run the queued jobs, then exit')
    .action(async (opts: { drain?: boolean }) => {
      const signalled = untilSignal();
      const config = configFrom({ ...process.env, BEACON_WORKERS: '0' });
      const app = await createApp(config);
      try {
        await catchUp(app);
        const worker = app.createWorker();
        if (opts.drain) {
          const ran = await worker.drain();
          console.log(`Ran ${fmt(ran)} jobs; the queue is empty.`);
          await app.close();
          return;
        }
        worker.start();
        console.log(`Worker ${worker.id} running on ${app.store.kind}. Press Ctrl-C to stop.`);
        await closeOnSignal(signalled, () => worker.stop().then(() => app.close()), 'worker');
      } catch (err) {
        await app.close();
        throw err;
      }
    });
}

/** `beacon migrate`: bring the store's schema up to date (serve and worker also do at start). */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description("Apply the committed migrations to the store's schema, then exit.")
    .action(async () => {
      const config = configFrom({ ...process.env, BEACON_WORKERS: '0' });
      const app = await createApp(config, { logger: false });
      console.log(`Store up to date: ${app.store.kind} (${app.store.location}).`);
      await app.close();
    });
}
