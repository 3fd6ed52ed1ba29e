import type { Kysely } from 'kysely';
import type { Engine } from './engine.js';
import { groupCommitter } from './group-commit.js';
import { currentClaim, storeClaim } from './idempotency.js';
import type { Database } from './schema.js';

/**
 * The one way Onset writes and the one way it reads a consistent snapshot. Nothing outside src/db/
 * starts a transaction of its own (test/db/one-transaction-path.test.ts checks the sources).
 */

/** What a write transaction needs of its caller's context: the writer, its engine and the clock. */
export interface TransactionContext {
  db: Kysely<Database>;
  engine: Engine;
  now(): Date;
}

/** A snapshot also needs the reader connection (`DatabaseHandle.reader`, src/db/database.ts). */
export interface SnapshotContext extends TransactionContext {
  reader: Kysely<Database>;
}

/**
 * Runs `work` in one write transaction with a context bound to it; inside a transaction already, it joins
 * that one. On SQLite, concurrent transactions are group-committed (db/group-commit.ts); on PostgreSQL
 * each runs in its own transaction. A keyed (Idempotency-Key) request stores its key in the same
 * transaction as its first write (db/idempotency.ts).
 */
export async function inTransaction<C extends TransactionContext, R>(ctx: C, work: (tx: C) => Promise<R>): Promise<R> {
  if (ctx.db.isTransaction) return work(ctx);
  // The claim is taken here, in the caller's async context: a group-committed unit runs in its batch's.
  const claim = currentClaim();
  const unit = async (trx: Kysely<Database>): Promise<R> => {
    const result = await work({ ...ctx, db: trx });
    await storeClaim(trx, claim, ctx.now());
    return result;
  };
  if (ctx.engine === 'sqlite') return groupCommitter(ctx.db).run(unit);
  return ctx.db.transaction().execute(unit);
}

/**
 * Runs `work` on one consistent, read-only snapshot on the reader connection, so a long read never holds
 * the writer: REPEATABLE READ READ ONLY from the pool on PostgreSQL; on SQLite a transaction on the second,
 * read-only connection (WAL gives it one snapshot while the writer commits beside it). Inside a
 * transaction already, `work` reads that transaction. The snapshot cannot write: an audit entry for what
 * was read is appended afterwards, with inTransaction.
 */
export async function inSnapshot<C extends SnapshotContext, R>(ctx: C, work: (tx: C) => Promise<R>): Promise<R> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.reader
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => work({ ...ctx, db: trx }));
}
