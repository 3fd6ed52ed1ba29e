import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import { idempotencyRepository, withIdempotency, type IdempotencyClaim } from '../records/idempotency.js';
import { OnsetError, invalid } from '../shared/errors.js';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
}

function principalOf(request: FastifyRequest): string | null {
  const identity = request.identity;
  if (identity === null) return null;
  return identity.kind === 'user' ? `user:${identity.userId}` : `link:${identity.linkId}`;
}

/**
 * `Idempotency-Key` on writes: a retry with the same key returns the original result and writes nothing
 * new (a phone that lost its connection can resend a questionnaire). The same key with a different
 * request is refused. If the original result could not be recorded (the server stopped between the
 * commit and the response), the retry is told the request was already processed — it still writes nothing.
 */
export function registerIdempotency(app: FastifyInstance, database: DatabaseHandle): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || !WRITE.has(request.method)) return;
    const principal = principalOf(request);
    if (typeof key !== 'string' || !KEY.test(key)) throw invalid('Idempotency-Key', 'must be 8–128 letters, digits or . _ : -');
    if (principal === null || request.identity === null) return;
    const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const existing = await idempotencyRepository.find(database.reader, request.identity.clinicId, principal, key);
    if (existing !== undefined) {
      if (existing.request_hash !== requestHash) throw new OnsetError('CONFLICT', 'this Idempotency-Key was already used for a different request');
      if (existing.status_code === 0) throw new OnsetError('CONFLICT', 'a request with this Idempotency-Key was already processed; its result is not available yet — read the record instead of resending');
      return replay(reply, existing.status_code, existing.response);
    }
    request.idempotency = { clinicId: request.identity.clinicId, principal, key, requestHash, stored: false };
  });

  // The handler runs inside the claim's async context, so the service transaction can see it.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.idempotency === null) done();
    else withIdempotency(request.idempotency, () => done());
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (claim?.stored === true && reply.statusCode < 500) {
      await idempotencyRepository.complete(database.db, claim, reply.statusCode, typeof payload === 'string' ? payload : '');
    }
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).header('idempotent-replayed', 'true').type(status >= 400 ? 'application/problem+json' : 'application/json').send(body);
}

