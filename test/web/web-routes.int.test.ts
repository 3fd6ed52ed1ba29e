// src/http/web.ts without a browser: which file each path serves, cache headers, gzip, the
// not-built page, and that every route it adds declares public access.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINICIAN_PATHS, webRoutes } from '../../src/http/web.js';
import { removeDir } from './browser.js';

const SCRIPT = 'console.log("onset");'.repeat(40);

/** A dist folder as vite writes it: two pages, a hashed script with its .gz, the favicon. */
function aBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onset-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'p'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>clinician app</title>');
  writeFileSync(join(dir, 'p', 'index.html'), '<!doctype html><title>patient page</title>');
  writeFileSync(join(dir, 'assets', 'app-Ab12.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-Ab12.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

async function serve(distDir: string): Promise<{ app: FastifyInstance; access: Map<string, unknown> }> {
  const app = Fastify();
  const access = new Map<string, unknown>();
  app.addHook('onRoute', (route) => {
    access.set(`${String(route.method)} ${route.url}`, (route.config as { access?: unknown } | undefined)?.access);
  });
  await app.register(webRoutes, { distDir });
  await app.ready();
  return { app, access };
}

describe('web routes', () => {
  let dist: string;
  let app: FastifyInstance;
  let access: Map<string, unknown>;
  beforeAll(async () => {
    dist = aBuild();
    ({ app, access } = await serve(dist));
  });
  afterAll(async () => {
    await app.close();
    removeDir(dist);
  });

  it('serves the clinician app at / and at each of its own paths, revalidated on every visit', async () => {
    for (const url of [
      '/',
      '/sign-in',
      '/cohort',
      '/report',
      '/evidence',
      '/settings',
      '/patients/2917f672-27aa-4cc7-ae51-3298587f2cb3',
      '/patients/2917f672-27aa-4cc7-ae51-3298587f2cb3/summary',
      '/rems',
      '/rems/doses/2917f672-27aa-4cc7-ae51-3298587f2cb3',
      '/report/payer',
      '/admin',
      '/admin/clinic',
      '/admin/users',
      '/admin/api-tokens',
      '/admin/links',
      '/admin/schedules',
      '/admin/mail',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('clinician app');
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves the patient page at /p/ and /p', async () => {
    for (const url of ['/p/', '/p']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('patient page');
    }
  });

  it('serves hashed assets for a year, gzipped to browsers that accept it', async () => {
    const plain = await app.inject({ url: '/assets/app-Ab12.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const zipped = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBe(gzipSync(SCRIPT).length);
  });

  it('serves nothing outside the build', async () => {
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/assets/..%2Findex.html' })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await app.inject({ url: '/patients/not-a-patient/anything' })).statusCode).toBe(404);
  });

  it('declares public access on every route it adds (the app refuses routes without a policy)', () => {
    const gets = [...access].filter(([key]) => key.startsWith('GET ') || key.startsWith('GET,'));
    expect(gets.length).toBe(CLINICIAN_PATHS.length + 4); // + /p, /p/, /favicon.svg, /assets/:file
    for (const [route, policy] of access) expect(policy, route).toBe('public');
  });
});

describe('web routes before the front end is built', () => {
  it('answers the pages with a short page saying to run npm run build', async () => {
    const { app } = await serve(join(tmpdir(), 'onset-no-such-build'));
    for (const url of ['/', '/p/']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
    }
    await app.close();
  });
});
