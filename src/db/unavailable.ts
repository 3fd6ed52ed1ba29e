import { OnsetError } from '../shared/errors.js';

/**
 * PostgreSQL's own codes for a connection that is gone or refused: class 08 (connection exception),
 * 57P01–57P03 (the server was shut down, crashed or is starting) and 53300 (too many connections).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** The operating system's codes for a socket that could not be opened or was cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
/** node-postgres reports a lost connection in words only. */
const CLIENT_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

/** Whether an error means the database connection was lost or could not be opened (not a refused statement). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof OnsetError) return error.code === 'DATABASE_UNAVAILABLE';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || SERVER_CODES.has(code) || SOCKET_CODES.has(code)))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return CLIENT_MESSAGES.some((message) => error.message.startsWith(message));
}

/**
 * DATABASE_UNAVAILABLE (503) for a request that could not reach the database; the underlying error is
 * kept as `cause` for the log and the CLI, and never sent to the client.
 */
export function databaseUnavailable(cause: unknown): OnsetError {
  if (cause instanceof OnsetError && cause.code === 'DATABASE_UNAVAILABLE') return cause;
  const error = new OnsetError(
    'DATABASE_UNAVAILABLE',
    'the database is not available right now; please try again shortly',
  );
  error.cause = cause;
  return error;
}

/** The underlying reason of a database failure in one line (what the CLI prints after the database's name). */
export function failureReason(error: unknown): string {
  let root = error;
  while (root instanceof OnsetError && root.cause !== undefined) root = root.cause;
  if (root instanceof AggregateError && root.errors.length > 0) return root.errors.map(failureReason).join('; ');
  if (root instanceof Error) {
    const code = (root as { code?: unknown }).code;
    if (root.message !== '') return root.message;
    return typeof code === 'string' ? code : root.name;
  }
  return typeof root === 'string' ? root : JSON.stringify(root);
}
