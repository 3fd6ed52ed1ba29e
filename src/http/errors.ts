import type { FastifyReply, FastifyRequest } from 'fastify';
import { isOnsetError, type FieldProblem } from '../shared/errors.js';
import { clientErrorOf } from '../shared/http-status.js';

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

function typeOf(code: string): string {
  return `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The problem for any error: its own status and code for a refusal, a bare 500 for anything else. */
export function problemOf(error: unknown): Problem {
  if (isOnsetError(error)) {
    return {
      type: typeOf(error.code),
      title: error.code,
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.problems.length > 0 ? { problems: [...error.problems] } : {}),
    };
  }
  // A library's 4xx (rate limit, body too large, unsupported media type, a path the static server refuses).
  const client = clientErrorOf(error);
  if (client !== null)
    return {
      type: typeOf(client.code),
      title: client.code,
      status: client.status,
      code: client.code,
      detail: client.message,
    };
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'INTERNAL',
    status: 500,
    code: 'INTERNAL',
    detail: 'Something went wrong on our side. Nothing was saved; please try again.',
  };
}

/** The one place an error becomes a response. 5xx responses never carry internals. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
