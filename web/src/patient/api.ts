import { toProblem, type Problem } from '../shared/problem.js';
import type { AskedWhen } from './skip-logic.js';

export type LinkState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

export interface FormItem {
  linkId: string;
  text: string;
  options: { value: number; label: string }[];
  /** Skip logic: asked only when every named item has this answer value (see skip-logic.ts). */
  askedWhen: AskedWhen[];
}

export interface LinkInfo {
  purpose: 'questionnaire' | 'progress';
  clinicName: string;
  expiresAt: string;
  questionnaire: { instrument: string; title: string; intro: string; items: FormItem[]; validated: boolean } | null;
}

export interface Submission {
  submittedAt: string;
  crisis: { message: string } | null;
}

export interface ProgressView {
  doses: { at: string }[];
  instruments: {
    instrument: string;
    name: string;
    range: { min: number; max: number };
    points: { at: string; total: number; band: string | null }[];
    summary: string;
  }[];
  /** How long the person's relief after a session has usually lasted, when the clinic shows it; else null. */
  relief: string | null;
}

export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** Calls the patient API with the link token in the X-Onset-Link header (never in the URL). */
async function call<T>(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Result<T>> {
  try {
    const response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { 'x-onset-link': token, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => null);
    return response.ok ? { ok: true, data: body as T } : { ok: false, problem: toProblem(response.status, body) };
  } catch {
    return { ok: false, problem: toProblem(0, null) };
  }
}

/** Why a link does (not) work: valid, expired, used, revoked or unknown. */
export async function linkStatus(token: string): Promise<Result<{ state: LinkState }>> {
  try {
    const response = await fetch('/api/v1/link/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body: unknown = await response.json().catch(() => null);
    return response.ok
      ? { ok: true, data: body as { state: LinkState } }
      : { ok: false, problem: toProblem(response.status, body) };
  } catch {
    return { ok: false, problem: toProblem(0, null) };
  }
}

export const linkInfo = (token: string): Promise<Result<LinkInfo>> => call<LinkInfo>('/api/v1/link', token);
export const submitAnswers = (token: string, answers: (number | null)[]): Promise<Result<Submission>> =>
  call<Submission>('/api/v1/link/responses', token, { method: 'POST', body: { answers } });
export const progress = (token: string): Promise<Result<ProgressView>> =>
  call<ProgressView>('/api/v1/link/progress', token);
