import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import { enforceAccess } from './access.js';
import { sendProblem } from './errors.js';
import { identify } from './identify.js';
import { registerIdempotency } from './idempotency.js';
import { registerJsonBodies } from './json-body.js';
import { checkedPublicUrl, listenUrl } from './public-url.js';
import { Metrics, registerMetrics } from './metrics.js';
import { RouteTable } from './route-table.js';
import { registerRoutes } from './routes/index.js';
import { registerSecurityHeaders } from './security-headers.js';
import { requestValidatorCompiler } from './validators.js';
import { ProblemSchema } from './schemas.js';
import { sendAppNotFound, wantsAppNotFound } from './web.js';
import './decorations.js';

export interface AppOptions {
  database: DatabaseHandle;
  /** Pino log level; 'silent' in tests. */
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them to prove no patient data is logged. */
  logStream?: NodeJS.WritableStream;
  /** Trust X-Forwarded-* from a reverse proxy (TLS termination); enables Secure cookies and HSTS there. */
  trustProxy?: boolean;
  /**
   * The address clients reach Onset at (ONSET_PUBLIC_URL), for absolute links such as FHIR fullUrl and
   * Location; default http://localhost:PORT of the listener. Never taken from the request's Host.
   */
  publicUrl?: string;
  /** Whether e-mail is sent (the server runs the mail worker, ONSET_SMTP_URL); default false. */
  mailDelivery?: boolean;
}

/** The built app: a Fastify instance with Onset's decorations (http/decorations.ts). */
export type OnsetApp = FastifyInstance;

/**
 * The Onset HTTP application, built apart from the listener so tests call it with `inject`.
 * Logs carry request ids, methods and routes, never bodies or tokens (patient data stays out of logs).
 */
export async function buildApp(options: AppOptions): Promise<OnsetApp> {
  const publicUrl = options.publicUrl === undefined ? undefined : checkedPublicUrl(options.publicUrl);
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-onset-link"]',
          'req.headers["x-csrf-token"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
          method: req.method,
          route: req.routeOptions?.url,
          id: req.id,
        }),
      },
    },
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(requestValidatorCompiler());
  registerJsonBodies(app);

  const routeTable = new RouteTable();
  app.decorate('routeTable', routeTable);
  app.decorate('database', options.database);
  app.decorate('publicUrl', () => publicUrl ?? listenUrl(app));
  app.decorateRequest('identity', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    routeTable.record(route);
  });

  await app.register(cookie);
  registerSecurityHeaders(app);
  await app.register(rateLimit, { global: false });
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Onset API',
        version: '1',
        description: 'Outcome tracking for ketamine treatment of anxiety. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'onset_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler(async (request, reply) => {
    // A browser asking for an unknown page of the app gets the app, which draws its own not-found page.
    if (wantsAppNotFound(request) && (await sendAppNotFound(request, reply, options.database))) return reply;
    return reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: 'https://onset.health/problems/not-found',
        title: 'NOT_FOUND',
        status: 404,
        code: 'NOT_FOUND',
        detail: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      });
  });
  app.addHook('onRequest', async (request) => {
    request.identity = await identify(request, options.database);
  });
  app.addHook('onRequest', enforceAccess);
  registerIdempotency(app, options.database);
  const metrics = new Metrics();
  registerMetrics(app, metrics);
  app.decorate('metrics', metrics);

  await app.register(registerRoutes, { mailDelivery: options.mailDelivery ?? false });
  await app.ready();
  return app;
}
