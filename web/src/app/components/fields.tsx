import type { JSX, ReactNode } from 'react';

interface Common {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** Shown after the box (e.g. "mg"); the label names the unit too, for screen readers. */
  unit?: string;
  className?: string;
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  const ids = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`].filter(
    (x) => x !== '',
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

function Frame(props: Common & { children: ReactNode; extra?: ReactNode }): JSX.Element {
  return (
    <div
      className={`field${props.error === undefined ? '' : ' field-error'}${props.className === undefined ? '' : ` ${props.className}`}`}
    >
      <label className="field-label" htmlFor={props.id}>
        {props.label}
        {props.optional === true ? <span className="optional"> (optional)</span> : null}
      </label>
      {props.hint === undefined ? null : (
        <div className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error === undefined ? null : (
        <p className="error-message" id={`${props.id}-error`}>
          <span className="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      <div className="input-wrap">
        {props.children}
        {props.unit === undefined ? null : (
          <span className="unit" aria-hidden="true">
            {props.unit}
          </span>
        )}
      </div>
      {props.extra}
    </div>
  );
}

/** A text, number, date or e-mail box with label, hint, error and unit. */
export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'password' | 'datetime-local' | 'date' | 'search';
    inputMode?: 'decimal' | 'numeric' | 'text';
    autoComplete?: string;
    width?: 'short' | 'medium' | 'long';
    extra?: ReactNode;
  },
): JSX.Element {
  return (
    <Frame {...props}>
      <input
        id={props.id}
        name={props.id}
        className={`input input-${props.width ?? 'long'}`}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
        spellCheck={false}
      />
    </Frame>
  );
}

/** A drop-down of options (value → words). */
export function SelectField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
  },
): JSX.Element {
  return (
    <Frame {...props}>
      <select
        id={props.id}
        name={props.id}
        className="select"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A multi-line note. */
export function TextArea(props: Common & { value: string; onChange: (value: string) => void }): JSX.Element {
  return (
    <Frame {...props}>
      <textarea
        id={props.id}
        name={props.id}
        className="textarea"
        rows={3}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error === undefined ? undefined : true}
      />
    </Frame>
  );
}

/** Checkboxes in a fieldset whose legend is the question. */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  values: readonly string[];
  onChange: (values: string[]) => void;
}): JSX.Element {
  const toggle = (value: string, on: boolean): void => {
    props.onChange(on ? [...props.values, value] : props.values.filter((v) => v !== value));
  };
  return (
    <fieldset
      className={`field fieldset${props.error === undefined ? '' : ' field-error'}`}
      aria-describedby={describedBy(props.id, props.hint, props.error)}
    >
      <legend className="field-label">{props.legend}</legend>
      {props.hint === undefined ? null : (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error === undefined ? null : (
        <p className="error-message" id={`${props.id}-error`}>
          <span className="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      <div className="checkboxes" id={props.id}>
        {props.options.map((option, i) => (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={`${props.id}-${i}`}
              checked={props.values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label htmlFor={`${props.id}-${i}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Options for a SelectField from a word map (code → words), with an optional empty first choice. */
export function optionsOf(map: Readonly<Record<string, string>>, empty?: string): { value: string; label: string }[] {
  const options = Object.entries(map).map(([value, label]) => ({ value, label }));
  return empty === undefined ? options : [{ value: '', label: empty }, ...options];
}
