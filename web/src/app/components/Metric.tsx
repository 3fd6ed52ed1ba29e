import type { JSX, ReactNode } from 'react';
import type { OutcomeDefinitionText } from '../types.js';
import { Definition } from './Definition.js';

/** One number as Onset shows every number: its label, value, n, date range, and definition one click away. */
export function Metric(props: {
  label: string;
  value: ReactNode;
  n?: string;
  range?: string;
  note?: ReactNode;
  definition?: OutcomeDefinitionText;
}): JSX.Element {
  return (
    <div className="metric">
      <dt className="metric-label">{props.label}</dt>
      <dd className="metric-value" title={props.definition?.definition}>
        {props.value}
      </dd>
      {props.n === undefined && props.range === undefined ? null : (
        <dd className="metric-n">{[props.n, props.range].filter((part) => part !== undefined).join(' · ')}</dd>
      )}
      {props.note === undefined ? null : <dd className="metric-note">{props.note}</dd>}
      {props.definition === undefined ? null : (
        <dd className="metric-definition">
          <Definition text={props.definition} />
        </dd>
      )}
    </div>
  );
}
