import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { ServiceContext } from '../records/context.js';
import { OnsetError, invalid } from '../shared/errors.js';
import type { UsersTable } from '../db/schema.js';
import type { Role } from '../shared/vocabulary.js';
import { userRepository } from '../users/user.repository.js';
import { hashPassword, verifyPassword } from '../users/user.service.js';
import { PASSWORD_MIN_LENGTH } from '../users/user.schema.js';
import { authRepository } from './auth.repository.js';
import type { StaffIdentity } from './identity.js';
import { issueToken, readToken } from './tokens.js';
import { isSealed, openSecret, sealSecret, secretKeyFromEnv } from './secret-box.js';
import { acceptedTotpStep } from './totp.js';
import { touchCredential } from './touch.js';
import { HOUR_MS, MINUTE_MS } from '../shared/time.js';

/** Session lifetime: 30 minutes idle, 12 hours at most (a clinic shift). */
export const SESSION_IDLE_MS = 30 * MINUTE_MS;
export const SESSION_ABSOLUTE_MS = 12 * HOUR_MS;
/** Five wrong passwords lock the account for 15 minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * MINUTE_MS;

// One answer for an unknown, disabled or locked account and a wrong password, so that the answer does
// not tell which addresses have accounts or which accounts are locked.
const WRONG = 'the e-mail address or password is wrong';
// Verifying against a real hash when the user does not exist keeps the timing the same.
const DUMMY_HASH = hashPassword('onset-timing-equaliser');

export interface SignInRequest {
  email: string;
  password: string;
  totp?: string | undefined;
  ip: string | null;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: string; clinicId: string; email: string; displayName: string; role: Role };
}

/** Checks the password (and the second factor when set), applies lockout, and opens a session. */
export async function signIn(
  database: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  request: SignInRequest,
  now = new Date(),
): Promise<SignedIn> {
  const user = await userRepository.findByEmailForSignIn(database.db, request.email.trim());
  if (user === undefined || user.disabled_at !== null || isLocked(user, now)) {
    await verifyPassword(await DUMMY_HASH, request.password);
    throw new OnsetError('UNAUTHENTICATED', WRONG);
  }
  const ctx: ServiceContext = {
    db: database.db,
    reader: database.reader,
    engine: database.engine,
    clinicId: user.clinic_id,
    actor: { type: 'user', id: user.id, ip: request.ip },
    now: () => now,
  };
  const passwordOk = await verifyPassword(user.password_hash, request.password);
  // The second factor is looked at only after the right password, so only the password's holder learns it is on.
  const needsCode = passwordOk && user.totp_secret !== null && request.totp === undefined;
  const step =
    passwordOk && user.totp_secret !== null && request.totp !== undefined
      ? acceptedTotpStep(totpSecretOf(user), request.totp, now, user.totp_last_step)
      : null;
  if (!passwordOk || needsCode || (user.totp_secret !== null && step === null)) {
    await countFailedSignIn(ctx, user.id);
    if (needsCode)
      throw new OnsetError('UNAUTHENTICATED', 'this account needs the 6-digit code from its authenticator app', [
        { field: 'totp', reason: 'is required' },
      ]);
    throw new OnsetError('UNAUTHENTICATED', WRONG);
  }
  const { token, hash } = issueToken('ses', user.clinic_id);
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  const opened = await inTransaction(ctx, async (tx) => {
    // A code replayed by a parallel request loses here: the step is claimed in one conditional UPDATE.
    if (step !== null && !(await userRepository.claimTotpStep(tx.db, user.clinic_id, user.id, step))) {
      await countFailedSignIn(tx, user.id);
      return false;
    }
    // Parallel wrong passwords may have locked the account since it was read: the lock wins.
    if (!(await userRepository.clearFailedSignIns(tx.db, user.clinic_id, user.id, now.toISOString()))) return false;
    await sealLegacyTotpSecret(tx, user);
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
    return true;
  });
  if (!opened) throw new OnsetError('UNAUTHENTICATED', WRONG);
  return {
    token,
    csrfToken,
    expiresAt,
    user: {
      id: user.id,
      clinicId: user.clinic_id,
      email: user.email,
      displayName: user.display_name,
      role: user.role as Role,
    },
  };
}

function isLocked(user: Selectable<UsersTable>, now: Date): boolean {
  return user.locked_until !== null && Date.parse(user.locked_until) > now.getTime();
}

/**
 * One wrong sign-in, counted atomically and audited in one transaction; the attempt that reaches the
 * threshold locks the account. The actor is Onset (with the caller's address): whoever typed the
 * password has not shown they are the user.
 */
async function countFailedSignIn(ctx: ServiceContext, userId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const count = await userRepository.countFailedSignIn(tx.db, tx.clinicId, userId, {
      now: now.toISOString(),
      lockUntil: new Date(now.getTime() + LOCKOUT_MS).toISOString(),
      threshold: LOCKOUT_THRESHOLD,
    });
    if (count === undefined) return;
    const system: ServiceContext = { ...tx, actor: { type: 'system', id: null, ip: tx.actor.ip } };
    await appendAudit(system, {
      action: 'sign-in-failed',
      entity: 'user',
      entityId: userId,
      patientId: null,
      detail: { locked: count === 0 },
    });
  });
}

/** The TOTP secret of a user who has one, opened with the server's key when it is sealed. */
function totpSecretOf(user: Pick<Selectable<UsersTable>, 'clinic_id' | 'id' | 'totp_secret'>): string {
  return openSecret(user.totp_secret ?? '', secretKeyFromEnv(), totpContext(user.clinic_id, user.id));
}

function totpContext(clinicId: string, userId: string): string {
  return `onset.totp:${clinicId}:${userId}`;
}

/** The stored form of a new TOTP secret; refused when the server has no key to seal it with. */
function sealTotpSecret(clinicId: string, userId: string, secret: string): string {
  const key = secretKeyFromEnv();
  if (key === null)
    throw new OnsetError(
      'CONFLICT',
      'two-step sign-in cannot be turned on: the server has no ONSET_SECRET_KEY to protect the secret (ask the operator)',
    );
  return sealSecret(secret, key, totpContext(clinicId, userId));
}

/** A secret stored before sealing is sealed at the user's next sign-in, once the server has a key. */
async function sealLegacyTotpSecret(tx: ServiceContext, user: Selectable<UsersTable>): Promise<void> {
  const key = secretKeyFromEnv();
  if (key === null || user.totp_secret === null || isSealed(user.totp_secret)) return;
  await userRepository.update(tx.db, user.clinic_id, user.id, {
    totp_secret: sealSecret(user.totp_secret, key, totpContext(user.clinic_id, user.id)),
  });
}

/** Seals every TOTP secret still stored in plaintext (all clinics); returns how many were sealed. */
export async function sealLegacyTotpSecrets(db: Kysely<Database>): Promise<number> {
  const key = secretKeyFromEnv();
  if (key === null)
    throw new OnsetError('CONFLICT', 'ONSET_SECRET_KEY is not set: there is no key to seal the secrets with');
  const rows = await db
    .selectFrom('users')
    .select(['clinic_id', 'id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', 'gcm1:%')
    .execute();
  for (const row of rows) {
    await db
      .updateTable('users')
      .set({ totp_secret: sealSecret(row.totp_secret ?? '', key, totpContext(row.clinic_id, row.id)) })
      .where('clinic_id', '=', row.clinic_id)
      .where('id', '=', row.id)
      .where('totp_secret', '=', row.totp_secret)
      .execute();
  }
  return rows.length;
}

/** The identity a session cookie stands for, or null when it is unknown, revoked, idle too long or expired. */
export async function resolveSession(
  database: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  token: string,
  now = new Date(),
): Promise<StaffIdentity | null> {
  const parsed = readToken('ses', token);
  if (parsed === null) return null;
  const session = await authRepository.findSession(database.reader, parsed.clinicId, parsed.hash);
  if (session === undefined || session.revoked_at !== null) return null;
  const t = now.getTime();
  if (Date.parse(session.expires_at) <= t || Date.parse(session.last_seen_at) + SESSION_IDLE_MS <= t) return null;
  if (session.user_disabled_at !== null) return null;
  await touchCredential(
    database,
    { clinicId: session.clinic_id, userId: session.user_id, lastUsedAt: session.last_seen_at },
    now,
    (db, at) => authRepository.updateSession(db, session.clinic_id, session.id, { last_seen_at: at }),
  );
  return {
    kind: 'user',
    clinicId: session.clinic_id,
    userId: session.user_id,
    role: session.user_role as Role,
    via: 'session',
    csrfToken: session.csrf_token,
    sessionId: session.id,
  };
}

/** Ends the request's session (an API token has none) and audits it, in one transaction. */
export async function signOut(ctx: ServiceContext, identity: StaffIdentity): Promise<void> {
  const sessionId = identity.sessionId;
  if (sessionId === null) return;
  await inTransaction(ctx, async (tx) => {
    await authRepository.updateSession(tx.db, identity.clinicId, sessionId, { revoked_at: tx.now().toISOString() });
    await appendAudit(tx, { action: 'sign-out', entity: 'session', entityId: sessionId, patientId: null });
  });
}

/** What a password change ended besides the session it was made in. */
export interface CredentialsEnded {
  signedOutSessions: number;
  revokedApiTokens: number;
}

/** Changes the signed-in user's password; every other session of theirs and all their API tokens end. */
export async function changePassword(
  ctx: ServiceContext,
  identity: StaffIdentity,
  current: string,
  next: string,
): Promise<CredentialsEnded> {
  if (next.length < PASSWORD_MIN_LENGTH)
    throw invalid('newPassword', `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const user = await userRepository.findById(ctx.db, identity.clinicId, identity.userId);
  if (user === undefined || !(await verifyPassword(user.password_hash, current)))
    throw invalid('currentPassword', 'is not your current password');
  const hashed = await hashPassword(next);
  return inTransaction(ctx, async (tx) => {
    const now = tx.now().toISOString();
    await userRepository.update(tx.db, identity.clinicId, identity.userId, { password_hash: hashed, updated_at: now });
    const ended = await authRepository.revokeUserCredentials(
      tx.db,
      identity.clinicId,
      identity.userId,
      identity.sessionId,
      now,
    );
    await appendAudit(tx, {
      action: 'update',
      entity: 'user',
      entityId: identity.userId,
      patientId: null,
      detail: { fields: ['password'], ...ended },
    });
    return ended;
  });
}

/**
 * Turns on two-step sign-in for the signed-in user, or replaces its secret: the authenticator app must
 * show a valid code for the new secret, so a mistyped secret cannot lock anyone out, and replacing a
 * secret that is on needs a code of the current one, so a stolen session alone cannot take it over.
 */
export async function enableTotp(
  ctx: ServiceContext,
  identity: StaffIdentity,
  secret: string,
  code: string,
  currentCode: string | undefined,
): Promise<void> {
  if (!/^[A-Z2-7]{32}$/.test(secret))
    throw invalid('secret', 'must be the 32-character secret given by the set-up step');
  const now = ctx.now();
  const step = acceptedTotpStep(secret, code, now, null);
  if (step === null) throw invalid('code', 'is not the current code for this secret (check the phone’s clock)');
  const sealed = sealTotpSecret(identity.clinicId, identity.userId, secret);
  await inTransaction(ctx, async (tx) => {
    const user = await userRepository.findById(tx.db, identity.clinicId, identity.userId);
    if (user === undefined) throw new OnsetError('UNAUTHENTICATED', 'sign in first');
    if (user.totp_secret !== null) {
      if (currentCode === undefined)
        throw invalid('currentCode', 'is required to replace the secret of two-step sign-in that is on');
      await claimCurrentCode(tx, user, currentCode, 'currentCode');
    }
    await storeTotp(tx, identity, { secret: sealed, step });
  });
}

/** Turns two-step sign-in off; needs a current code, so a stolen session alone cannot do it. */
export async function disableTotp(ctx: ServiceContext, identity: StaffIdentity, code: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const user = await userRepository.findById(tx.db, identity.clinicId, identity.userId);
    if (user?.totp_secret == null) throw invalid('code', 'two-step sign-in is not on for this account');
    await claimCurrentCode(tx, user, code, 'code');
    await storeTotp(tx, identity, null);
  });
}

/** Stores the user's sealed two-step secret and its last used step (or none: two-step sign-in off); audited. */
async function storeTotp(
  tx: ServiceContext,
  identity: StaffIdentity,
  totp: { secret: string; step: number } | null,
): Promise<void> {
  await userRepository.update(tx.db, identity.clinicId, identity.userId, {
    totp_secret: totp?.secret ?? null,
    totp_last_step: totp?.step ?? null,
    updated_at: tx.now().toISOString(),
  });
  await appendAudit(tx, {
    action: 'update',
    entity: 'user',
    entityId: identity.userId,
    patientId: null,
    detail: { fields: ['totp'] },
  });
}

/** Accepts a code of the user's current secret once (it is used up like a sign-in code), or refuses `field`. */
async function claimCurrentCode(
  tx: ServiceContext,
  user: Selectable<UsersTable>,
  code: string,
  field: string,
): Promise<void> {
  const step = acceptedTotpStep(totpSecretOf(user), code, tx.now(), user.totp_last_step);
  if (step === null || !(await userRepository.claimTotpStep(tx.db, user.clinic_id, user.id, step)))
    throw invalid(field, 'is not the current code');
}
