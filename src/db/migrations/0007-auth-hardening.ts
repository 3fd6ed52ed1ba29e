import type { Kysely } from 'kysely';

/**
 * The last TOTP time step a user's code was accepted for: a code at or before it is refused, so a code
 * seen once (over a shoulder, in a proxy log) cannot be used again within its 90-second window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}
