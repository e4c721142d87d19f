// A Beacon app on a throwaway store for API tests, with helpers to make organisations, people
// signed in with a session, and API keys.
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { configFrom } from '../../src/config.ts';
import type { OrgKind, Role } from '../../src/core/auth/roles.ts';
import { addUser } from '../../src/services/accounts/add-user.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { createOrganisation } from '../../src/services/accounts/create-organisation.ts';
import type { StoreTarget } from './stores.ts';

export const TEST_PASSWORD = 'tidal-Lantern-harbour-97';

/** An app with no in-process workers (tests drain one by hand) and no logs. */
export async function testApp(target: StoreTarget): Promise<App> {
  const store = await target.open();
  const config = configFrom({ BEACON_WORKERS: '0', BEACON_COOKIE_SECURE: 'false' });
  const app = await createApp(config, { store, logger: false });
  const close = app.close.bind(app);
  return {
    ...app,
    close: async () => {
      await close();
      await store.close();
    },
  };
}

/** Credentials for requests: a session (cookie + CSRF token) or an API key. */
export interface Caller {
  readonly headers: Record<string, string>;
  readonly label: string;
}

let counter = 0;

/** An organisation, without two-factor unless asked (tests of 2FA ask). */
export async function makeOrg(app: App, kind: OrgKind, slug?: string, requireTwoFactor = false) {
  counter += 1;
  return createOrganisation(app.ctx, {
    slug: slug ?? `${kind}-${counter}`,
    name: `Test ${kind} ${counter}`,
    kind,
    requireTwoFactor,
  });
}

/** A person with `role` in the organisation, signed in (no second factor required). */
export async function signedIn(app: App, orgId: string, role: Role): Promise<Caller> {
  counter += 1;
  const email = `${role}-${counter}@example.org`;
  await addUser(app.ctx, {
    email,
    displayName: role,
    password: TEST_PASSWORD,
    orgId,
    roles: [role],
  });
  return signInAs(app, email);
}

/** Signs in with the test password; the caller carries the cookie and CSRF token. */
export async function signInAs(
  app: App,
  email: string,
): Promise<Caller & { secondFactor: string }> {
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; secondFactor: string }>();
  return {
    headers: { cookie: cookieOf(res), 'x-csrf-token': body.csrfToken },
    label: email,
    secondFactor: body.secondFactor,
  };
}

/** The session cookie a response set, as a Cookie header. */
export function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'beacon_session');
  if (!cookie) throw new Error('no session cookie');
  return `beacon_session=${cookie.value}`;
}

/** An API key of a site with the given scopes. */
export async function apiKeyCaller(app: App, orgId: string, scopes: string[]): Promise<Caller> {
  const { key } = await createApiKey(app.ctx, { orgId, name: 'test', scopes, createdBy: null });
  return { headers: { authorization: `Bearer ${key}` }, label: `api key (${scopes.join(',')})` };
}

/** Runs every queued job to the end (screening after ingest). */
export async function drainJobs(app: App): Promise<number> {
  return app.createWorker().drain();
}
