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
  DATABASE_UNAVAILABLE: 'transient',
};

/**
 * At most this many issues are listed, then one more saying how many were left out: a Bundle of a
 * thousand bad entries is refused with an answer of a few kilobytes, not megabytes, and the first
 * problems are the ones to fix first.
 */
export const MAX_ISSUES = 100;

/** The field name of a body refused as a whole (not JSON): it names no element, so it gets no expression. */
const WHOLE_BODY = '(body)';

/** An OperationOutcome with one error issue per problem (expression = the element's FHIRPath), up to MAX_ISSUES. */
export function problemsOutcome(problems: readonly FieldProblem[], code: IssueCode = 'invalid'): OperationOutcome {
  const issues = problems.slice(0, MAX_ISSUES).map(
    (p): OperationOutcomeIssue =>
      p.field === WHOLE_BODY
        ? { severity: 'error', code: 'structure', diagnostics: p.reason, details: { text: `the body ${p.reason}` } }
        : {
            severity: 'error',
            code,
            diagnostics: p.reason,
            details: { text: `${p.field}: ${p.reason}` },
            expression: [p.field],
          },
  );
  const left = problems.length - issues.length;
  if (left > 0) {
    const text = `${left} more ${left === 1 ? 'problem was' : 'problems were'} found and not listed (${problems.length} in all; the first ${MAX_ISSUES} are above)`;
    issues.push({ severity: 'information', code: 'informational', diagnostics: text, details: { text } });
  }
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** An OperationOutcome with one issue that names no element. */
export function messageOutcome(
  message: string,
  code: IssueCode,
  severity: OperationOutcomeIssue['severity'] = 'error',
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics: message, details: { text: message } }],
  };
}

/** The issue code of a library's 4xx (body too large, wrong media type, rate limit, malformed JSON). */
function requestIssueCode(status: number): IssueCode {
  const byStatus: Readonly<Record<number, IssueCode>> = {
    401: 'login',
    403: 'forbidden',
    404: 'not-found',
    409: 'conflict',
    413: 'too-costly',
    415: 'not-supported',
    429: 'throttled',
  };
  return byStatus[status] ?? 'structure';
}

/** The HTTP status and OperationOutcome for any error; a 5xx never carries internals. */
export function outcomeOfError(error: unknown): { status: number; outcome: OperationOutcome } {
  if (isOnsetError(error)) {
    const code = ISSUE_CODE[error.code];
    const outcome =
      error.problems.length > 0 ? problemsOutcome(error.problems, code) : messageOutcome(error.message, code);
    return { status: error.status, outcome };
  }
  const client = clientErrorOf(error);
  if (client !== null)
    return { status: client.status, outcome: messageOutcome(client.message, requestIssueCode(client.status)) };
  return {
    status: 500,
    outcome: messageOutcome('Something went wrong on our side. Nothing was saved; please try again.', 'exception'),
  };
}

/** Joins a FHIRPath root (`Patient`, `Bundle.entry[3].resource`) and a path below it (`identifier[0]`). */
export function joinPath(root: string, below: string): string {
  if (below === '') return root;
  return below.startsWith('[') ? `${root}${below}` : `${root}.${below}`;
}
