import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.js';
import type { DatabaseHandle } from '../db/database.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { OnsetError, invalid, notFound } from '../shared/errors.js';
import type { Role } from '../shared/vocabulary.js';
import { userRepository } from '../users/user.repository.js';
import { authRepository } from './auth.repository.js';
import type { StaffIdentity } from './identity.js';
import { issueToken, readToken } from './tokens.js';
import { touchCredential } from './touch.js';

export interface ApiTokenInfo {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * Creates an API token for the signed-in user who asks: a token always acts as the user who created
 * it, so no one can mint a token that writes in another user's name.
 */
export async function createOwnApiToken(
  ctx: ServiceContext,
  name: string,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (ctx.actor.type !== 'user' || ctx.actor.id === null) throw new OnsetError('UNAUTHENTICATED', 'sign in first');
  return createApiToken(ctx, ctx.actor.id, name);
}

/**
 * Creates an API token acting as `userId`; the token is returned once and stored only as a hash. Only
 * an operator with database access (`onset token create`) or Onset itself names another user: the
 * audit entry records that actor and the user the token is for.
 */
export async function createApiToken(
  ctx: ServiceContext,
  userId: string,
  name: string,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (name.trim() === '' || name.length > 100) throw invalid('name', 'must be 1–100 characters');
  return inTransaction(ctx, async (tx) => {
    const user = await userRepository.findById(tx.db, tx.clinicId, userId);
    if (user === undefined) throw notFound('user', userId);
    const { token, hash } = issueToken('api', tx.clinicId);
    const id = randomUUID();
    const now = tx.now().toISOString();
    await authRepository.insertApiToken(tx.db, {
      clinic_id: tx.clinicId,
      id,
      user_id: userId,
      name,
      token_hash: hash,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    });
    await appendAudit(tx, { action: 'create', entity: 'api-token', entityId: id, patientId: null, detail: { userId } });
    return { token, info: { id, userId, name, createdAt: now, lastUsedAt: null, revokedAt: null } };
  });
}

export async function listApiTokens(ctx: ServiceContext): Promise<ApiTokenInfo[]> {
  const rows = await authRepository.listApiTokens(ctx.db, ctx.clinicId);
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    if (!(await authRepository.updateApiToken(tx.db, tx.clinicId, id, { revoked_at: tx.now().toISOString() })))
      throw notFound('API token', id);
    await appendAudit(tx, {
      action: 'update',
      entity: 'api-token',
      entityId: id,
      patientId: null,
      detail: { revoked: true },
    });
  });
}

/** The identity a bearer API token stands for, or null when unknown or revoked. */
export async function resolveApiToken(
  database: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  token: string,
  now = new Date(),
): Promise<StaffIdentity | null> {
  const parsed = readToken('api', token);
  if (parsed === null) return null;
  const row = await authRepository.findApiToken(database.reader, parsed.clinicId, parsed.hash);
  if (row === undefined || row.revoked_at !== null || row.user_disabled_at !== null) return null;
  await touchCredential(
    database,
    { clinicId: row.clinic_id, userId: row.user_id, lastUsedAt: row.last_used_at },
    now,
    (db, at) => authRepository.updateApiToken(db, row.clinic_id, row.id, { last_used_at: at }),
  );
  return {
    kind: 'user',
    clinicId: row.clinic_id,
    userId: row.user_id,
    role: row.user_role as Role,
    via: 'api-token',
    csrfToken: null,
    sessionId: null,
  };
}
