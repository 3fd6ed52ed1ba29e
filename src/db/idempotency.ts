import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { OnsetError } from '../shared/errors.js';

/**
 * Idempotent writes (`Idempotency-Key`). While a keyed request is handled, its key travels in async
 * context; the first transaction it commits also stores the key, in that same transaction, so a retried
 * request can never write twice — even if the server dies between the commit and the response.
 */
export interface IdempotencyClaim {
  clinicId: string;
  principal: string;
  key: string;
  requestHash: string;
  /** Set once the key row is written, so later transactions of the same request do not write it again. */
  stored: boolean;
}

const context = new AsyncLocalStorage<IdempotencyClaim>();

export function withIdempotency<R>(claim: IdempotencyClaim, run: () => R): R {
  return context.run(claim, run);
}

export function currentClaim(): IdempotencyClaim | undefined {
  return context.getStore();
}

/**
 * Runs `run` outside any request's key: work done on behalf of several requests at once (the batched audit
 * of reads, audit/audit.service.ts) must not store the key of whichever request started it.
 */
export function outsideAnyClaim<R>(run: () => R): R {
  return context.exit(run);
}

/**
 * Inside the request's first write transaction: records that the key has been used. The claim is taken
 * by the caller before the transaction starts, because a group-committed unit runs in the batch's
 * async context, not its request's.
 */
export async function storeClaim(db: Kysely<Database>, claim: IdempotencyClaim | undefined, now: Date): Promise<void> {
  if (claim === undefined || claim.stored) return;
  try {
    await db
      .insertInto('idempotency_keys')
      .values({
        clinic_id: claim.clinicId,
        principal: claim.principal,
        key: claim.key,
        request_hash: claim.requestHash,
        status_code: 0,
        response: '',
        created_at: now.toISOString(),
      })
      .execute();
  } catch (error) {
    // Two requests with the same key at once: the second one's whole transaction is rolled back.
    if (isUniqueViolation(error))
      throw new OnsetError('CONFLICT', 'a request with this Idempotency-Key is already being processed');
    throw error;
  }
  claim.stored = true;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

export const idempotencyRepository = {
  find(db: Kysely<Database>, clinicId: string, principal: string, key: string) {
    return db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
  },
  /** After the response is known: what a retry will be answered with. */
  async complete(db: Kysely<Database>, claim: IdempotencyClaim, statusCode: number, response: string): Promise<void> {
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, response })
      .where('clinic_id', '=', claim.clinicId)
      .where('principal', '=', claim.principal)
      .where('key', '=', claim.key)
      .execute();
  },
};
