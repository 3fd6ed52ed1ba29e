import { useState, type JSX, type ReactNode } from 'react';
import { fieldProblems } from '../../shared/problem.js';
import { problemOf } from '../api.js';
import { inLabels } from '../form-words.js';
import { ErrorSummary, type SummaryItem } from './ErrorSummary.js';

/**
 * The one scaffold of the app's submitting forms: `useForm` holds a form's errors and busy state and runs
 * its write; `RecordForm` draws the `<form noValidate>`, its heading, the error summary and the buttons.
 * Field ids are `${prefix}-${field}`, so a server field problem lands beside the box it names.
 */

export interface FormErrors {
  /** Error message per server field name (e.g. 'mg'). */
  byField: Record<string, string>;
  summary: SummaryItem[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false };

/** Client-side errors keyed by server field name; `undefined` means the field is fine. */
export type ClientErrors = Partial<Record<string, string | undefined>>;

export interface FormState {
  prefix: string;
  errors: FormErrors;
  busy: boolean;
  /** The id and error of one field, to spread onto a TextField, SelectField, TextArea or CheckboxGroup. */
  field: (name: string) => { id: string; error: string | undefined };
  /** Shows the client errors (nothing is sent); true when there are none, and then the shown errors are cleared. */
  check: (clientErrors: ClientErrors) => boolean;
  /**
   * Client errors first (nothing is sent when there are any), then the API call; a refused write puts the server's
   * field problems beside their fields and in the summary.
   */
  run: <T>(clientErrors: ClientErrors, action: () => Promise<T>) => Promise<Outcome<T>>;
}

const NONE: FormErrors = { byField: {}, summary: [] };

/** The form's fields by their labels as the page shows them: field name → label text (`<label for="prefix-field">`). */
function labelsOnPage(prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const label of document.querySelectorAll<HTMLLabelElement>(`label[for^="${prefix}-"]`)) {
    const text = label.textContent.replace(/\s*\(optional\)\s*$/i, '').trim();
    if (text !== '') found[label.htmlFor.slice(prefix.length + 1)] = text;
  }
  return found;
}

/**
 * `labels` names the fields as the form's labels do (server field name → label), so a server's field problem reads
 * in the summary as "Email address: must be an e-mail address", not by the code's name.
 */
export function useForm(prefix: string, labels: Readonly<Record<string, string>> = {}): FormState {
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [busy, setBusy] = useState(false);
  const fieldId = (field: string): string => `${prefix}-${field}`;
  const check = (clientErrors: ClientErrors): boolean => {
    const entries = Object.entries(clientErrors).filter((e): e is [string, string] => e[1] !== undefined);
    if (entries.length === 0) {
      setErrors(NONE);
      return true;
    }
    setErrors({
      byField: Object.fromEntries(entries),
      summary: entries.map(([field, message]) => ({ fieldId: fieldId(field), message })),
    });
    return false;
  };
  const run = async <T,>(clientErrors: ClientErrors, action: () => Promise<T>): Promise<Outcome<T>> => {
    if (!check(clientErrors)) return { ok: false };
    setBusy(true);
    try {
      const value = await action();
      setErrors(NONE);
      return { ok: true, value };
    } catch (error) {
      const problem = problemOf(error);
      const fields = fieldProblems(problem);
      const present = fields.filter((f) => document.getElementById(fieldId(f.field)) !== null);
      // The user's words: each field by its label on the page, in the summary and inside a reason that names
      // another field ("must be lower than systolicBefore" → 'must be lower than "Systolic before"').
      const named = { ...labelsOnPage(prefix), ...labels };
      const reasonOf = (reason: string): string => inLabels(reason, named);
      setErrors({
        byField: Object.fromEntries(present.map((f) => [f.field, reasonOf(f.reason)])),
        summary:
          present.length === 0
            ? [{ fieldId: null, message: reasonOf(problem.detail) }]
            : fields.map((f) => ({
                fieldId: present.includes(f) ? fieldId(f.field) : null,
                message: `${named[f.field] ?? f.field}: ${reasonOf(f.reason)}`,
              })),
      });
      return { ok: false };
    } finally {
      setBusy(false);
    }
  };
  return { prefix, errors, busy, field: (name) => ({ id: fieldId(name), error: errors.byField[name] }), check, run };
}

export interface RecordFormProps {
  form: FormState;
  /** The heading, which also names the form (id `${prefix}-title`); without one, `label` names it. */
  title?: string;
  label?: string;
  /**
   * The heading's level: 3 for a form inside a page section (the default), 2 for a page's panel, 1 for a page of its
   * own.
   */
  level?: 1 | 2 | 3;
  /** Shown between the heading and the error summary. */
  intro?: ReactNode;
  /** Defaults to "record-form" (the bordered box); null for none. */
  className?: string | null;
  onSubmit: () => void | Promise<void>;
  /** The submit button's words; without them (and without `actions`) the form has no buttons. */
  submit?: string;
  /** The submit button's words while the write runs. */
  busyText?: string;
  onCancel?: () => void;
  /** Replaces the submit and cancel buttons (e.g. a confirmation step). */
  actions?: ReactNode;
  /** Shown after the buttons (e.g. a "Saved" status). */
  footer?: ReactNode;
  children: ReactNode;
}

export function RecordForm(props: RecordFormProps): JSX.Element {
  const { form } = props;
  const titleId = `${form.prefix}-title`;
  const Heading = `h${props.level ?? 3}` as const;
  const buttons =
    props.submit === undefined ? null : (
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? (props.busyText ?? 'Saving…') : props.submit}
        </button>
        {props.onCancel === undefined ? null : (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    );
  return (
    <form
      noValidate
      className={props.className === null ? undefined : (props.className ?? 'record-form')}
      {...(props.title === undefined ? { 'aria-label': props.label } : { 'aria-labelledby': titleId })}
      onSubmit={(event) => {
        event.preventDefault();
        void props.onSubmit();
      }}
    >
      {props.title === undefined ? null : <Heading id={titleId}>{props.title}</Heading>}
      {props.intro}
      <ErrorSummary items={form.errors.summary} />
      {props.children}
      {props.actions ?? buttons}
      {props.footer}
    </form>
  );
}
