import { useMemo, useState, type JSX } from 'react';
import { groupsOf, SurvivalChart } from '../../charts/SurvivalChart.js';
import { Definition } from '../../components/Definition.js';
import { CONDITION_WORDS, date, percent, ROUTE_WORDS, SETTING_WORDS, words } from '../../format.js';
import { instrumentName, useInstruments } from '../../instruments.js';
import type { CohortView } from '../../types.js';
import { figuresOf, type Thresholds } from './use-cohort.js';
import type { CohortFilter } from './Filters.js';
import { ResponseByDose } from './ResponseByDose.js';
import { AdverseEvents, BoosterHistogram, CostPerResponder } from './SafetyAndCost.js';

/** Who the figures are about, in words: "GAD-7 · GAD · IV · doses from 1 Jan 2026". */
export function describeFilter(filter: CohortFilter, name: string): string {
  const parts = [
    name,
    filter.condition === '' ? 'all conditions' : words(CONDITION_WORDS, filter.condition),
    filter.route === '' ? 'all routes' : words(ROUTE_WORDS, filter.route),
    filter.setting === '' ? 'all settings' : words(SETTING_WORDS, filter.setting),
    filter.from === '' && filter.to === ''
      ? 'all dates'
      : `doses ${filter.from === '' ? '' : `from ${date(filter.from)}`}${filter.to === '' ? '' : ` before ${date(filter.to)}`}`.trim(),
  ];
  return parts.join(' · ');
}

/** Every cohort figure, each with its n and definitions (used by the cohort page and the printable report). */
export function CohortSections({
  report,
  filter,
  headingLevel = 2,
}: {
  report: CohortView & { thresholds: Thresholds | null };
  filter: CohortFilter;
  headingLevel?: 2 | 3;
}): JSX.Element {
  const instruments = useInstruments();
  const [split, setSplit] = useState<'condition' | 'overall'>(filter.condition === '' ? 'condition' : 'overall');
  const figures = figuresOf(report);
  const onsetGroups = useMemo(() => groupsOf(figures.onset, split), [figures, split]);
  const reliefGroups = useMemo(() => groupsOf(figures.relief, split), [figures, split]);
  const H = `h${headingLevel}` as 'h2';
  const name = instrumentName(instruments, report.instrument);
  const d = report.definitions;
  if (report.suppressed !== undefined) {
    return (
      <p className="empty suppressed">
        <strong>n: {report.suppressed}</strong>. Fewer patients match these filters than this clinic publishes to
        researchers, so no figure is shown. Widen the filters.
      </p>
    );
  }
  if (report.n === 0) {
    return (
      <p className="empty">
        No patients match these filters: nobody had a dose that meets them. Widen the filters or pick another period.
      </p>
    );
  }
  return (
    <>
      <p className="lede">
        <strong>n = {report.n}</strong> patients who started (intention to treat) · {describeFilter(filter, name)}.{' '}
        {report.withoutBaseline} without a baseline {name} count as non-responders.
      </p>
      {report.thresholds === null ? null : (
        <p className="hint">
          {name} thresholds: response = a drop of at least {percent(report.thresholds.responseFraction)} from baseline;
          remission = {report.thresholds.remissionMax ?? '—'} or less.
        </p>
      )}
      <Definition text={d.baseline} label="What is a baseline?" />

      <H>Response and remission by dose number</H>
      <ResponseByDose rows={figures.responseByDose.rows} definitions={d} n={figures.n} />

      <fieldset className="fieldset no-print">
        <legend className="field-label">Curves</legend>
        <div className="checkboxes">
          {(['condition', 'overall'] as const).map((value) => (
            <div className="checkbox" key={value}>
              <input
                type="radio"
                id={`split-${value}`}
                name="split"
                checked={split === value}
                onChange={() => setSplit(value)}
              />
              <label htmlFor={`split-${value}`}>
                {value === 'condition' ? 'By condition (groups overlap)' : 'All patients together'}
              </label>
            </div>
          ))}
        </div>
      </fieldset>

      <H>Time to onset</H>
      <Withheld figure={report.onset} />
      <SurvivalChart
        id="onset"
        figure={figures.onset}
        groups={onsetGroups}
        scale="cumulative"
        yLabel="Share who had responded"
        xLabel="Days since the first dose"
        definitions={d}
      />

      <H>How long relief lasts</H>
      <Withheld figure={report.relief} />
      <SurvivalChart
        id="relief"
        figure={figures.relief}
        groups={reliefGroups}
        scale="survival"
        yLabel="Share still in relief"
        xLabel="Days since the dose"
        definitions={d}
      />

      <H>Adverse events per 100 doses</H>
      <Withheld figure={report.adverseEvents} />
      <AdverseEvents figure={figures.adverseEvents} definitions={d} />

      <H>Booster rate</H>
      <Withheld figure={report.boosterRate} />
      <BoosterHistogram figure={figures.boosterRate} definitions={d} />

      <H>Cost per responder</H>
      <CostPerResponder figure={figures.costPerResponder} definitions={d} />
    </>
  );
}

/** Why a figure is withheld from this reader (small-cell suppression), shown above what is left of it. */
function Withheld({ figure }: { figure: { suppressed?: string } }): JSX.Element | null {
  return figure.suppressed === undefined ? null : (
    <p className="hint suppressed">
      This figure is {figure.suppressed}: it would describe fewer patients than the clinic publishes to researchers.
    </p>
  );
}
