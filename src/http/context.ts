import type { FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import type { ServiceContext } from '../records/context.js';
import { OnsetError } from '../shared/errors.js';

/** The service context of a request: its clinic and actor come from the identity, never from the body. */
export function contextOf(request: FastifyRequest, database: DatabaseHandle): ServiceContext {
  const identity = request.identity;
  if (identity === null) throw new OnsetError('UNAUTHENTICATED', 'sign in first');
  const actor =
    identity.kind === 'user'
      ? { type: 'user' as const, id: identity.userId, ip: request.ip }
      : { type: 'patient-link' as const, id: identity.linkId, ip: request.ip };
  return {
    db: database.db,
    reader: database.reader,
    engine: database.engine,
    clinicId: identity.clinicId,
    actor,
    now: () => new Date(),
  };
}
