import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isOnsetError, type FieldProblem } from '../shared/errors.js';

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
  const status = fastifyError.statusCode ?? 500;
  if (status < 500 && fastifyError.code !== undefined) {
    // Fastify's own 4xx (body too large, unsupported media type, malformed JSON).
    return { type: `${PROBLEM_BASE}request`, title: fastifyError.code, status, code: fastifyError.code, detail: fastifyError.message ?? 'bad request' };
  }
  return { type: `${PROBLEM_BASE}internal`, title: 'INTERNAL', status: 500, code: 'INTERNAL', detail: 'Something went wrong on our side. Nothing was saved; please try again.' };
}

/** The one place an error becomes a response. 5xx responses never carry internals. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
