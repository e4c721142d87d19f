import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, testApp } from '../support/test-app.ts';
import type { Caller } from '../support/test-app.ts';

const corpus = demoAdverts(300, 5, 10);

for (const target of await storeTargets()) {
  describe(`API: ingest and results (${target.name})`, () => {
    let app: App;
    let site: Caller;
    beforeAll(async () => {
      app = await testApp(target);
      const org = await makeOrg(app, 'site');
      site = await apiKeyCaller(app, org.id, [
        'adverts.ingest',
        'adverts.read',
        'networks.read',
        'imports.create',
      ]);
    });
    afterAll(() => app.close());

    it('takes a JSON array, stores the valid adverts, and reports each invalid one', async () => {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: site.headers,
        payload: [...corpus.slice(0, 150), { id: 'bad', phones: 'not a list' }],
      });
      expect(res.statusCode).toBe(202);
      const body = res.json();
      expect(body).toMatchObject({ received: 151, created: 150, unchanged: 0 });
      expect(body.rejected).toEqual([
        { index: 150, id: 'bad', errors: [expect.objectContaining({ field: 'phones' })] },
      ]);
    });

    it('takes JSON Lines, where a broken line is reported and the rest stored', async () => {
      const lines = [...corpus.slice(150).map((a) => JSON.stringify(a)), '{"id": broken'].join(
        '\n',
      );
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: { ...site.headers, 'content-type': 'application/x-ndjson' },
        payload: lines,
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ created: 150, rejected: [{ index: 150, id: null }] });
    });

    it('screens in the background; results come back highest score first, a keyset page at a time', async () => {
      expect(await drainJobs(app)).toBeGreaterThan(0);
      const seen: { id: number; score: number }[] = [];
      let next: string | null = null;
      do {
        const query: string = next ? `?limit=70&after=${next}` : '?limit=70';
        const res = await app.server.inject({
          url: `/api/v1/adverts${query}`,
          headers: site.headers,
        });
        expect(res.statusCode).toBe(200);
        const page = res.json<{ items: { id: number; score: number }[]; next: string | null }>();
        seen.push(...page.items);
        next = page.next;
      } while (next !== null);
      expect(seen).toHaveLength(300);
      expect(new Set(seen.map((s) => s.id)).size).toBe(300);
      for (let i = 1; i < seen.length; i++)
        expect(seen[i]!.score).toBeLessThanOrEqual(seen[i - 1]!.score);

      const networks = await app.server.inject({ url: '/api/v1/networks', headers: site.headers });
      expect(networks.json().items.length).toBeGreaterThan(0);
      const one = await app.server.inject({
        url: `/api/v1/adverts/${seen[0]!.id}`,
        headers: site.headers,
      });
      expect(one.statusCode).toBe(200);
      expect(one.json().content).toMatchObject({ site: expect.any(String) });
    });

    it('imports a file in the background and shows its progress and rejected lines', async () => {
      const ndjson = [
        ...demoAdverts(30, 77, 3).map((a) => JSON.stringify(a)),
        '{oops',
        '{"id":"y","age":-4}',
      ];
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...site.headers, 'content-type': 'application/x-ndjson' },
        payload: ndjson.join('\n'),
      });
      expect(res.statusCode).toBe(202);
      const { id, total } = res.json();
      expect(total).toBe(32);
      let status = '';
      let body: Record<string, unknown> = {};
      for (let i = 0; i < 100 && status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = (
          await app.server.inject({ url: `/api/v1/imports/${id}`, headers: site.headers })
        ).json();
        status = String(body.status);
      }
      expect(body).toMatchObject({ status: 'done', processed: 32, accepted: 30, rejected: 2 });
      expect((body.errors as { line: number }[]).map((e) => e.line)).toEqual([31, 32]);
    });

    it('answers errors as problem+json with a stable code', async () => {
      const noKey = await app.server.inject({ url: '/api/v1/adverts' });
      expect(noKey.statusCode).toBe(401);
      expect(noKey.headers['content-type']).toContain('application/problem+json');
      expect(noKey.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      const badQuery = await app.server.inject({
        url: '/api/v1/adverts?limit=0',
        headers: site.headers,
      });
      expect(badQuery.json()).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
      const badCursor = await app.server.inject({
        url: '/api/v1/adverts?after=xyz',
        headers: site.headers,
      });
      expect(badCursor.json()).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
      const missing = await app.server.inject({
        url: '/api/v1/adverts/999999',
        headers: site.headers,
      });
      expect(missing.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });

    it('refuses a body over the limit with a clear error', async () => {
      const huge = JSON.stringify([{ id: 'x', text: 'a'.repeat(app.config.maxBodyBytes) }]);
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: { ...site.headers, 'content-type': 'application/json' },
        payload: huge,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    it('serves an OpenAPI 3.1 document with every route, and the interactive reference', async () => {
      const doc = (await app.server.inject({ url: '/api/docs/json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/adverts', '/api/v1/adverts/{id}', '/api/v1/networks']),
      );
      const ui = await app.server.inject({ url: '/api/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger');
    });
  });
}
