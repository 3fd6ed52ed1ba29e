// Jobs that only tests run on the read workers (db/read-workers.ts): a write that must be refused, and
// a worker that fails outside any job, as a fault in a native module or the runtime would end it.
import { sql } from 'kysely';
import { readJob, type WorkerReads } from '../../src/db/read-job.js';

/** Tries to delete a clinic through the worker's own connection. */
export async function writeOnWorker(reads: WorkerReads, clinicId: string): Promise<number> {
  const result = await sql`delete from clinics where clinic_id = ${clinicId}`.execute(reads.handle.db);
  return Number(result.numAffectedRows ?? 0);
}

/** Throws outside the job's promise, which ends the worker thread; the job itself never settles. */
export async function crashWorker(_reads: WorkerReads, message: string): Promise<never> {
  setImmediate(() => {
    throw new Error(message);
  });
  return new Promise<never>(() => undefined);
}

export const WRITE_ON_WORKER = readJob('a write on a read worker', import.meta.url, writeOnWorker);
export const CRASH_WORKER = readJob('a crashing job', import.meta.url, crashWorker);
