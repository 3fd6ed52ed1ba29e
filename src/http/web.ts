import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { frameAncestorsDirectiveOf } from '../clinics/frame-ancestors.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { contentSecurityPolicy, NOT_FRAMED } from './security-headers.js';

export interface WebOptions {
  /** The built front end (vite's outDir); default $ONSET_WEB_DIST, else web/dist at the repository root. */
  distDir?: string;
}

/** From src/http/ (tsx) and from dist/http/ (compiled) alike, the repository root is two folders up. */
const DEFAULT_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist');

/**
 * The clinician app's own paths (history routing): each serves index.html and the app draws the page.
 * Keep in step with web/src/app/routes.ts.
 */
export const CLINICIAN_PATHS = [
  '/',
  '/sign-in',
  '/cohort',
  '/report',
  '/report/payer',
  '/evidence',
  '/settings',
  '/patients/:id',
  '/patients/:id/summary',
  '/rems',
  '/rems/doses/:doseId',
  '/admin',
  '/admin/clinic',
  '/admin/users',
  '/admin/api-tokens',
  '/admin/links',
  '/admin/schedules',
  '/admin/mail',
] as const;

/** The folder of the built front end, unless the plugin is given one. */
function defaultDist(): string {
  return process.env.ONSET_WEB_DIST ?? DEFAULT_DIST;
}

/**
 * The framing rule of a clinician page: `frame-ancestors 'none'` (and X-Frame-Options: DENY, set for every
 * response by security-headers.ts), except for a page asked for with the session cookie of a clinic that names
 * the EHR origins that may embed Onset: then those origins, and no X-Frame-Options (which cannot name them).
 */
async function frameClinicianPage(
  request: FastifyRequest,
  reply: FastifyReply,
  database: DatabaseHandle | undefined,
): Promise<void> {
  const identity = request.identity as FastifyRequest['identity'] | undefined;
  if (database === undefined || identity?.kind !== 'user' || identity.via !== 'session') return;
  const directive = await frameAncestorsDirectiveOf(database.reader, identity.clinicId);
  if (directive === NOT_FRAMED) return;
  reply.header('content-security-policy', contentSecurityPolicy(directive));
  reply.removeHeader('x-frame-options');
}

// Paths that are never a page of the clinician app: an unknown one there answers problem+json.
const NOT_APP = /^\/(api|fhir|assets|p)(\/|$)|^\/(metrics|healthz|favicon\.svg)$/;

/**
 * True when an unknown path should answer with the clinician app's own not-found page: a browser (Accept:
 * text/html) asking with GET or HEAD for a path outside the API, FHIR, the assets and the patient page.
 */
export function wantsAppNotFound(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!(request.headers.accept ?? '').includes('text/html')) return false;
  return !NOT_APP.test(request.url.split('?')[0] ?? '');
}

/**
 * The clinician app with status 404, for an unknown path a browser asked for: the app reads the path and draws
 * its not-found page. False, with nothing sent, when the app is not built (the caller answers problem+json).
 */
export async function sendAppNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
  database: DatabaseHandle,
): Promise<boolean> {
  const html = await readFile(join(defaultDist(), 'index.html')).catch(() => null);
  if (html === null) return false;
  await frameClinicianPage(request, reply, database);
  await reply.status(404).type('text/html; charset=utf-8').header('cache-control', PAGE_CACHE).send(html);
  return true;
}

/** Hashed file names never change content, so browsers may keep them for a year. */
const ASSET_CACHE = { maxAge: 365 * 24 * 3600 * 1000, immutable: true };
// The pages themselves are revalidated on every visit so a new build is picked up at once.
const PAGE_CACHE = 'no-cache';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onset: web app not built</title></head>
<body><main><h1>The web app has not been built</h1>
<p>The server is running, but the web pages are missing. Run <code>npm run build</code> in the Onset folder, then reload this page.</p>
<p>Health check: <a href="/healthz">/healthz</a>. API description: <a href="/api/docs">/api/docs</a>.</p>
</main></body></html>`;

/**
 * Serves the built front end: the clinician app at `/` (and its history-routed paths), the patient page
 * at `/p/`, and the hashed assets under `/assets/` with a long cache. Every route is public: the pages
 * hold no data; the API they call checks who is asking.
 */
export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const dist = options.distDir ?? defaultDist();
  // The app's database (src/http/app.ts); absent when the plugin is served alone.
  const database = app.hasDecorator('database') ? app.database : undefined;
  const config = { access: 'public' as const };
  // serve: false — only the routes below exist, each with its declared access; .gz siblings are sent to
  // browsers that accept gzip (the build writes them).
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });

  const page =
    (file: string, clinician = false) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      if (!existsSync(join(dist, file)))
        return reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      if (clinician) await frameClinicianPage(request, reply, database);
      return reply.header('cache-control', PAGE_CACHE).sendFile(file, { cacheControl: false });
    };

  for (const path of CLINICIAN_PATHS) app.get(path, { config, schema: { hide: true } }, page('index.html', true));
  app.get('/p', { config, schema: { hide: true } }, page('p/index.html'));
  app.get('/p/', { config, schema: { hide: true } }, page('p/index.html'));
  app.get('/favicon.svg', { config, schema: { hide: true } }, async (_request, reply) =>
    reply.sendFile('favicon.svg', { maxAge: 24 * 3600 * 1000 }),
  );
  app.get<{ Params: { file: string } }>('/assets/:file', { config, schema: { hide: true } }, async (request, reply) =>
    reply.sendFile(request.params.file, join(dist, 'assets'), ASSET_CACHE),
  );
};
