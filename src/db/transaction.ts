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

/** Work a unit of work runs last, just before it commits, in the order it was deferred. */
type LastStep = () => Promise<void>;
const lastSteps = new WeakMap<Kysely<Database>, LastStep[]>();

/**
 * Runs `step` at the end of the unit of work that `db` belongs to, after the work itself and before the
 * commit, inside the same transaction. Returns false when `db` is not a unit's transaction (a plain
 * connection, or a transaction opened elsewhere): the caller then does the step itself, at once. The audit
 * chain uses it to append a unit's entries last (audit/audit.service.ts), so its per-clinic lock is held
 * only from that append to the commit.
 */
export function deferToCommit(db: Kysely<Database>, step: LastStep): boolean {
  const steps = lastSteps.get(db);
  if (steps === undefined) return false;
  steps.push(step);
  return true;
}

/**
 * Runs `work` in one write transaction with a context bound to it; inside a transaction already, it joins
 * that one. On SQLite, concurrent transactions are group-committed (db/group-commit.ts); on PostgreSQL
 * each runs in its own transaction. The steps deferred to the commit (deferToCommit) run after `work`. A
 * keyed (Idempotency-Key) request stores its key in the same transaction as its first write
 * (db/idempotency.ts).
 */
export async function inTransaction<C extends TransactionContext, R>(ctx: C, work: (tx: C) => Promise<R>): Promise<R> {
  if (ctx.db.isTransaction) return work(ctx);
  // The claim is taken here, in the caller's async context: a group-committed unit runs in its batch's.
  const claim = currentClaim();
  const unit = async (trx: Kysely<Database>): Promise<R> => {
    const steps: LastStep[] = [];
    lastSteps.set(trx, steps);
    try {
      const result = await work({ ...ctx, db: trx });
      // A step may defer another; each runs once, in order.
      for (let i = 0; i < steps.length; i++) await steps[i]?.();
      await storeClaim(trx, claim, ctx.now());
      return result;
    } finally {
      lastSteps.delete(trx);
    }
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
