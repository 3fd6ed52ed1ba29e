import type { Kysely, Selectable } from 'kysely';
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
};
