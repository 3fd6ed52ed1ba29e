/**
 * Errors raised by the HTTP libraries Onset builds on (Fastify, its rate limiter, its static file
 * server) carry an HTTP status as `statusCode` or `status`, and not always a code. Each refusal becomes
 * that status with one of Onset's stable codes and a fixed message, so a client error is never a 500
 * and no library's wording or internals reach the client.
 */
export interface ClientError {
  status: number;
  code: string;
  message: string;
}

const OTHER = { code: 'BAD_REQUEST', message: 'The request was refused.' };

const BY_STATUS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'BAD_REQUEST', message: 'The request could not be read.' },
  401: { code: 'UNAUTHENTICATED', message: 'Sign in first.' },
  403: { code: 'FORBIDDEN', message: 'This request is not allowed.' },
  404: { code: 'NOT_FOUND', message: 'Nothing was found at this address.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'This address does not accept that method.' },
  406: { code: 'NOT_ACCEPTABLE', message: 'Onset cannot answer in the format the request asks for.' },
  408: { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive; please try again.' },
  411: { code: 'LENGTH_REQUIRED', message: 'The request must state its Content-Length.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  414: { code: 'URI_TOO_LONG', message: 'The address is too long.' },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as JSON with Content-Type: application/json (application/fhir+json on /fhir/R4).',
  },
  416: { code: 'RANGE_NOT_SATISFIABLE', message: 'The requested range is not available.' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests: wait for the time given in Retry-After, then try again.' },
  431: { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large.' },
};

function statusOf(error: { statusCode?: unknown; status?: unknown }): number | undefined {
  for (const value of [error.statusCode, error.status]) {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
  }
  return undefined;
}

/**
 * A library's 4xx error as Onset's status, code and message; null for anything else (a 5xx, or an error
 * that states no status), which the caller answers as an internal error. Fastify's own 400s (codes
 * `FST_…`: a wrong Content-Length, a schema refusal) keep their message: fixed text that says which it was.
 */
export function clientErrorOf(error: unknown): ClientError | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { statusCode?: unknown; status?: unknown; code?: unknown; message?: unknown };
  const status = statusOf(e);
  if (status === undefined || status < 400 || status >= 500) return null;
  const known = BY_STATUS[status] ?? OTHER;
  const fastify =
    status === 400 &&
    typeof e.code === 'string' &&
    e.code.startsWith('FST_') &&
    typeof e.message === 'string' &&
    e.message !== '';
  return { status, code: known.code, message: fastify ? String(e.message) : known.message };
}
