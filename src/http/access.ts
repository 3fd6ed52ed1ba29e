import type { FastifyReply, FastifyRequest } from 'fastify';
import { NO_WORKING_LINK, type PatientLinkIdentity, type StaffIdentity } from '../auth/identity.js';
import { sameSecret } from '../auth/tokens.js';
import { OnsetError } from '../shared/errors.js';
import { holdRefusalForReplay } from './idempotency.js';
import type { Access } from './access-levels.js';

export { ADMIN, CLINICAL, STAFF, type Access } from './access-levels.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Enforces the route's declared access for the identity already resolved on the request. */
export function enforceAccess(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const access = request.routeOptions.config.access;
  if (request.is404) {
    done();
    return;
  }
  if (access === undefined) {
    done(new OnsetError('FORBIDDEN', 'this route declares no access policy'));
    return;
  }
  try {
    check(access, request);
    done();
  } catch (error) {
    // A used link's retry is answered from its stored response, or refused with this same error.
    if (error instanceof OnsetError && holdRefusalForReplay(request, access, error)) done();
    else done(error as Error);
  }
}

function check(access: Access, request: FastifyRequest): void {
  if (access === 'public') return;
  const identity = request.identity;
  if (typeof access === 'string') {
    const purpose = access.slice('link:'.length);
    if (identity?.kind !== 'patient-link') throw new OnsetError('UNAUTHENTICATED', NO_WORKING_LINK);
    if (purpose !== 'any' && identity.purpose !== purpose)
      throw new OnsetError(
        'FORBIDDEN',
        `this link is for your ${identity.purpose === 'progress' ? 'progress page' : 'questionnaire'} only`,
      );
    return;
  }
  if (identity?.kind !== 'user') throw new OnsetError('UNAUTHENTICATED', 'sign in first');
  if (!access.includes(identity.role))
    throw new OnsetError('FORBIDDEN', `your role (${identity.role}) may not do this`);
  if (identity.via === 'session' && UNSAFE.has(request.method)) {
    const presented = request.headers['x-csrf-token'];
    if (typeof presented !== 'string' || identity.csrfToken === null || !sameSecret(presented, identity.csrfToken)) {
      throw new OnsetError('FORBIDDEN', 'missing or wrong X-CSRF-Token header (reload the page and try again)');
    }
  }
}

export function staffOf(request: FastifyRequest): StaffIdentity {
  const identity = request.identity;
  if (identity?.kind !== 'user') throw new OnsetError('UNAUTHENTICATED', 'sign in first');
  return identity;
}

export function linkOf(request: FastifyRequest): PatientLinkIdentity {
  const identity = request.identity;
  if (identity?.kind !== 'patient-link') throw new OnsetError('UNAUTHENTICATED', NO_WORKING_LINK);
  return identity;
}
