import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { ServiceContext } from '../records/context.js';
import { MINUTE_MS } from '../shared/time.js';

/**
 * Records that a session or API token was used, at most once a minute: sliding idle expiry and a "last
 * used" date without a write on every request. The write is a transaction of its own, acting as the
 * credential's user.
 */
export async function touchCredential(
  database: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  owner: { clinicId: string; userId: string; lastUsedAt: string | null },
  now: Date,
  write: (db: Kysely<Database>, at: string) => Promise<unknown>,
): Promise<void> {
  if (owner.lastUsedAt !== null && now.getTime() - Date.parse(owner.lastUsedAt) <= MINUTE_MS) return;
  const ctx: ServiceContext = {
    db: database.db,
    reader: database.reader,
    engine: database.engine,
    clinicId: owner.clinicId,
    actor: { type: 'user', id: owner.userId, ip: null },
    now: () => now,
  };
  await inTransaction(ctx, (tx) => write(tx.db, now.toISOString()));
}
