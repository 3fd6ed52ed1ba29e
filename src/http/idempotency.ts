import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { IdempotencyKeysTable } from '../db/schema.js';
import { idempotencyRepository, withIdempotency } from '../db/idempotency.js';
import { OnsetError, invalid } from '../shared/errors.js';
import type { Access } from './access-levels.js';

type StoredKey = Selectable<IdempotencyKeysTable>;

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

function principalOf(request: FastifyRequest): string | null {
  const identity = request.identity;
  if (identity === null) return null;
  return identity.kind === 'user' ? `user:${identity.userId}` : linkPrincipal(identity.linkId);
}

function linkPrincipal(linkId: string): string {
  return `link:${linkId}`;
}

/**
 * Whether an access refusal may wait for the replay lookup: a used link, presenting an Idempotency-Key
 * on a write to a patient-link route, may still be answered with what that key already stored. It is
 * refused exactly as before when the key stored nothing: the used link grants nothing new.
 */
export function holdRefusalForReplay(request: FastifyRequest, access: Access, refusal: OnsetError): boolean {
  const linkRoute = typeof access === 'string' && access.startsWith('link:');
  const keyed = request.headers['idempotency-key'] !== undefined && WRITE.has(request.method);
  if (
    !linkRoute ||
    !keyed ||
    request.linkHolder === null ||
    request.identity !== null ||
    refusal.code !== 'UNAUTHENTICATED'
  )
    return false;
  request.heldRefusal = refusal;
  return true;
}

function requestHashOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * `Idempotency-Key` on writes: a retry with the same key returns the original result and writes nothing
 * new (a phone that lost its connection can resend a questionnaire). The same key with a different
 * request is refused. A used patient link still gets its own stored answer back (with the crisis message
 * a lost response carried), and nothing else. If the original result could not be recorded (the server
 * stopped between the commit and the response), the retry is told the request was already processed —
 * it still writes nothing.
 */
export function registerIdempotency(app: FastifyInstance, database: DatabaseHandle): void {
  app.decorateRequest('idempotency', null);
  app.decorateRequest('linkHolder', null);
  app.decorateRequest('heldRefusal', null);

  // Before body validation, so a held refusal is answered as it would have been, whatever the body.
  app.addHook('preValidation', async (request, reply) => {
    // Routes registered before these decorators (the API docs) have neither field: undefined, not null.
    const refusal = request.heldRefusal as OnsetError | null | undefined;
    if (refusal == null) return;
    const key = request.headers['idempotency-key'];
    const holder = request.linkHolder;
    if (typeof key !== 'string' || !KEY.test(key) || holder === null) throw refusal;
    const existing = await idempotencyRepository.find(
      database.reader,
      holder.clinicId,
      linkPrincipal(holder.linkId),
      key,
    );
    if (existing === undefined) throw refusal;
    return answerFromStore(reply, existing, requestHashOf(request));
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || !WRITE.has(request.method)) return;
    const principal = principalOf(request);
    if (typeof key !== 'string' || !KEY.test(key))
      throw invalid('Idempotency-Key', 'must be 8–128 letters, digits or . _ : -');
    if (principal === null || request.identity === null) return;
    const requestHash = requestHashOf(request);
    const existing = await idempotencyRepository.find(database.reader, request.identity.clinicId, principal, key);
    if (existing !== undefined) return answerFromStore(reply, existing, requestHash);
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
      await idempotencyRepository.complete(
        database.db,
        claim,
        reply.statusCode,
        typeof payload === 'string' ? payload : '',
      );
    }
    return payload;
  });
}

/** A retry: the stored response when it is the same request, a conflict otherwise. */
function answerFromStore(reply: FastifyReply, existing: StoredKey, requestHash: string): FastifyReply {
  if (existing.request_hash !== requestHash)
    throw new OnsetError('CONFLICT', 'this Idempotency-Key was already used for a different request');
  if (existing.status_code === 0)
    throw new OnsetError(
      'CONFLICT',
      'a request with this Idempotency-Key was already processed; its result is not available yet — read the record instead of resending',
    );
  return replay(reply, existing.status_code, existing.response);
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .status(status)
    .header('idempotent-replayed', 'true')
    .type(status >= 400 ? 'application/problem+json' : 'application/json')
    .send(body);
}
