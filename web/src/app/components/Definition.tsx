import type { JSX } from 'react';
import type { OutcomeDefinitionText } from '../types.js';

/** The plain-words definition of a number, one click away (a native disclosure: keyboard and screen-reader ready). */
export function Definition({
  text,
  label = 'Definition',
}: {
  text: OutcomeDefinitionText | string | undefined;
  label?: string;
}): JSX.Element | null {
  if (text === undefined) return null;
  const body = typeof text === 'string' ? text : text.definition;
  const title = typeof text === 'string' ? label : text.label;
  return (
    <details className="definition">
      <summary>
        {label}
        <span className="visually-hidden">: {title}</span>
      </summary>
      <p>{body}</p>
      {typeof text === 'string' ? null : <p className="definition-source">Source: {text.source}</p>}
    </details>
  );
}
