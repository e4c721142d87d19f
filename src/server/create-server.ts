// Builds the HTTP server: validation and OpenAPI from the routes' zod schemas, the interactive
// reference at /api/docs, authentication (session cookie or API key), CSRF checks for cookie
// sessions, permission checks, and problem+json errors.
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { can } from '../core/auth/permissions.ts';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import { authenticate, SESSION_COOKIE } from './authenticate.ts';
import { problemOf, STATUS_BY_CODE } from './problem.ts';
import type { RouteContext, RouteDef } from './route.ts';
import { ROUTES } from './routes/index.ts';
import { registerWebApp } from './static.ts';

export interface ServerOptions {
  readonly routeContext: RouteContext;
  readonly logger?: Logger | false;
  /** Extra routes (the web app's static files come this way). */
  readonly extend?: (app: FastifyInstance) => Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The Fastify app with every API route registered (not yet listening). */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const { routeContext } = options;
  const { config } = routeContext;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: config.maxBodyBytes,
    // Fastify's own request logs would carry URLs with their queries: ours (below) do not.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);

  // JSON Lines bodies arrive as an array of decoded lines; a line that is not JSON stays a string,
  // so the service reports it as invalid instead of the whole batch failing.
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/jsonl', 'application/jsonlines'],
    { parseAs: 'string' },
    (_req, body, done) => {
      const lines = String(body)
        .split('\n')
        .filter((l) => l.trim() !== '');
      done(
        null,
        lines.map((line) => {
          try {
            return JSON.parse(line) as unknown;
          } catch {
            return line;
          }
        }),
      );
    },
  );

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `too many requests; try again in ${ctx.after}`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Beacon API',
        version: '1.0.0',
        description:
          'Screening, linkage and review of adult-services adverts for signs of exploitation. ' +
          'Sites authenticate with an API key (`Authorization: Bearer bk_…`); people with a ' +
          'session cookie and the `x-csrf-token` header on unsafe requests. Errors are RFC 9457 ' +
          'problem documents with a stable `code`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A site API key' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      problemOf('NOT_FOUND', 404, `no route ${req.method} ${req.url.split('?')[0]}`),
    ),
  );

  // One line per request: method, route pattern, status and time; never bodies, queries, headers.
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));

  for (const route of ROUTES) registerRoute(app, route as RouteDef, routeContext);
  await registerWebApp(app);
  if (options.extend) await options.extend(app);
  return app;
}

function registerRoute(app: FastifyInstance, route: RouteDef, rc: RouteContext): void {
  const { schema } = route;
  app.route({
    method: route.method,
    url: route.url,
    schema: {
      summary: route.summary,
      tags: [...route.tags],
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(route.consumes ? { consumes: ['application/json', ...route.consumes] } : {}),
      ...(schema.params ? { params: schema.params } : {}),
      ...(schema.querystring ? { querystring: schema.querystring } : {}),
      ...(schema.body ? { body: schema.body } : {}),
      ...(schema.response ? { response: schema.response } : {}),
    },
    ...(route.perMinute !== undefined
      ? { config: { rateLimit: { max: route.perMinute, timeWindow: 60_000 } } }
      : {}),
    // Authentication and permission come before body validation: a caller who may not use a
    // route learns nothing about what it accepts.
    onRequest: async (req) => {
      if (route.access === 'public') return;
      const auth = await authenticate(req, rc.ctx);
      if (auth === null) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key');
      if (auth.via === 'session' && UNSAFE.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || sent !== auth.csrfToken) {
          throw new AppError('FORBIDDEN', 'missing or wrong x-csrf-token header');
        }
      }
      if (route.access === 'pending-session') {
        req.actor = auth.actor;
        return;
      }
      if (!auth.complete) {
        throw new AppError(
          'UNAUTHENTICATED',
          auth.enrolmentRequired
            ? 'set up two-factor sign-in first (POST /api/v1/auth/totp/begin)'
            : 'give your second factor first (POST /api/v1/auth/second-factor)',
        );
      }
      if (route.access !== 'signed-in' && !can(auth.actor, route.access)) {
        throw new AppError('FORBIDDEN', `this needs the ${route.access} permission`);
      }
      req.actor = auth.actor;
    },
    handler: async (req, reply) => {
      const result = await route.handler(
        {
          params: req.params as never,
          query: req.query as never,
          body: req.body as never,
          actor: req.actor ?? { kind: 'system' },
          raw: req,
        },
        rc,
        reply,
      );
      if (reply.sent) return reply;
      reply.code(route.status ?? 200);
      return result;
    },
  });
}

function sendProblem(reply: FastifyReply, problem: ReturnType<typeof problemOf>): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) {
    return sendProblem(
      reply,
      problemOf(err.code, STATUS_BY_CODE[err.code], err.message, err.details),
    );
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return `${err.validationContext ?? 'input'}${path ? `.${path}` : ''}: ${v.message ?? 'invalid'}`;
    });
    return sendProblem(reply, problemOf('INVALID_INPUT', 400, 'the request is invalid', errors));
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(
      reply,
      problemOf(
        'PAYLOAD_TOO_LARGE',
        413,
        `the body is over the limit (${err.message}); send smaller batches`,
      ),
    );
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(
      reply,
      problemOf(
        'INVALID_INPUT',
        415,
        'send application/json, or application/x-ndjson for JSON Lines',
      ),
    );
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, problemOf('INVALID_INPUT', err.statusCode, err.message));
  }
  req.log.error(
    { err: { message: err.message, code: err.code, stack: err.stack } },
    'unhandled error',
  );
  return sendProblem(reply, problemOf('INTERNAL', 500, 'something went wrong on our side'));
}
