import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isOnsetError, type FieldProblem } from '../shared/errors.js';
import { issueReason, pointerToField } from '../shared/validate.js';

/** RFC 9457 problem details, with Onset's stable code and the fields at fault. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  problems?: FieldProblem[];
}

const PROBLEM_BASE = 'https://onset.health/problems/';

function problemOf(error: unknown): Problem {
  if (isOnsetError(error)) {
    return {
      type: `${PROBLEM_BASE}${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: error.code,
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.problems.length > 0 ? { problems: [...error.problems] } : {}),
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) return validationProblem(fastifyError);
  const status = fastifyError.statusCode ?? 500;
  if (status < 500 && fastifyError.code !== undefined) {
    // Fastify's own 4xx (body too large, unsupported media type, malformed JSON).
    return { type: `${PROBLEM_BASE}request`, title: fastifyError.code, status, code: fastifyError.code, detail: fastifyError.message ?? 'bad request' };
  }
  return { type: `${PROBLEM_BASE}internal`, title: 'INTERNAL', status: 500, code: 'INTERNAL', detail: 'Something went wrong on our side. Nothing was saved; please try again.' };
}

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] } & Record<string, unknown>;
}

/** A route schema refused the request: the same VALIDATION_FAILED shape as the services', field by field. */
function validationProblem(error: Partial<FastifyError>): Problem {
  const where = (error as { validationContext?: string }).validationContext ?? 'body';
  const problems = (error.validation as AjvIssue[]).map((issue) => {
    let field = pointerToField(issue.instancePath ?? '');
    if (issue.params?.missingProperty !== undefined) field = field === '(body)' ? issue.params.missingProperty : `${field}.${issue.params.missingProperty}`;
    if (issue.params?.additionalProperty !== undefined) field = field === '(body)' ? issue.params.additionalProperty : `${field}.${issue.params.additionalProperty}`;
    if (where !== 'body') field = field === '(body)' ? where : `${where}.${field}`;
    return { field, reason: issueReason(issue) };
  });
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
  return {
    type: `${PROBLEM_BASE}validation-failed`,
    title: 'VALIDATION_FAILED',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: unique.map((p) => `${p.field}: ${p.reason}`).join('; '),
    problems: unique,
  };
}

/** The one place an error becomes a response. 5xx responses never carry internals. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
