// Security headers: a CSP without inline script and never framed, on pages, API answers and errors
// alike; HSTS only for requests that reached Onset over TLS (through a trusted proxy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/compose.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';

let test: TestDatabase;
let app: FastifyInstance;
let proxied: FastifyInstance;
beforeAll(async () => {
  test = await freshSqlite();
  app = await buildApp({ database: test.handle, logLevel: 'silent' });
  proxied = await buildApp({ database: test.handle, logLevel: 'silent', trustProxy: true });
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await test.drop();
});

function directives(csp: string | undefined): Map<string, string> {
  expect(csp).toBeTypeOf('string');
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0] ?? '', d.split(' ').slice(1).join(' ')]),
  );
}

describe.each([
  ['the clinician app', '/'],
  ['the patient page', '/p/'],
  ['an API answer', '/healthz'],
  ['an API refusal', '/api/v1/patients'],
  ['an unknown route', '/no/such/route'],
])('%s', (_name, url) => {
  it('carries the CSP (self only, no inline script, no framing) and the other security headers', async () => {
    const response = await app.inject({ method: 'GET', url });
    const csp = directives(response.headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('script-src-attr')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

it('sends HSTS only when a trusted proxy says the request came over TLS', async () => {
  const overTls = await proxied.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
  expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  const plain = await proxied.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'http' } });
  expect(plain.headers['strict-transport-security']).toBeUndefined();
  // Without a trusted proxy the header is the client's word and is ignored.
  const untrusted = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
  expect(untrusted.headers['strict-transport-security']).toBeUndefined();
});

it('lets the OpenAPI browser set its own CSP, still without inline script', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/docs/' });
  expect(response.statusCode).toBe(200);
  const csp = directives(response.headers['content-security-policy']);
  expect(csp.get('script-src')?.trim()).toBe("'self'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
});
