import { OnsetError, type ErrorCode, type FieldProblem } from '../shared/errors.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

/**
 * An error as it crosses from a read worker (db/read-worker.ts) to the thread that asked: plain data,
 * because a worker's classes are not the caller's. An OnsetError keeps its code, message and field
 * problems (a refused filter reads the same as when the request thread refused it); a lost database
 * connection becomes DATABASE_UNAVAILABLE on the worker, as it does on the request thread
 * (db/unavailable.ts); anything else keeps its name, message and stack.
 */
export type WorkerError =
  | { kind: 'onset'; code: ErrorCode; message: string; problems: FieldProblem[]; cause: string | null }
  | { kind: 'error'; name: string; message: string; stack: string | null; code: string | null };

/** The plain form of an error thrown by a job on the worker. */
export function errorToWorker(error: unknown): WorkerError {
  const onset = isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
  if (onset instanceof OnsetError) {
    return {
      kind: 'onset',
      code: onset.code,
      message: onset.message,
      problems: [...onset.problems],
      cause: onset.cause === undefined ? null : describe(onset.cause),
    };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      kind: 'error',
      name: error.name,
      message: error.message,
      stack: error.stack ?? null,
      code: typeof code === 'string' ? code : null,
    };
  }
  return { kind: 'error', name: 'Error', message: describe(error), stack: null, code: null };
}

/** The error again on the caller's thread: an OnsetError of the caller's own class, or an Error. */
export function errorFromWorker(wire: WorkerError): Error {
  if (wire.kind === 'onset') {
    const error = new OnsetError(wire.code, wire.message, wire.problems);
    if (wire.cause !== null) error.cause = new Error(wire.cause);
    return error;
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack !== null) error.stack = wire.stack;
  if (wire.code !== null) Object.assign(error, { code: wire.code });
  return error;
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message === '' ? value.name : value.message;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
