// A Beacon app for the review tests: a throwaway store, a clock the test moves by hand, and a
// stand-in HTTP client that records the webhook deliveries instead of sending them.
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { configFrom } from '../../src/config.ts';
import { manualClock } from '../../src/services/context.ts';
import type { StoreTarget } from '../support/stores.ts';

export interface Delivery {
  readonly url: string;
  readonly body: Record<string, unknown>;
}

export interface ReviewApp {
  readonly app: App;
  readonly clock: ReturnType<typeof manualClock>;
  readonly deliveries: Delivery[];
}

/** The app, its clock (starting 2026-03-02 09:00 UTC) and the deliveries it has sent. */
export async function reviewApp(target: StoreTarget): Promise<ReviewApp> {
  const store = await target.open();
  const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
  const deliveries: Delivery[] = [];
  const config = configFrom({ BEACON_WORKERS: '0', BEACON_COOKIE_SECURE: 'false' });
  const app = await createApp(config, {
    store,
    logger: false,
    clock,
    fetch: async (url, init) => {
      deliveries.push({ url, body: JSON.parse(String(init.body)) as Record<string, unknown> });
      return new Response('ok', { status: 200 });
    },
  });
  const close = app.close.bind(app);
  return {
    app: {
      ...app,
      close: async () => {
        await close();
        await store.close();
      },
    },
    clock,
    deliveries,
  };
}
