/**
 * One error type for the whole product: a stable, searchable code, an HTTP status, and a message that
 * tells the user what to fix. Validation errors also name the field (a dotted path) and the reason.
 * The HTTP layer, the CLI and the FHIR facade each turn it into their own shape in one place.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'DATABASE_UNAVAILABLE';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
};

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `doses[2].mg` or `answers.item9`. */
  field: string;
  /** Why the value was refused, in words a user can act on. */
  reason: string;
}

export class OnsetError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: readonly FieldProblem[];

  constructor(code: ErrorCode, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'OnsetError';
    this.code = code;
    this.status = STATUS[code];
    this.problems = problems;
  }
}

/** A value was refused: names the field and the reason; the message reads "field: reason". */
export function invalid(field: string, reason: string): OnsetError {
  return new OnsetError('VALIDATION_FAILED', `${field}: ${reason}`, [{ field, reason }]);
}

/** Several refused values at once (the message lists them all). */
export function invalidMany(problems: readonly FieldProblem[]): OnsetError {
  const message = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
  return new OnsetError('VALIDATION_FAILED', message, problems);
}

export function notFound(what: string, id: string): OnsetError {
  return new OnsetError('NOT_FOUND', `${what} ${id} was not found`);
}

export function isOnsetError(error: unknown): error is OnsetError {
  return error instanceof OnsetError;
}
