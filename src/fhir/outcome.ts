/**
 * Errors as FHIR OperationOutcome resources: one issue per refused element, each naming the element by
 * its FHIRPath expression and saying why. The FHIR routes' error handler and the Bundle processor use it.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { isOnsetError, type ErrorCode, type FieldProblem } from '../shared/errors.js';
import { clientErrorOf } from '../shared/http-status.js';

type IssueCode = OperationOutcomeIssue['code'];

const ISSUE_CODE: Record<ErrorCode, IssueCode> = {
  VALIDATION_FAILED: 'invalid',
  NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  RATE_LIMITED: 'throttled',
  INTERNAL: 'exception',
};

/** An OperationOutcome with one error issue per problem (expression = the element's FHIRPath). */
export function problemsOutcome(problems: readonly FieldProblem[], code: IssueCode = 'invalid'): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: problems.map((p) => ({
      severity: 'error',
      code,
      diagnostics: p.reason,
      details: { text: `${p.field}: ${p.reason}` },
      expression: [p.field],
    })),
  };
}

/** An OperationOutcome with one issue that names no element. */
export function messageOutcome(message: string, code: IssueCode, severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: message, details: { text: message } }] };
}

/** The issue code of a library's 4xx (body too large, wrong media type, rate limit, malformed JSON). */
function requestIssueCode(status: number): IssueCode {
  const byStatus: Readonly<Record<number, IssueCode>> = { 401: 'login', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'too-costly', 415: 'not-supported', 429: 'throttled' };
  return byStatus[status] ?? 'structure';
}

/** The HTTP status and OperationOutcome for any error; a 5xx never carries internals. */
export function outcomeOfError(error: unknown): { status: number; outcome: OperationOutcome } {
  if (isOnsetError(error)) {
    const code = ISSUE_CODE[error.code];
    const outcome = error.problems.length > 0 ? problemsOutcome(error.problems, code) : messageOutcome(error.message, code);
    return { status: error.status, outcome };
  }
  const client = clientErrorOf(error);
  if (client !== null) return { status: client.status, outcome: messageOutcome(client.message, requestIssueCode(client.status)) };
  return { status: 500, outcome: messageOutcome('Something went wrong on our side. Nothing was saved; please try again.', 'exception') };
}

/** Joins a FHIRPath root (`Patient`, `Bundle.entry[3].resource`) and a path below it (`identifier[0]`). */
export function joinPath(root: string, below: string): string {
  if (below === '') return root;
  return below.startsWith('[') ? `${root}${below}` : `${root}.${below}`;
}
