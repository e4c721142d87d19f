// Two-factor sign-in through HTTP, as the web app will drive it: an organisation that requires it,
// enrolment on first sign-in, recovery codes once, a TOTP code on the next sign-in, a recovery
// code when the phone is lost, and nothing usable until the second factor is given.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { addUser } from '../../src/services/accounts/add-user.ts';
import { storeTargets } from '../support/stores.ts';
import { makeOrg, signInAs, testApp, TEST_PASSWORD } from '../support/test-app.ts';

const [target] = await storeTargets();

describe('two-factor sign-in over HTTP', () => {
  let app: App;
  const email = 'analyst@example.org';
  beforeAll(async () => {
    app = await testApp(target!);
    const org = await makeOrg(app, 'police', 'force-2fa', true);
    await addUser(app.ctx, {
      email,
      displayName: 'A',
      password: TEST_PASSWORD,
      orgId: org.id,
      roles: ['police_analyst'],
    });
  });
  afterAll(() => app.close());

  const post = (headers: Record<string, string>, url: string, payload: object = {}) =>
    app.server.inject({ method: 'POST', url, headers, payload });
  const me = (headers: Record<string, string>) => app.server.inject({ url: '/api/v1/me', headers });

  it('enrols on first sign-in, then asks for a code, and takes a recovery code once', async () => {
    const first = await signInAs(app, email);
    expect(first.secondFactor).toBe('enrol');
    const blocked = await me(first.headers);
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().detail).toContain('two-factor');

    const begun = await post(first.headers, '/api/v1/auth/totp/begin');
    expect(begun.statusCode).toBe(200);
    const { secret, otpauthUrl } = begun.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await post(first.headers, '/api/v1/auth/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await post(first.headers, '/api/v1/auth/totp/confirm', {
      code: await generate({ secret }),
    });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect((await me(first.headers)).statusCode).toBe(200);
    expect((await post(first.headers, '/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect((await me(first.headers)).statusCode).toBe(401);

    const second = await signInAs(app, email);
    expect(second.secondFactor).toBe('required');
    expect((await me(second.headers)).statusCode).toBe(401);
    const viaRecovery = await post(second.headers, '/api/v1/auth/second-factor', {
      code: recoveryCodes[0],
    });
    expect(viaRecovery.statusCode).toBe(200);
    expect(viaRecovery.json()).toMatchObject({ method: 'recovery_code', recoveryCodesLeft: 9 });
    expect((await me(second.headers)).statusCode).toBe(200);

    const third = await signInAs(app, email);
    const reused = await post(third.headers, '/api/v1/auth/second-factor', {
      code: recoveryCodes[0],
    });
    expect(reused.statusCode).toBe(401);
  });

  it('refuses the second factor without the CSRF token', async () => {
    const session = await signInAs(app, email);
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: { cookie: session.headers.cookie! },
      payload: { code: '123456' },
    });
    expect(res.statusCode).toBe(403);
  });
});
