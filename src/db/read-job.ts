import type { Kysely } from 'kysely';
import type { Engine } from './engine.js';
import type { Database } from './schema.js';
import type { SnapshotContext } from './transaction.js';
import type { WorkerError } from './worker-error.js';

/**
 * Where a read worker opens its own read-only connection: the SQLite file, or the PostgreSQL URL.
 * The URL holds the password; it goes to the worker only and is never printed (DatabaseHandle.location
 * is the printable form).
 */
export type ReadTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** The worker's own read-only connection, shaped as a handle's writer and reader: a write on it fails. */
export interface ReadOnlyHandle {
  readonly db: Kysely<Database>;
  readonly reader: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

/** What a job is given on the worker: the connection, and the one way to read a snapshot there. */
export interface WorkerReads {
  readonly handle: ReadOnlyHandle;
  /**
   * Runs `work` on one read-only snapshot of the worker's connection (db/transaction.ts inSnapshot),
   * taken by the snapshot's first statement before `work` starts: the job reads the database as it was
   * when the snapshot began, whatever commits while it reads.
   */
  snapshot<C extends SnapshotContext, R>(ctx: C, work: (tx: C) => Promise<R>): Promise<R>;
}

/**
 * A function that runs on a read worker (db/read-workers.ts): exported under `name` by the module at
 * `module`, taking plain data and returning plain data (both cross threads by structured clone). A
 * result's top-level bytes (a Uint8Array over a buffer of its own, as TextEncoder makes) are handed over
 * rather than copied (`transferablesOf`), so a large answer the worker has already serialised costs the
 * request thread nothing to receive.
 */
export interface ReadJob<I, O> {
  /** What the job computes, as an error message names it: "the cohort report". */
  readonly label: string;
  readonly module: string;
  readonly name: string;
  /** Carries the input and output types only; never set. */
  readonly types?: (input: I) => O;
}

/**
 * Declares `run`, exported by the calling module (`import.meta.url`: the .ts source under tsx and
 * vitest, the compiled .js in production), as a job for the read workers.
 */
export function readJob<I, O>(
  label: string,
  moduleUrl: string,
  run: (reads: WorkerReads, input: I) => Promise<O>,
): ReadJob<I, O> {
  return { label, module: moduleUrl, name: run.name };
}

/** From the pool to a worker. */
export type ToWorker =
  | { type: 'run'; id: number; module: string; name: string; input: unknown; hold: boolean }
  | { type: 'release'; id: number }
  | { type: 'close' };

/** From a worker to the pool. */
export type FromWorker =
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: WorkerError }
  | { type: 'held'; id: number; threadId: number };

/**
 * The buffers a job's result hands over to the request thread instead of copying: each top-level
 * Uint8Array value that is the whole of its own ArrayBuffer. A view into a shared or larger buffer (a
 * pooled Buffer, say) is copied as usual, so handing it over never detaches memory something else uses.
 */
export function transferablesOf(result: unknown): ArrayBuffer[] {
  if (typeof result !== 'object' || result === null) return [];
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(result)) {
    if (!(value instanceof Uint8Array) || !(value.buffer instanceof ArrayBuffer)) continue;
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) buffers.push(value.buffer);
  }
  return buffers;
}
