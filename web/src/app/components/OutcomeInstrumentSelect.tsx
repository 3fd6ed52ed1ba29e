import type { JSX } from 'react';
import { instrumentName, useInstruments } from '../instruments.js';
import { SelectField } from './fields.js';

/**
 * The questionnaire an outcome report is computed on: the instruments with a response definition, by their own
 * names (the chosen one alone, by its name, until the list has loaded).
 */
export function OutcomeInstrumentSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}): JSX.Element {
  const all = useInstruments();
  const instruments = all.filter((i) => i.responseFraction !== null);
  return (
    <SelectField
      {...props}
      options={
        instruments.length === 0
          ? [{ value: props.value, label: instrumentName(all, props.value) }]
          : instruments.map((i) => ({ value: i.id, label: i.shortName }))
      }
    />
  );
}
