/**
 * A read worker's program (started by db/read-workers.ts): it opens its own read-only connection on
 * its first job and runs one job at a time, each a function of a module (db/read-job.ts), posting back
 * the result or the error as plain data (db/worker-error.ts). A job reads through `snapshot`, the
 * worker's read path: inSnapshot (db/transaction.ts) on the worker's connection.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { openReadOnly } from './database.js';
import {
  transferablesOf,
  type FromWorker,
  type ReadOnlyHandle,
  type ReadTarget,
  type ToWorker,
  type WorkerReads,
} from './read-job.js';
import { inSnapshot, type SnapshotContext } from './transaction.js';
import { errorToWorker } from './worker-error.js';

type Job = (reads: WorkerReads, input: unknown) => Promise<unknown>;

const port = parentPort;
if (port === null) throw new Error('db/read-worker.ts runs on a worker thread (db/read-workers.ts starts it)');
const target = (workerData as { target: ReadTarget }).target;
let connection: ReadOnlyHandle | null = null;
const releases = new Map<number, () => void>();

const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/**
 * The snapshot begins with one read, so that it is fixed before the job's own queries: neither starts at
 * BEGIN, SQLite's WAL read transaction at the first statement that reads the database and PostgreSQL's
 * REPEATABLE READ snapshot at the first statement.
 */
function readsFor(id: number, hold: boolean): WorkerReads {
  const handle = (connection ??= openReadOnly(target));
  return {
    handle,
    snapshot: <C extends SnapshotContext, R>(ctx: C, work: (tx: C) => Promise<R>): Promise<R> =>
      inSnapshot(ctx, async (tx) => {
        await sql`select 1 from clinics limit 1`.execute(tx.db);
        if (hold) {
          const released = new Promise<void>((resolve) => releases.set(id, resolve));
          post({ type: 'held', id, threadId });
          await released;
        }
        return work(tx);
      }),
  };
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  try {
    const exports = (await import(message.module)) as Record<string, unknown>;
    const job = exports[message.name];
    if (typeof job !== 'function') throw new Error(`${message.module} exports no job named ${message.name}`);
    const result = await (job as Job)(readsFor(message.id, message.hold), message.input);
    post({ type: 'done', id: message.id, result }, transferablesOf(result));
  } catch (error) {
    post({ type: 'failed', id: message.id, error: errorToWorker(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'release') {
    releases.get(message.id)?.();
    releases.delete(message.id);
  } else {
    const closing = connection?.close() ?? Promise.resolve();
    void closing.catch(() => undefined).finally(() => port.close());
  }
});
