import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { FromWorker, ReadJob, ReadTarget, ToWorker } from './read-job.js';
import type { Database } from './schema.js';
import { databaseUnavailable } from './unavailable.js';
import { errorFromWorker } from './worker-error.js';

/**
 * Reads too long for the request thread (the cohort report, the forecast fit) run here, on worker
 * threads that each hold their own read-only connection: on SQLite a read-only connection to the same
 * file (WAL lets it read one snapshot while the writer commits), on PostgreSQL a small pool of its own.
 * The event loop that serves requests and commits writes never computes them. A job is a function of
 * a module (db/read-job.ts); its input and result are plain data.
 */
export interface ReadWorkerPool {
  /** How many workers may run at once (ONSET_REPORT_WORKERS). */
  readonly size: number;
  /** Runs `job` on the next free worker; rejects with the job's own error, or when its worker stops. */
  run<I, O>(job: ReadJob<I, O>, input: I): Promise<O>;
  /**
   * For tests: the next job to start waits once it has taken its snapshot, until released, so a test
   * can act while a job is certainly in flight on a worker.
   */
  holdNextJob(): HeldJob;
  /** Fails what waits, stops every worker and closes their connections. */
  close(): Promise<void>;
}

export interface HeldJob {
  /** Resolves with the worker's thread id once the job waits inside its snapshot; rejects if it ends first. */
  readonly reached: Promise<{ threadId: number }>;
  release(): void;
  /** Ends the worker that runs the job, as a crash would, and resolves once it has exited. */
  kill(): Promise<void>;
}

/** The most workers ONSET_REPORT_WORKERS may ask for. */
export const MAX_READ_WORKERS = 16;

/**
 * The pool size: ONSET_REPORT_WORKERS when set, else one fewer than the machine's cores (one on a
 * two-core machine, leaving the other to the request thread), at most 4.
 */
export function readWorkerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const setting = env.ONSET_REPORT_WORKERS;
  if (setting === undefined || setting === '') return Math.max(1, Math.min(4, cores - 1));
  const count = /^\d+$/.test(setting) ? Number(setting) : NaN;
  if (!(count >= 1 && count <= MAX_READ_WORKERS))
    throw new Error(`ONSET_REPORT_WORKERS must be a whole number from 1 to ${MAX_READ_WORKERS}; it is "${setting}"`);
  return count;
}

const pools = new WeakMap<Kysely<Database>, ReadWorkerPool>();

/** Makes `pool` the read workers of the handle whose reader is `reader` (db/database.ts does, on open). */
export function registerReadWorkers(reader: Kysely<Database>, pool: ReadWorkerPool): void {
  pools.set(reader, pool);
}

/** The read workers of the database a context reads (its `reader`, db/transaction.ts). */
export function readWorkersOf(ctx: { reader: Kysely<Database> }): ReadWorkerPool {
  const pool = pools.get(ctx.reader);
  if (pool === undefined)
    throw new Error('this database has no file a read worker could open (an in-memory SQLite database)');
  return pool;
}

/**
 * The worker's bootstrap (plain CommonJS, as db/wal-checkpointer.ts's, so it runs the same under tsx,
 * vitest and the compiled build): from source it registers tsx's loader first, then it loads the
 * worker's program (db/read-worker.ts).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx !== null) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((error) => {
  setImmediate(() => {
    throw error;
  });
});
`;

/** The worker's program beside this file: .ts from source (with tsx's ESM API to load it), .js when built. */
function workerEntry(): { entry: string; tsx: string | null } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./read-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  return { entry, tsx: fromSource ? import.meta.resolve('tsx/esm/api') : null };
}

interface Pending {
  id: number;
  job: Omit<ReadJob<unknown, unknown>, 'types'>;
  input: unknown;
  resolve(result: unknown): void;
  reject(error: Error): void;
  hold: Hold | null;
}

interface Hold {
  id: number;
  reached(value: { threadId: number }): void;
  failed(error: Error): void;
  worker: Slot | null;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  fault: Error | null;
  exited: Promise<void>;
}

/** A pool of `size` read workers on `target`, started as jobs arrive (none runs before the first job). */
export function readWorkerPool(target: ReadTarget, size: number): ReadWorkerPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let nextHold: Hold | null = null;
  let closed = false;

  const settle = (slot: Slot): Pending | null => {
    const pending = slot.busy;
    slot.busy = null;
    // An idle worker never keeps the process alive; one with a job does, so an awaited job finishes.
    slot.worker.unref();
    return pending;
  };

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...workerEntry(), target } });
    worker.unref();
    const slot: Slot = {
      worker,
      busy: null,
      fault: null,
      exited: new Promise((resolve) => worker.once('exit', () => resolve())),
    };
    worker.on('message', (message: FromWorker) => {
      const pending = slot.busy;
      if (pending === null || pending.id !== message.id) return;
      if (message.type === 'held') {
        pending.hold?.reached({ threadId: message.threadId });
        return;
      }
      settle(slot);
      if (message.type === 'done') pending.resolve(message.result);
      else {
        const error = errorFromWorker(message.error);
        pending.hold?.failed(error);
        pending.reject(error);
      }
      dispatch();
    });
    // A result that cannot be read on this side (it did not survive the structured clone) fails its job.
    worker.on('messageerror', (error) => {
      const pending = settle(slot);
      pending?.hold?.failed(error);
      pending?.reject(new Error(`${pending.job.label} failed: its result could not be received (${error.message})`));
      dispatch();
    });
    worker.on('error', (error) => {
      slot.fault = error;
    });
    worker.once('exit', (code) => {
      slots.splice(slots.indexOf(slot), 1);
      const pending = settle(slot);
      if (pending !== null) {
        const why = slot.fault === null ? `exit code ${code}` : `exit code ${code}: ${slot.fault.message}`;
        const error = new Error(
          `${pending.job.label} failed: its worker thread stopped (${why}) before it finished; the next request runs on a new worker`,
        );
        pending.hold?.failed(error);
        pending.reject(error);
      }
      // A replacement starts when a job waits for it.
      dispatch();
    });
    slots.push(slot);
    return slot;
  };

  const dispatch = (): void => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < size ? spawn() : null);
      if (slot === null) return;
      const pending = queue.shift() as Pending;
      slot.busy = pending;
      if (pending.hold !== null) pending.hold.worker = slot;
      slot.worker.ref();
      const message: ToWorker = {
        type: 'run',
        id: pending.id,
        module: pending.job.module,
        name: pending.job.name,
        input: pending.input,
        hold: pending.hold !== null,
      };
      try {
        slot.worker.postMessage(message);
      } catch (error) {
        // An input that cannot be cloned never reaches the worker, which stays free for the next job.
        settle(slot);
        pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };

  return {
    size,
    run<I, O>(job: ReadJob<I, O>, input: I): Promise<O> {
      if (closed) return Promise.reject(databaseUnavailable(new Error('the database is closing')));
      return new Promise<O>((resolve, reject) => {
        const hold = nextHold;
        nextHold = null;
        const id = nextId++;
        if (hold !== null) hold.id = id;
        queue.push({ id, job, input, resolve, reject, hold });
        dispatch();
      });
    },
    holdNextJob(): HeldJob {
      const hold: Hold = { id: 0, reached: () => undefined, failed: () => undefined, worker: null };
      const reached = new Promise<{ threadId: number }>((resolve, reject) => {
        hold.reached = resolve;
        hold.failed = reject;
      });
      // A test that only awaits the job itself has no use for this rejection.
      reached.catch(() => undefined);
      nextHold = hold;
      return {
        reached,
        release: () => hold.worker?.worker.postMessage({ type: 'release', id: hold.id } satisfies ToWorker),
        kill: async () => {
          const slot = hold.worker;
          if (slot === null) return;
          await slot.worker.terminate();
          await slot.exited;
        },
      };
    },
    async close(): Promise<void> {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(databaseUnavailable(new Error('the database is closing')));
      await Promise.all(
        [...slots].map(async (slot) => {
          // Held while it stops, as db/wal-checkpointer.ts's: otherwise a process with nothing else to do
          // would end before the worker has closed its connection, with the caller's await never resolved.
          slot.worker.ref();
          // A job still running when the database closes is abandoned; an idle worker closes its connection.
          if (slot.busy !== null) await slot.worker.terminate();
          else slot.worker.postMessage({ type: 'close' } satisfies ToWorker);
          await slot.exited;
        }),
      );
    },
  };
}
