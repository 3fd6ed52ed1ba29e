import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { DatabaseHandle, Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../records/record-service.js';
import type { ServiceContext } from '../records/context.js';
import { OnsetError, invalid } from '../shared/errors.js';
import type { Role } from '../shared/vocabulary.js';
import { userRepository } from '../users/user.repository.js';
import { hashPassword, verifyPassword } from '../users/user.service.js';
import { PASSWORD_MIN_LENGTH } from '../users/user.schema.js';
import { authRepository } from './auth.repository.js';
import type { StaffIdentity } from './identity.js';
import { issueToken, readToken } from './tokens.js';
import { verifyTotp } from './totp.js';

/** Session lifetime: 30 minutes idle, 12 hours at most (a clinic shift). */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Five wrong passwords lock the account for 15 minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

const WRONG = 'the e-mail address or password is wrong';
// Verifying against a real hash when the user does not exist keeps the timing the same.
const DUMMY_HASH = hashPassword('onset-timing-equaliser');

export interface SignInRequest {
  email: string;
  password: string;
  totp?: string | undefined;
  ip: string | null;
  engine: Engine;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: string; clinicId: string; email: string; displayName: string; role: Role };
}

/** Checks the password (and the second factor when set), applies lockout, and opens a session. */
export async function signIn(db: Kysely<Database>, request: SignInRequest, now = new Date()): Promise<SignedIn> {
  const user = await userRepository.findByEmailForSignIn(db, request.email.trim());
  if (user === undefined || user.disabled_at !== null) {
    await verifyPassword(await DUMMY_HASH, request.password);
    throw new OnsetError('UNAUTHENTICATED', WRONG);
  }
  if (user.locked_until !== null && Date.parse(user.locked_until) > now.getTime()) {
    throw new OnsetError('RATE_LIMITED', `too many wrong passwords: this account is locked until ${user.locked_until}`);
  }
  const passwordOk = await verifyPassword(user.password_hash, request.password);
  const secondFactorOk = user.totp_secret === null || (request.totp !== undefined && verifyTotp(user.totp_secret, request.totp, now));
  if (!passwordOk || !secondFactorOk) {
    const failures = user.failed_sign_ins + 1;
    const locked = failures >= LOCKOUT_THRESHOLD;
    await userRepository.update(db, user.clinic_id, user.id, {
      failed_sign_ins: locked ? 0 : failures,
      locked_until: locked ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : user.locked_until,
    });
    if (passwordOk && user.totp_secret !== null && request.totp === undefined) {
      throw new OnsetError('UNAUTHENTICATED', 'this account needs the 6-digit code from its authenticator app', [{ field: 'totp', reason: 'is required' }]);
    }
    throw new OnsetError('UNAUTHENTICATED', WRONG);
  }
  const { token, hash } = issueToken('ses', user.clinic_id);
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  const ctx: ServiceContext = { db, engine: request.engine, clinicId: user.clinic_id, actor: { type: 'user', id: user.id, ip: request.ip }, now: () => now };
  await inTransaction(ctx, async (tx) => {
    await userRepository.update(tx.db, user.clinic_id, user.id, { failed_sign_ins: 0, locked_until: null });
    await authRepository.insertSession(tx.db, {
      clinic_id: user.clinic_id,
      id: randomUUID(),
      user_id: user.id,
      token_hash: hash,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    });
    await appendAudit(tx, { action: 'sign-in', entity: 'session', entityId: null, patientId: null });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: user.id, clinicId: user.clinic_id, email: user.email, displayName: user.display_name, role: user.role as Role },
  };
}

/** The identity a session cookie stands for, or null when it is unknown, revoked, idle too long or expired. */
export async function resolveSession(database: Pick<DatabaseHandle, 'db' | 'reader'>, token: string, now = new Date()): Promise<StaffIdentity | null> {
  const parsed = readToken('ses', token);
  if (parsed === null) return null;
  const session = await authRepository.findSession(database.reader, parsed.clinicId, parsed.hash);
  if (session === undefined || session.revoked_at !== null) return null;
  const t = now.getTime();
  if (Date.parse(session.expires_at) <= t || Date.parse(session.last_seen_at) + SESSION_IDLE_MS <= t) return null;
  if (session.user_disabled_at !== null) return null;
  // Touch at most once a minute: sliding idle expiry without a write on every request.
  if (t - Date.parse(session.last_seen_at) > 60_000) {
    await authRepository.updateSession(database.db, session.clinic_id, session.id, { last_seen_at: now.toISOString() });
  }
  return { kind: 'user', clinicId: session.clinic_id, userId: session.user_id, role: session.user_role as Role, via: 'session', csrfToken: session.csrf_token, sessionId: session.id };
}

export async function signOut(db: Kysely<Database>, identity: StaffIdentity, now = new Date()): Promise<void> {
  if (identity.sessionId !== null) await authRepository.updateSession(db, identity.clinicId, identity.sessionId, { revoked_at: now.toISOString() });
}

/** Changes the signed-in user's password; every other session of theirs is signed out. */
export async function changePassword(ctx: ServiceContext, identity: StaffIdentity, current: string, next: string): Promise<void> {
  if (next.length < PASSWORD_MIN_LENGTH) throw invalid('newPassword', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const user = await userRepository.findById(ctx.db, identity.clinicId, identity.userId);
  if (user === undefined || !(await verifyPassword(user.password_hash, current))) throw invalid('currentPassword', 'is not your current password');
  const hashed = await hashPassword(next);
  await inTransaction(ctx, async (tx) => {
    const now = tx.now().toISOString();
    await userRepository.update(tx.db, identity.clinicId, identity.userId, { password_hash: hashed, updated_at: now });
    await authRepository.revokeUserSessions(tx.db, identity.clinicId, identity.userId, identity.sessionId, now);
    await appendAudit(tx, { action: 'update', entity: 'user', entityId: identity.userId, patientId: null, detail: { fields: ['password'] } });
  });
}

/**
 * Turns on two-step sign-in for the signed-in user: the authenticator app must show a valid code for the
 * secret first, so a mistyped secret cannot lock anyone out.
 */
export async function enableTotp(ctx: ServiceContext, identity: StaffIdentity, secret: string, code: string): Promise<void> {
  if (!/^[A-Z2-7]{32}$/.test(secret)) throw invalid('secret', 'must be the 32-character secret given by the set-up step');
  if (!verifyTotp(secret, code, ctx.now())) throw invalid('code', 'is not the current code for this secret (check the phone’s clock)');
  await inTransaction(ctx, async (tx) => {
    await userRepository.update(tx.db, identity.clinicId, identity.userId, { totp_secret: secret, updated_at: tx.now().toISOString() });
    await appendAudit(tx, { action: 'update', entity: 'user', entityId: identity.userId, patientId: null, detail: { fields: ['totp'] } });
  });
}

/** Turns two-step sign-in off; needs a current code, so a stolen session alone cannot do it. */
export async function disableTotp(ctx: ServiceContext, identity: StaffIdentity, code: string): Promise<void> {
  const user = await userRepository.findById(ctx.db, identity.clinicId, identity.userId);
  if (user?.totp_secret == null) throw invalid('code', 'two-step sign-in is not on for this account');
  if (!verifyTotp(user.totp_secret, code, ctx.now())) throw invalid('code', 'is not the current code');
  await inTransaction(ctx, async (tx) => {
    await userRepository.update(tx.db, identity.clinicId, identity.userId, { totp_secret: null, updated_at: tx.now().toISOString() });
    await appendAudit(tx, { action: 'update', entity: 'user', entityId: identity.userId, patientId: null, detail: { fields: ['totp'] } });
  });
}
