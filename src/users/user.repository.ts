import { sql, type Kysely, type Selectable } from 'kysely';
import type { Engine } from '../db/database.js';
import type { Database, UsersTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';

export const userRepository = {
  ...tenantRepository('users', 'email', null),

  /**
   * Sign-in looks a user up by e-mail before the clinic is known; e-mail addresses are unique across
   * the installation for that reason. This is the one lookup not bound to a clinic.
   */
  async findByEmailForSignIn(db: Kysely<Database>, email: string): Promise<Selectable<UsersTable> | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },

  /**
   * Holds one e-mail address for the rest of the transaction, so that checking the address is free and
   * adding the user cannot interleave with another clinic adding the same address. No index can say
   * "unique across clinics" under the sharding rule (every index leads with clinic_id), so PostgreSQL
   * takes a transaction-scoped advisory lock on the address; SQLite already serialises writers.
   */
  async lockEmail(db: Kysely<Database>, engine: Engine, email: string): Promise<void> {
    if (engine === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`onset.user-email:${email.toLowerCase()}`}, 0))`.execute(
        db,
      );
    }
  },

  /**
   * Counts one wrong sign-in in a single UPDATE, so parallel attempts cannot overwrite each other's
   * count; the attempt that reaches `threshold` sets the lock and starts the count again. An account
   * already locked is not counted (as when the attempts come one after another). Returns the new count
   * (0 when this attempt locked the account), or undefined when it was locked already.
   */
  async countFailedSignIn(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
    at: { now: string; lockUntil: string; threshold: number },
  ): Promise<number | undefined> {
    const reached = sql<boolean>`failed_sign_ins + 1 >= ${at.threshold}`;
    const row = await db
      .updateTable('users')
      .set({
        failed_sign_ins: sql<number>`CASE WHEN ${reached} THEN 0 ELSE failed_sign_ins + 1 END`,
        locked_until: sql<string | null>`CASE WHEN ${reached} THEN ${at.lockUntil} ELSE locked_until END`,
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at.now)]))
      .returning('failed_sign_ins')
      .executeTakeFirst();
    return row?.failed_sign_ins;
  },

  /** After a right password: the count starts again; false when the account is locked at `now`. */
  async clearFailedSignIns(db: Kysely<Database>, clinicId: string, id: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** Records `step` as the last accepted TOTP step; false when that step or a later one was used already. */
  async claimTotpStep(db: Kysely<Database>, clinicId: string, id: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /**
   * The clinic's active administrators, held for the rest of the transaction on PostgreSQL (FOR UPDATE),
   * so two administrators demoting each other at once cannot both succeed; SQLite serialises writers.
   */
  async lockActiveAdmins(db: Kysely<Database>, engine: Engine, clinicId: string): Promise<string[]> {
    let query = db
      .selectFrom('users')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null);
    if (engine === 'postgres') query = query.forUpdate();
    return (await query.execute()).map((row) => row.id);
  },
};
