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
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`onset.user-email:${email.toLowerCase()}`}, 0))`.execute(db);
    }
  },
};
