import { describe, expect, it } from 'vitest';
import { outcomeOfError } from '../fhir/outcome.js';
import { invalid } from '../shared/errors.js';
import { problemOf } from './errors.js';

/** An error as the rate limiter builds it: a status and a message, no code. */
function withStatusCode(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/** An error as the static file server builds it (http-errors): `status`, no statusCode. */
function withStatus(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, expose: true });
}

describe('the one error path', () => {
  it('keeps the status of an error that carries statusCode but no code, with a stable code and a fixed message', () => {
    expect(problemOf(withStatusCode(429, 'Rate limit exceeded, retry in 58 seconds'))).toEqual({
      type: 'https://onset.health/problems/rate-limited',
      title: 'RATE_LIMITED',
      status: 429,
      code: 'RATE_LIMITED',
      detail: 'Too many requests: wait for the time given in Retry-After, then try again.',
    });
    expect(outcomeOfError(withStatusCode(429, 'Rate limit exceeded'))).toMatchObject({
      status: 429,
      outcome: { issue: [{ severity: 'error', code: 'throttled' }] },
    });
  });

  it('keeps the status of an error that carries only `status`', () => {
    expect(problemOf(withStatus(403, 'Forbidden'))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      detail: 'This request is not allowed.',
    });
    expect(outcomeOfError(withStatus(403, 'Forbidden'))).toMatchObject({
      status: 403,
      outcome: { issue: [{ code: 'forbidden' }] },
    });
    expect(problemOf(withStatus(418, 'teapot'))).toMatchObject({
      status: 418,
      code: 'BAD_REQUEST',
      detail: 'The request was refused.',
    });
  });

  it("keeps the message of Fastify's own 400s, which says what was wrong, and nobody else's", () => {
    const fastify = Object.assign(new Error('Request body size did not match Content-Length'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
    });
    expect(problemOf(fastify)).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'Request body size did not match Content-Length',
    });
    expect(problemOf(withStatusCode(400, 'at /srv/onset/src/x.ts:12'))).toMatchObject({
      status: 400,
      detail: 'The request could not be read.',
    });
  });

  it('answers anything else, 5xx statuses included, as a bare 500 without internals', () => {
    for (const error of [
      new Error('boom at /srv/onset'),
      withStatusCode(503, 'pool ended'),
      withStatus(500, 'x'),
      'a string',
      null,
      withStatusCode(399, 'odd'),
    ]) {
      expect(problemOf(error)).toMatchObject({
        status: 500,
        code: 'INTERNAL',
        detail: 'Something went wrong on our side. Nothing was saved; please try again.',
      });
      expect(outcomeOfError(error).status).toBe(500);
    }
  });

  it("still answers Onset's own errors with their code and field problems", () => {
    expect(problemOf(invalid('mg', 'must be positive'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'mg', reason: 'must be positive' }],
    });
  });
});
