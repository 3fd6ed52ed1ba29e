import { useState } from 'react';
import { fieldProblems } from '../shared/problem.js';
import { problemOf } from './api.js';
import type { SummaryItem } from './components/ErrorSummary.js';

export interface FormErrors {
  /** Error message per server field name (e.g. 'mg'). */
  byField: Record<string, string>;
  summary: SummaryItem[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false };

const NONE: FormErrors = { byField: {}, summary: [] };

/**
 * Runs a form's write: client errors first (nothing is sent), then the API call; a refused write
 * puts the server's field problems beside their fields and in the summary. Field ids are `${prefix}-${field}`.
 */
export function useSubmit(prefix: string): {
  errors: FormErrors;
  busy: boolean;
  run: <T>(clientErrors: Partial<Record<string, string>>, action: () => Promise<T>) => Promise<Outcome<T>>;
  clear: () => void;
} {
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);
  const fieldId = (field: string): string => `${prefix}-${field}`;
  const run = async <T,>(clientErrors: Partial<Record<string, string>>, action: () => Promise<T>): Promise<Outcome<T>> => {
    const entries = Object.entries(clientErrors).filter((e): e is [string, string] => e[1] !== undefined);
    if (entries.length > 0) {
      setErrors({ byField: Object.fromEntries(entries), summary: entries.map(([field, message]) => ({ fieldId: fieldId(field), message })) });
      return { ok: false };
    }
    setBusy(true);
    try {
      const value = await action();
      setErrors(NONE);
      return { ok: true, value };
    } catch (error) {
      const problem = problemOf(error);
      const fields = fieldProblems(problem);
      const present = fields.filter((f) => document.getElementById(fieldId(f.field)) !== null);
      setErrors({
        byField: Object.fromEntries(present.map((f) => [f.field, f.reason])),
        summary:
          present.length === 0
            ? [{ fieldId: null, message: problem.detail }]
            : fields.map((f) => ({ fieldId: present.includes(f) ? fieldId(f.field) : null, message: `${f.field}: ${f.reason}` })),
      });
      return { ok: false };
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, run, clear: () => setErrors(NONE) };
}
