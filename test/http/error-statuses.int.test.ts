// Refusals raised by the HTTP libraries (the rate limiter, the static file server, the body parser)
// keep their status on the real app: 429 and 403, never 500, and none of them is logged as a failure.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('library refusals keep their status', (engine) => {
  let test: TestDatabase;
  let app: OnsetApp;
  const logged: { level: number; msg?: string; err?: { stack?: string } }[] = [];
  beforeAll(async () => {
    test = await freshDatabase(engine);
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done): void {
        logged.push(JSON.parse(chunk.toString()) as (typeof logged)[number]);
        done();
      },
    });
    app = await buildApp({ database: test.handle, logLevel: 'info', logStream });
  });
  afterAll(async () => {
    await app.close();
    await test.drop();
  });

  /** No line at error level (50) or above, and no stack, was logged for these anonymous refusals. */
  function expectNothingLoggedAsFailure(): void {
    expect(logged.filter((line) => line.level >= 50 || line.err?.stack !== undefined)).toEqual([]);
  }

  it('the 21st sign-in in a minute is answered 429 with Retry-After', async () => {
    const signIn = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '203.0.113.21',
        payload: { email: 'nobody@example.org', password: 'not the password' },
      });
    for (let i = 1; i <= 20; i += 1) expect((await signIn()).statusCode, `attempt ${i}`).toBe(401);
    const limited = await signIn();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json()).toEqual({
      type: 'https://onset.health/problems/rate-limited',
      title: 'RATE_LIMITED',
      status: 429,
      code: 'RATE_LIMITED',
      detail: 'Too many requests: wait for the time given in Retry-After, then try again.',
    });
    expectNothingLoggedAsFailure();
  });

  it('the 61st link status check in a minute is answered 429 with Retry-After', async () => {
    const status = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/link/status',
        remoteAddress: '203.0.113.61',
        payload: { token: 'no-such-token' },
      });
    for (let i = 1; i <= 60; i += 1) expect((await status()).statusCode, `check ${i}`).toBe(200);
    const limited = await status();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expectNothingLoggedAsFailure();
  });

  it('a path that climbs out of /assets/ is refused 403, not 500', async () => {
    for (const url of [
      '/assets/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e%2fpackage.json',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.json(), url).toMatchObject({ code: response.statusCode === 403 ? 'FORBIDDEN' : 'NOT_FOUND' });
      expect(response.body, url).not.toContain('"name"');
    }
    expectNothingLoggedAsFailure();
  });
});
