// How Beacon serves the web app: the built files with a strict Content-Security-Policy, hashed
// assets cached for a year and the shell never, the shell for the app's own routes (so a reload
// works), real 404s for API paths and missing assets, and a clear page when there is no build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, registerWebApp } from '../../src/server/static.ts';

let dirs: string[] = [];
let apps: FastifyInstance[] = [];

afterEach(async () => {
  for (const app of apps) await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  apps = [];
  dirs = [];
});

/** A server with the web app from a fake build (or none) and one API route. */
async function serve(build: boolean): Promise<FastifyInstance> {
  const dir = `${mkdtempSync(join(tmpdir(), 'beacon-web-'))}/`;
  dirs.push(dir);
  if (build) {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  }
  const app = Fastify();
  apps.push(app);
  app.get('/api/health', async () => ({ ok: true }));
  await registerWebApp(app, dir);
  return app;
}

describe('serving the web app', () => {
  it('serves the shell with a strict same-origin policy and no caching', async () => {
    const app = await serve(true);
    for (const url of ['/', '/queue', '/review/3f1c', '/catalogue?x=1']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>shell</title>');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('caches hashed assets for a year', async () => {
    const app = await serve(true);
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body).toBe('console.log(1)');
  });

  it('answers 404 problems for unknown API paths and missing assets, not the shell', async () => {
    const app = await serve(true);
    for (const url of ['/api/v1/nothing', '/api/nothing?x=1', '/assets/gone-123.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
  });

  it('explains how to build the app when there is no build', async () => {
    const app = await serve(false);
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
  });
});
