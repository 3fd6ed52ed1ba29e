import type { FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/database.js';
import type {} from '@fastify/cookie';
import type { Identity } from '../auth/identity.js';
import { resolveApiToken } from '../auth/api-token.service.js';
import { resolvePatientLink } from '../auth/patient-link.service.js';
import { resolveSession } from '../auth/session.service.js';

export const SESSION_COOKIE = 'onset_session';
export const LINK_HEADER = 'x-onset-link';

/**
 * Establishes who a request acts as: a bearer token (API token or patient link), the patient-link
 * header, or the session cookie. Anything unrecognised is anonymous, never an error here: the route's
 * access policy decides what anonymous may do.
 */
export async function identify(request: FastifyRequest, database: DatabaseHandle): Promise<Identity | null> {
  const now = new Date();
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length).trim();
    if (token.startsWith('api_')) return resolveApiToken(database, token, now);
    if (token.startsWith('lnk_')) return linkIdentity(request, database, token, now);
    return null;
  }
  const link = request.headers[LINK_HEADER];
  if (typeof link === 'string') return linkIdentity(request, database, link, now);
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie !== undefined) return resolveSession(database, cookie, now);
  return null;
}

/** A working link's identity; a used link identifies nobody, but its holder is kept for replays. */
async function linkIdentity(
  request: FastifyRequest,
  database: DatabaseHandle,
  token: string,
  now: Date,
): Promise<Identity | null> {
  const resolved = await resolvePatientLink(database.reader, token, now);
  request.linkHolder = resolved.holder;
  return resolved.identity;
}
