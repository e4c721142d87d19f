// Logs never hold personal data, advert contents, passwords or tokens: a whole working session —
// sign-in, ingest, screening, reading an advert with its personal data — logged at the most
// verbose level, and then searched for every secret and every piece of the adverts.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { configFrom } from '../../src/config.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, makeOrg, signedIn, TEST_PASSWORD } from '../support/test-app.ts';

const [target] = await storeTargets();

describe('logs', () => {
  let app: App;
  let logs = '';
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const store = await target!.open();
    const config = configFrom({
      BEACON_WORKERS: '0',
      BEACON_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'trace',
    });
    const app0 = await createApp(config, { store, logger: pino({ level: 'trace' }, sink) });
    app = { ...app0, close: async () => (await app0.close(), await store.close()) };
  });
  afterAll(() => app.close());

  it('carry no personal data, advert contents, passwords or tokens', async () => {
    const org = await makeOrg(app, 'site');
    const key = await apiKeyCaller(app, org.id, ['adverts.ingest', 'adverts.read']);
    const moderator = await signedIn(app, org.id, 'moderator');
    const adverts = demoAdverts(60, 21, 5);
    await app.server.inject({
      method: 'POST',
      url: '/api/v1/adverts',
      headers: key.headers,
      payload: adverts,
    });
    await app.createWorker().drain();
    const page = await app.server.inject({
      url: '/api/v1/adverts?limit=5',
      headers: moderator.headers,
    });
    for (const item of page.json().items as { id: number }[]) {
      await app.server.inject({
        url: `/api/v1/adverts/${item.id}?reason=checking`,
        headers: moderator.headers,
      });
    }
    await app.server.inject({ url: '/api/v1/adverts/999999', headers: moderator.headers });

    expect(logs).toContain('"route":"/api/v1/adverts"'); // the logs were written at all
    const secrets = [
      TEST_PASSWORD,
      key.headers.authorization!.slice('Bearer '.length),
      moderator.headers.cookie!.split('=')[1]!,
      moderator.headers['x-csrf-token']!,
      moderator.label, // the email
    ];
    const personal = adverts.flatMap((a) => [
      ...(a.phones ?? []),
      ...(a.emails ?? []),
      ...(a.text ? [a.text.slice(0, 40)] : []),
      ...(a.name && a.name.length > 3 ? [`"${a.name}"`] : []),
    ]);
    const leaks = [...secrets, ...personal].filter((s) => s.length >= 6 && logs.includes(s));
    expect(leaks).toEqual([]);
  });
});
