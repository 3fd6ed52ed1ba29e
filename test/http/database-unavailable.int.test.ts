import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/tokens.js';
import { openPostgres } from '../../src/db/database.js';
import { ConnectBackoff, resilientPool } from '../../src/db/postgres-pool.js';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import { isOnsetError } from '../../src/shared/errors.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { closedPort } from '../support/ports.js';

describeEachEngine('/healthz with a reachable database', (engine) => {
  let test: TestDatabase;
  let app: OnsetApp;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    app = await buildApp({ database: test.handle, logLevel: 'silent' });
  });
  afterAll(async () => {
    await app.close();
    await test.drop();
  });

  it('answers 200 with the database ok and the engine', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect({ status: response.statusCode, body: response.json<unknown>() }).toEqual({
      status: 200,
      body: { status: 'ok', database: 'ok', engine },
    });
  });
});

// No PostgreSQL server is needed: the database is a loopback port nothing listens on.
describe('PostgreSQL that refuses connections', () => {
  let app: OnsetApp;
  beforeAll(async () => {
    app = await buildApp({
      database: openPostgres(`postgres://onset@127.0.0.1:${await closedPort()}/onset`),
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await app.close();
    await app.database.close();
  });

  it('/healthz answers 503 with the database unavailable', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect({ status: response.statusCode, body: response.json<unknown>() }).toEqual({
      status: 503,
      body: { status: 'unavailable', database: 'unavailable', engine: 'postgres' },
    });
  });

  it('a request that needs the database is answered 503 DATABASE_UNAVAILABLE, with no internals', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'dr@example.org', password: 'a long enough password' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toEqual({
      type: 'https://onset.health/problems/database-unavailable',
      title: 'DATABASE_UNAVAILABLE',
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      detail: 'the database is not available right now; please try again shortly',
    });
  });

  it('the FHIR facade answers the same 503 as a transient OperationOutcome', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient',
      headers: { authorization: `Bearer ${issueToken('api', randomUUID()).token}` },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
  });
});

describe('new connections back off while PostgreSQL refuses them', () => {
  // A server that accepts each connection and drops it at once, counting the attempts.
  let refuser: Server;
  let attempts = 0;
  let port = 0;
  beforeAll(async () => {
    refuser = createServer((socket: Socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => refuser.listen(0, '127.0.0.1', resolve));
    const address = refuser.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => refuser.close(resolve));
  });

  it('after a refusal, connections fail at once with DATABASE_UNAVAILABLE and without another attempt until the wait is over', async () => {
    const pool = resilientPool(`postgres://onset@127.0.0.1:${port}/onset`, {
      backoff: new ConnectBackoff(60_000, 60_000),
    });
    try {
      const first = await pool.connect().catch((error: unknown) => error);
      expect(isOnsetError(first) && first.code).toBe('DATABASE_UNAVAILABLE');
      expect(attempts).toBe(1);
      for (let i = 0; i < 5; i++) {
        const next = await pool.connect().catch((error: unknown) => error);
        expect(isOnsetError(next) && next.code).toBe('DATABASE_UNAVAILABLE');
      }
      // Each refused connect above returned before any socket was opened: a real attempt would only
      // have failed after this server had counted it.
      expect(attempts).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
