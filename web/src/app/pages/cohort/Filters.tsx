import { useState, type SyntheticEvent, type JSX } from 'react';
import { CONDITIONS, ROUTES, SETTINGS } from '../../../../../src/shared/vocabulary.js';
import { query } from '../../api.js';
import { SelectField, TextField } from '../../components/fields.js';
import { OutcomeInstrumentSelect } from '../../components/OutcomeInstrumentSelect.js';
import { CONDITION_WORDS, ROUTE_WORDS, SETTING_WORDS, words } from '../../format.js';
import { navigate } from '../../router.js';

export interface CohortFilter {
  instrument: string;
  condition: string;
  route: string;
  setting: string;
  from: string;
  to: string;
}

/** The filter in the page's address (so a filtered view can be bookmarked and shared). */
export function filterFrom(search: URLSearchParams): CohortFilter {
  return {
    instrument: search.get('instrument') ?? 'gad7',
    condition: search.get('condition') ?? '',
    route: search.get('route') ?? '',
    setting: search.get('setting') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
}

/** Each filter's label, as its field shows it and as a refusal of it is worded (CohortPage.tsx). */
export const FILTER_LABELS: Readonly<Record<keyof CohortFilter, string>> = {
  instrument: 'Questionnaire',
  condition: 'Condition',
  route: 'Route',
  setting: 'Setting',
  from: 'Doses from',
  to: 'Doses before',
};

/** Why the period cannot be applied, in the fields' own words; undefined when it can. */
export function periodProblem(filter: Pick<CohortFilter, 'from' | 'to'>): string | undefined {
  if (filter.from === '' || filter.to === '' || filter.to > filter.from) return undefined;
  return `"${FILTER_LABELS.to}" must be a later date than "${FILTER_LABELS.from}"`;
}

/**
 * Who is in the cohort: questionnaire, condition, route, setting, and the period of doses. Not a RecordForm
 * (components/Form.tsx): it writes nothing, it only changes the page's address.
 */
export function Filters({ filter, path }: { filter: CohortFilter; path: string }): JSX.Element {
  const [draft, setDraft] = useState(filter);
  const [toError, setToError] = useState<string | undefined>(undefined);
  const set = (key: keyof CohortFilter) => (value: string) => {
    if (key === 'from' || key === 'to') setToError(undefined);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const apply = (event: SyntheticEvent): void => {
    event.preventDefault();
    // The server refuses the same ("to: must be after from"); said here at the field, in the labels' words,
    // and the report on the page stays as it was.
    const problem = periodProblem(draft);
    setToError(problem);
    if (problem !== undefined) {
      document.getElementById('cohort-to')?.focus();
      return;
    }
    navigate(`${path}${query({ ...draft })}`, { replace: true });
  };
  const all = (label: string): { value: string; label: string } => ({ value: '', label });
  return (
    <form className="filters panel no-print" onSubmit={apply} aria-label="Cohort filters">
      <OutcomeInstrumentSelect
        id="cohort-instrument"
        label={FILTER_LABELS.instrument}
        value={draft.instrument}
        onChange={set('instrument')}
      />
      <SelectField
        id="cohort-condition"
        label={FILTER_LABELS.condition}
        value={draft.condition}
        onChange={set('condition')}
        options={[all('all conditions'), ...CONDITIONS.map((c) => ({ value: c, label: words(CONDITION_WORDS, c) }))]}
      />
      <SelectField
        id="cohort-route"
        label={FILTER_LABELS.route}
        value={draft.route}
        onChange={set('route')}
        options={[all('all routes'), ...ROUTES.map((r) => ({ value: r, label: words(ROUTE_WORDS, r) }))]}
      />
      <SelectField
        id="cohort-setting"
        label={FILTER_LABELS.setting}
        value={draft.setting}
        onChange={set('setting')}
        options={[all('all settings'), ...SETTINGS.map((s) => ({ value: s, label: words(SETTING_WORDS, s) }))]}
      />
      <TextField
        id="cohort-from"
        label={FILTER_LABELS.from}
        type="date"
        width="medium"
        value={draft.from}
        onChange={set('from')}
      />
      <TextField
        id="cohort-to"
        label={FILTER_LABELS.to}
        type="date"
        width="medium"
        value={draft.to}
        onChange={set('to')}
        error={toError}
      />
      <div className="field">
        <button type="submit" className="button">
          Apply
        </button>
        <button type="button" className="button button-secondary" onClick={() => navigate(path, { replace: true })}>
          Reset
        </button>
      </div>
    </form>
  );
}
