import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

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
  '/evidence',
  '/settings',
  '/patients/:id',
  '/patients/:id/summary',
  '/rems',
  '/rems/doses/:doseId',
] as const;

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
  const dist = options.distDir ?? process.env.ONSET_WEB_DIST ?? DEFAULT_DIST;
  const config = { access: 'public' as const };
  // serve: false — only the routes below exist, each with its declared access; .gz siblings are sent to
  // browsers that accept gzip (the build writes them).
  await app.register(fastifyStatic, { root: dist, serve: false, preCompressed: true });

  const page =
    (file: string) =>
    async (_request: unknown, reply: FastifyReply): Promise<FastifyReply> => {
      if (!existsSync(join(dist, file)))
        return reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      return reply.header('cache-control', PAGE_CACHE).sendFile(file, { cacheControl: false });
    };

  for (const path of CLINICIAN_PATHS) app.get(path, { config, schema: { hide: true } }, page('index.html'));
  app.get('/p', { config, schema: { hide: true } }, page('p/index.html'));
  app.get('/p/', { config, schema: { hide: true } }, page('p/index.html'));
  app.get('/favicon.svg', { config, schema: { hide: true } }, async (_request, reply) =>
    reply.sendFile('favicon.svg', { maxAge: 24 * 3600 * 1000 }),
  );
  app.get<{ Params: { file: string } }>('/assets/:file', { config, schema: { hide: true } }, async (request, reply) =>
    reply.sendFile(request.params.file, join(dist, 'assets'), ASSET_CACHE),
  );
};
