import { toProblem, type Problem } from '../shared/problem.js';

/** A failed API call, carrying the server's problem (code, detail, field problems). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
let lastAnswered = Date.now();

/** When the server last answered a request of this page (each answered request keeps the session alive). */
export function lastApiActivity(): number {
  return lastAnswered;
}
let onSignedOut: (() => void) | null = null;

/** The session's CSRF token, sent as X-CSRF-Token on every write (the server refuses writes without it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 (the session ended), so the app can show the sign-in page. */
export function setSignedOutHandler(handler: (() => void) | null): void {
  onSignedOut = handler;
}

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(toProblem(0, null));
  }
  if (response.ok) lastAnswered = Date.now();
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/v1/session') onSignedOut?.();
    throw new ApiError(toProblem(response.status, data));
  }
  return data as T;
}

/** The API, same origin, cookie session. */
export const api = {
  get: <T>(path: string): Promise<T> => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}): Promise<T> => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  del: (path: string): Promise<undefined> => request<undefined>('DELETE', path),
};

/** The problem of any thrown value (network failures and bugs included), for showing to the user. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    status: 0,
    code: 'CLIENT',
    detail: error instanceof Error ? error.message : 'Something went wrong.',
    problems: [],
  };
}

/** A query string from the set values only: `query({ a: 'x', b: '' })` → "?a=x". */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
