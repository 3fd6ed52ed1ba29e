/** The API's error shape (RFC 9457 problem+json with Onset's code and field problems), read defensively. */
export interface FieldProblem {
  field: string;
  reason: string;
}

export interface Problem {
  status: number;
  code: string;
  detail: string;
  problems: FieldProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Turns any error body into a Problem; a body that is not problem+json still gives a readable detail. */
export function toProblem(status: number, body: unknown): Problem {
  if (!isRecord(body))
    return { status, code: status === 0 ? 'NETWORK' : 'HTTP_ERROR', detail: fallbackDetail(status), problems: [] };
  const problems = Array.isArray(body.problems)
    ? body.problems.filter(isRecord).map((p) => ({
        field: typeof p.field === 'string' ? p.field : '',
        reason: typeof p.reason === 'string' ? p.reason : '',
      }))
    : [];
  return {
    status,
    code: typeof body.code === 'string' ? body.code : 'HTTP_ERROR',
    detail: typeof body.detail === 'string' ? body.detail : fallbackDetail(status),
    problems,
  };
}

function fallbackDetail(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status >= 500) return 'Something went wrong on our side. Nothing was saved; please try again.';
  return `The request failed (HTTP ${status}).`;
}

/**
 * The field problems of a refused write: the server's `problems` list, or — for requests refused by
 * schema validation, which arrive as one sentence ("body/mg must be > 0, body must have required
 * property 'route'") — the same read out of the detail.
 */
export function fieldProblems(problem: Problem): FieldProblem[] {
  if (problem.problems.length > 0) return problem.problems;
  const found: FieldProblem[] = [];
  for (const part of problem.detail.split(/, (?=body)/)) {
    const required = /^body must have required property '([^']+)'/.exec(part);
    if (required?.[1] !== undefined) {
      found.push({ field: required[1], reason: 'is required' });
      continue;
    }
    const field = /^body\/([\w/]+) (.+)$/.exec(part);
    if (field?.[1] !== undefined && field[2] !== undefined)
      found.push({ field: field[1].replace(/\//g, '.'), reason: field[2] });
  }
  return found;
}
