// Outbound webhooks end to end: a site admin creates a webhook through the API, a site's adverts
// are ingested with an API key and screened, and a receiver on 127.0.0.1 gets signed deliveries
// that carry no personal data; failures are retried and end failed; the log is readable.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { configFrom } from '../../src/config.ts';
import type { Advert } from '../../src/core/advert/advert-schema.ts';
import { findJob } from '../../src/jobs/queue.ts';
import { screenJobHandler } from '../../src/jobs/screen-job.ts';
import { webhookJobHandler } from '../../src/jobs/webhook-job.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { SCREEN_JOB } from '../../src/services/ingest-adverts.ts';
import { WEBHOOK_MAX_ATTEMPTS } from '../../src/services/webhooks/queue-deliveries.ts';
import { WEBHOOK_JOB } from '../../src/services/webhooks/webhook-events.ts';
import { auditEvents, jobs, webhookDeliveries } from '../../src/store/schema.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, signedIn } from '../support/test-app.ts';
import type { Caller } from '../support/test-app.ts';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A receiver on 127.0.0.1 that records every request and answers as `answer` says. */
async function startReceiver(answer: (req: Received, seen: readonly Received[]) => number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const status = answer(r, received);
      received.push(r);
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver does to check a delivery: HMAC-SHA256 of "<timestamp>.<body>". */
function signatureOf(secret: string, r: Received): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${String(r.headers['x-beacon-timestamp'])}.${r.body}`);
  return `sha256=${mac.digest('hex')}`;
}

/** Every personal datum of the adverts long enough to be recognised in a body. */
function personalData(adverts: readonly Advert[]): string[] {
  return adverts
    .flatMap((a) => [
      a.text?.slice(0, 30),
      a.title,
      a.name,
      a.town,
      a.accountId,
      ...(a.phones ?? []),
      ...(a.emails ?? []),
    ])
    .filter((s): s is string => s !== undefined && s.length >= 4);
}

/** The delivery ids of a webhook's log, page by page through the API. */
async function deliveryLog(app: App, admin: Caller, webhookId: string, limit = 7) {
  const items: { id: number; status: string; attempts: number; responseStatus: number | null }[] =
    [];
  let next: string | null = null;
  do {
    const query: string = next === null ? `?limit=${limit}` : `?limit=${limit}&after=${next}`;
    const res = await app.server.inject({
      url: `/api/v1/webhooks/${webhookId}/deliveries${query}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: typeof items; next: string | null }>();
    items.push(...page.items);
    next = page.next;
  } while (next !== null);
  return items;
}

for (const target of await storeTargets()) {
  describe(`webhooks (${target.name})`, () => {
    let app: App;
    let closeStore: () => Promise<void>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    /** Per path: how many requests to fail with 500 before answering 200 (-1: fail always). */
    const failures = new Map<string, number>();

    beforeAll(async () => {
      const store = await target.open();
      closeStore = () => store.close();
      const config = configFrom({ BEACON_WORKERS: '0', BEACON_COOKIE_SECURE: 'false' });
      // No wait between attempts, so a drain runs every retry at once.
      app = await createApp(config, {
        store,
        logger: false,
        workerBackoff: { baseMs: 0, maxMs: 0 },
      });
      receiver = await startReceiver((req, seen) => {
        const fail = failures.get(req.path) ?? 0;
        if (fail < 0) return 500;
        const delivery = req.headers['x-beacon-delivery'];
        const before = seen.filter((r) => r.headers['x-beacon-delivery'] === delivery).length;
        return before < fail ? 500 : 200;
      });
    });
    afterAll(async () => {
      await receiver.close();
      await app.close();
      await closeStore();
    });

    /** A site with an admin and an ingesting API key, and a webhook of it at `path`. */
    async function siteWithWebhook(path: string, events: string[]) {
      const org = await makeOrg(app, 'site');
      const admin = await signedIn(app, org.id, 'site_admin');
      const key = await apiKeyCaller(app, org.id, ['adverts.ingest', 'adverts.read']);
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: admin.headers,
        payload: { url: `${receiver.url}${path}`, events },
      });
      expect(res.statusCode).toBe(201);
      const { id, secret } = res.json<{ id: string; secret: string }>();
      return { org, admin, key, id, secret };
    }

    async function ingest(key: Caller, adverts: readonly Advert[]) {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: key.headers,
        payload: adverts as object[],
      });
      expect(res.statusCode).toBe(202);
    }

    async function remove(admin: Caller, id: string) {
      const res = await app.server.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${id}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(204);
    }

    it('sends each level change once, signed, with ids, levels and scores only', async () => {
      const site = await siteWithWebhook('/signed', [
        'advert.level_changed',
        'network.level_changed',
      ]);
      expect(site.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const adverts = demoAdverts(40, 11, 5);
      await ingest(site.key, adverts);
      await drainJobs(app);

      const got = receiver.at('/signed');
      const log = await deliveryLog(app, site.admin, site.id);
      expect(got.length).toBeGreaterThan(0);
      expect(log).toHaveLength(got.length);
      expect(new Set(log.map((d) => d.status))).toEqual(new Set(['delivered']));
      expect(log.every((d) => d.attempts === 1 && d.responseStatus === 200)).toBe(true);
      // Newest first, no repeats across pages.
      const ids = log.map((d) => d.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(ids.length);

      const secrets = personalData(adverts);
      const bodies = got.map((r) => {
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['x-beacon-signature']).toBe(signatureOf(site.secret, r));
        expect(signatureOf('another secret', r)).not.toBe(r.headers['x-beacon-signature']);
        const age = Date.now() / 1000 - Number(r.headers['x-beacon-timestamp']);
        expect(Math.abs(age)).toBeLessThan(300);
        const body = JSON.parse(r.body) as Record<string, unknown>;
        expect(r.headers['x-beacon-event']).toBe(body.event);
        expect(r.headers['x-beacon-delivery']).toBe(String(body.id));
        expect(secrets.filter((s) => r.body.includes(s))).toEqual([]);
        return body;
      });
      const level = /^(none|low|medium|high)$/;
      for (const body of bodies) {
        const subject = body.event === 'advert.level_changed' ? 'advert' : 'network';
        expect(Object.keys(body).sort()).toEqual(['event', 'id', 'occurredAt', subject].sort());
        expect(Object.keys(body[subject] as object).sort()).toEqual(['from', 'id', 'score', 'to']);
        const { id, from, to, score } = body[subject] as Record<string, unknown>;
        expect([typeof id, typeof score, typeof to]).toEqual(['string', 'number', 'string']);
        expect(to).toMatch(level);
        if (from !== null) expect(from).toMatch(level);
      }
      const advertEvents = bodies.filter((b) => b.event === 'advert.level_changed');
      const first = advertEvents.filter((b) => (b.advert as { from: unknown }).from === null);
      // An advert's first screening is announced once, unless it finds nothing (level none).
      expect(new Set(first.map((b) => (b.advert as { id: string }).id)).size).toBe(first.length);
      expect(first.length).toBeGreaterThan(0);
      expect(first.length).toBeLessThanOrEqual(adverts.length);
      expect(first.every((b) => (b.advert as { to: string }).to !== 'none')).toBe(true);
      expect(advertEvents.some((b) => (b.advert as { to: string }).to === 'high')).toBe(true);
      expect(bodies.some((b) => b.event === 'network.level_changed')).toBe(true);

      // Nothing is announced twice: draining again, or re-sending the same adverts, sends nothing.
      await drainJobs(app);
      await ingest(site.key, adverts);
      await drainJobs(app);
      expect(receiver.at('/signed')).toHaveLength(got.length);

      const [audit] = await app.store.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.targetId, site.id));
      expect(audit).toMatchObject({ action: 'webhook.create', orgId: site.org.id });
      expect(JSON.stringify(audit)).not.toContain(site.secret);
      const listed = await app.server.inject({
        url: '/api/v1/webhooks',
        headers: site.admin.headers,
      });
      expect(listed.json().items).toEqual([
        {
          id: site.id,
          url: `${receiver.url}/signed`,
          events: ['advert.level_changed', 'network.level_changed'],
          createdAt: expect.any(String),
          disabledAt: null,
        },
      ]);
      expect(listed.body).not.toContain(site.secret);
      await remove(site.admin, site.id);
    });

    it('retries a receiver that fails, and marks the delivery delivered when it answers', async () => {
      failures.set('/flaky', 2);
      const site = await siteWithWebhook('/flaky', ['network.level_changed']);
      await ingest(site.key, demoAdverts(30, 23, 5));
      await drainJobs(app);
      const log = await deliveryLog(app, site.admin, site.id);
      expect(log.length).toBeGreaterThan(0);
      for (const d of log) {
        expect(d).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200 });
      }
      const got = receiver.at('/flaky');
      expect(got).toHaveLength(log.length * 3);
      // Every attempt is signed afresh, and the body stays the same.
      for (const d of log) {
        const attempts = got.filter((r) => r.headers['x-beacon-delivery'] === String(d.id));
        expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
        for (const r of attempts)
          expect(r.headers['x-beacon-signature']).toBe(signatureOf(site.secret, r));
      }
      await remove(site.admin, site.id);
    });

    it('gives up after the last attempt and logs the delivery failed', async () => {
      failures.set('/down', -1);
      const site = await siteWithWebhook('/down', ['advert.level_changed']);
      await ingest(site.key, demoAdverts(12, 31, 1));
      await drainJobs(app);
      const log = await deliveryLog(app, site.admin, site.id);
      expect(log.length).toBeGreaterThanOrEqual(1);
      for (const d of log) {
        expect(d).toMatchObject({
          status: 'failed',
          attempts: WEBHOOK_MAX_ATTEMPTS,
          responseStatus: 500,
        });
        const job = await findJob(app.store.db, `webhook:${d.id}`);
        expect(job).toMatchObject({ status: 'done', attempts: WEBHOOK_MAX_ATTEMPTS });
      }
      expect(receiver.at('/down')).toHaveLength(log.length * WEBHOOK_MAX_ATTEMPTS);
      await remove(site.admin, site.id);
    });

    it('records an unreachable receiver, without its URL, and a receiver that does not answer', async () => {
      const closed = await startReceiver(() => 200);
      await closed.close();
      const org = await makeOrg(app, 'site');
      const admin = await signedIn(app, org.id, 'site_admin');
      const key = await apiKeyCaller(app, org.id, ['adverts.ingest']);
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: admin.headers,
        payload: { url: `${closed.url}/gone?token=abcdef`, events: ['advert.level_changed'] },
      });
      const { id } = res.json<{ id: string }>();
      await ingest(key, demoAdverts(1, 41, 1));
      // Screen only, then send with one attempt: the delivery is left retrying.
      await createWorker({
        db: app.store.db,
        clock: app.ctx.clock,
        handlers: { [SCREEN_JOB]: screenJobHandler(app.ctx, app.linker) },
      }).drain();
      const [delivery] = await deliveryLog(app, admin, id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 0 });
      const webhookWorker = (fetch?: typeof globalThis.fetch) =>
        createWorker({
          db: app.store.db,
          clock: app.ctx.clock,
          handlers: {
            [WEBHOOK_JOB]: webhookJobHandler(app.ctx, {
              ...(fetch ? { fetch } : {}),
              backoff: { baseMs: 60_000, maxMs: 60_000 },
              timeoutMs: 50,
            }),
          },
          backoff: { baseMs: 60_000, maxMs: 60_000 },
        });
      await webhookWorker().drain();
      const job = await findJob(app.store.db, `webhook:${delivery!.id}`);
      expect(job?.lastError).toContain('ECONNREFUSED');
      expect(job?.lastError).not.toContain('127.0.0.1');
      expect(job?.lastError).not.toContain('abcdef');
      const [row] = await app.store.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.id, delivery!.id));
      expect(row).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: null });
      expect(row!.nextAttemptAt!.getTime() - row!.createdAt.getTime()).toBeGreaterThanOrEqual(
        59_000,
      );

      // A receiver that never answers is cut off by the timeout.
      // Make the retry due now rather than in a minute.
      await app.store.db
        .update(jobs)
        .set({ runAfter: new Date(0) })
        .where(eq(jobs.key, `webhook:${delivery!.id}`));
      const hanging: typeof globalThis.fetch = (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error));
        });
      await webhookWorker(hanging).drain();
      const again = await findJob(app.store.db, `webhook:${delivery!.id}`);
      expect(again).toMatchObject({ attempts: 2, status: 'queued' });
      expect(again?.lastError).toContain('timed out');
      await remove(admin, id);
    });

    it('cancels deliveries not yet sent when the webhook is deleted, and keeps its log', async () => {
      const site = await siteWithWebhook('/deleted', ['advert.level_changed']);
      await ingest(site.key, demoAdverts(12, 47, 1));
      await createWorker({
        db: app.store.db,
        clock: app.ctx.clock,
        handlers: { [SCREEN_JOB]: screenJobHandler(app.ctx, app.linker) },
      }).drain();
      expect((await deliveryLog(app, site.admin, site.id)).length).toBeGreaterThanOrEqual(1);
      await remove(site.admin, site.id);
      await remove(site.admin, site.id); // deleting twice is fine
      await drainJobs(app);
      expect(receiver.at('/deleted')).toEqual([]);
      const log = await deliveryLog(app, site.admin, site.id);
      expect(new Set(log.map((d) => d.status))).toEqual(new Set(['cancelled']));
      const listed = await app.server.inject({
        url: '/api/v1/webhooks',
        headers: site.admin.headers,
      });
      expect(listed.json().items).toEqual([
        expect.objectContaining({ id: site.id, disabledAt: expect.any(String) }),
      ]);
    });

    it('refuses bad webhooks: other schemes, credentials in the URL, unknown events, API keys', async () => {
      const org = await makeOrg(app, 'site');
      const admin = await signedIn(app, org.id, 'site_admin');
      const key = await apiKeyCaller(app, org.id, ['adverts.ingest']);
      const post = (headers: Record<string, string>, payload: object) =>
        app.server.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload });
      for (const url of ['ftp://example.org/x', 'not a url', 'https://user:pw@example.org/x']) {
        const res = await post(admin.headers, { url, events: ['advert.level_changed'] });
        expect([url, res.statusCode]).toEqual([url, 400]);
      }
      const unknown = await post(admin.headers, { url: 'https://example.org/x', events: ['x'] });
      expect(unknown.statusCode).toBe(400);
      const none = await post(admin.headers, { url: 'https://example.org/x', events: [] });
      expect(none.statusCode).toBe(400);
      const byKey = await post(key.headers, {
        url: 'https://example.org/x',
        events: ['advert.level_changed'],
      });
      expect(byKey.statusCode).toBe(403);
      const made = await post(admin.headers, {
        url: 'https://example.org/x',
        events: ['network.level_changed', 'network.level_changed'],
      });
      expect(made.statusCode).toBe(201);
      const { id } = made.json<{ id: string }>();
      const listed = await app.server.inject({ url: '/api/v1/webhooks', headers: admin.headers });
      expect(listed.json().items[0].events).toEqual(['network.level_changed']);
      const badCursor = await app.server.inject({
        url: `/api/v1/webhooks/${id}/deliveries?after=zzz`,
        headers: admin.headers,
      });
      expect(badCursor.statusCode).toBe(400);
      await remove(admin, id);
    });
  });
}
