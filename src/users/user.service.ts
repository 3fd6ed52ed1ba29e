import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Static } from '@sinclair/typebox';
import type { Selectable } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { authRepository } from '../auth/auth.repository.js';
import type { UsersTable } from '../db/schema.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid, notFound } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { userRepository } from './user.repository.js';
import { UserInput, UserUpdate, type User } from './user.schema.js';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

function fromRow(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as User['role'],
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const EMAIL_TAKEN = 'cannot be used for a new account';

/** Creates a staff user; the password is stored only as an argon2id hash. */
export async function createUser(ctx: ServiceContext, body: unknown): Promise<User> {
  const input = validate(UserInput, body);
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    await userRepository.lockEmail(tx.db, tx.engine, email);
    if ((await userRepository.findByEmailForSignIn(tx.db, email)) !== undefined) {
      // The same words whether the address is taken in this clinic or another: the answer must not
      // tell one clinic's administrator which addresses another clinic uses.
      throw invalid('email', EMAIL_TAKEN);
    }
    const now = tx.now().toISOString();
    const id = randomUUID();
    await userRepository.insert(tx.db, {
      clinic_id: tx.clinicId,
      id,
      email,
      display_name: input.displayName ?? email,
      role: input.role,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
      disabled_at: null,
    });
    await appendAudit(tx, {
      action: 'create',
      entity: 'user',
      entityId: id,
      patientId: null,
      detail: { role: input.role },
    });
    return getUser(tx, id);
  });
}

export async function getUser(ctx: ServiceContext, id: string): Promise<User> {
  const row = await userRepository.findById(ctx.db, ctx.clinicId, id);
  if (row === undefined) throw notFound('user', id);
  return fromRow(row);
}

export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  return (await userRepository.list(ctx.db, ctx.clinicId)).map(fromRow);
}

/**
 * Changes a user's name, role or disabled state. Disabling ends the user's sessions and API tokens for
 * good; the clinic's last active administrator can be neither demoted nor disabled.
 */
export async function updateUser(ctx: ServiceContext, id: string, body: unknown): Promise<User> {
  const input = validate(UserUpdate, body);
  return inTransaction(ctx, async (tx) => {
    const existing = await getUser(tx, id);
    await keepAnAdmin(tx, existing, input);
    const now = tx.now().toISOString();
    const disabledAt = input.disabled === undefined ? undefined : input.disabled ? now : null;
    await userRepository.update(tx.db, tx.clinicId, id, {
      display_name: input.displayName ?? existing.displayName,
      role: input.role ?? existing.role,
      ...(disabledAt === undefined ? {} : { disabled_at: disabledAt }),
      updated_at: now,
    });
    const ended =
      input.disabled === true ? await authRepository.revokeUserCredentials(tx.db, tx.clinicId, id, null, now) : {};
    await appendAudit(tx, {
      action: 'update',
      entity: 'user',
      entityId: id,
      patientId: null,
      detail: { fields: Object.keys(input).sort(), ...ended },
    });
    return getUser(tx, id);
  });
}

/** Refuses a change that would leave the clinic without an active administrator. */
async function keepAnAdmin(tx: ServiceContext, user: User, input: Static<typeof UserUpdate>): Promise<void> {
  const demoted = input.role !== undefined && input.role !== 'admin';
  if (user.role !== 'admin' || user.disabled || (!demoted && input.disabled !== true)) return;
  const admins = await userRepository.lockActiveAdmins(tx.db, tx.engine, tx.clinicId);
  if (admins.some((adminId) => adminId !== user.id)) return;
  throw invalid(
    demoted ? 'role' : 'disabled',
    'the clinic’s last active administrator must stay one (make another user an administrator first)',
  );
}

/** Who acts, in words a document can carry: the signed-in user's name (or e-mail), else the kind of actor. */
export async function actorName(ctx: ServiceContext): Promise<string> {
  if (ctx.actor.type !== 'user' || ctx.actor.id === null) return ctx.actor.type;
  const user = await userRepository.findById(ctx.db, ctx.clinicId, ctx.actor.id);
  return user?.display_name ?? user?.email ?? ctx.actor.id;
}
