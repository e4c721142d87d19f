// Serves the reviewer web app (web/dist, built by `npm run build:web`) at /: hashed assets cached
// for a year, index.html never cached, every other non-API GET answered with index.html so the
// app's own routes survive a reload, and a strict Content-Security-Policy (same origin only) on
// everything the app serves. Without a build, / explains how to make one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemOf } from './problem.ts';

/** web/dist beside src/ (and beside dist/ in a compiled build). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The policy: the app loads scripts, styles, images and API calls from its own origin only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NO_BUILD_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Beacon: web app not built</title></head>
<body><main><h1>The web app has not been built</h1>
<p>Run <code>npm run build:web</code>, then restart Beacon. The API is running:
see <a href="/api/docs">/api/docs</a>.</p></main></body></html>
`;

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function secure(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
}

/** Registers the web app's routes on `app` (call after the API routes). */
export async function registerWebApp(app: FastifyInstance, dir: string = WEB_DIST): Promise<void> {
  const built = existsSync(`${dir}index.html`);
  if (!built) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => {
      secure(reply);
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NO_BUILD_PAGE);
    });
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // One route per built file (hashed names); everything else falls to the app shell below.
    wildcard: false,
    index: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders(reply, path) {
      secure(reply);
      reply.header(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const shell = async (req: { url: string }, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    // API paths and missing built files are real 404s, not the app shell.
    if (isApi(req.url) || path.startsWith('/assets/')) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send(problemOf('NOT_FOUND', 404, `no route GET ${path}`));
    }
    secure(reply);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', dir);
  };
  app.get('/', { schema: { hide: true } }, shell);
  app.get('/*', { schema: { hide: true } }, shell);
}
