import { useState, type JSX, type SyntheticEvent } from 'react';
import type { PayerReport } from '../../../../../src/outcomes/cohort/payer.js';
import { DEFAULT_INDUCTION_DOSES } from '../../../../../src/outcomes/cohort/payer.js';
import { payerLines, type PayerLine } from '../../../../../src/outcomes/report/payer-text.js';
import { addDays } from '../../../../../src/shared/time-zone.js';
import { query } from '../../api.js';
import { Definition } from '../../components/Definition.js';
import { TextField } from '../../components/fields.js';
import { OutcomeInstrumentSelect } from '../../components/OutcomeInstrumentSelect.js';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Empty, ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { navigate, useLocation } from '../../router.js';
import { useResource } from '../../use-resource.js';

/** The period in the page's address: the first and the last day, both inclusive, as people say a period. */
export interface PayerPeriod {
  instrument: string;
  from: string;
  last: string;
  inductionDoses: string;
}

/** The labels of the fields, as each field and each refusal of it says them. */
export const PAYER_LABELS: Readonly<Record<keyof PayerPeriod, string>> = {
  instrument: 'Questionnaire',
  from: 'First day',
  last: 'Last day',
  inductionDoses: 'Induction series (doses)',
};

const today = (): string => new Date().toISOString().slice(0, 10);

/** The period of the address; by default the twelve months up to today. */
export function periodFrom(search: URLSearchParams): PayerPeriod {
  const last = search.get('last') ?? today();
  return {
    instrument: search.get('instrument') ?? 'gad7',
    from: search.get('from') ?? addDays(last, -364),
    last,
    inductionDoses: search.get('inductionDoses') ?? String(DEFAULT_INDUCTION_DOSES),
  };
}

/** What is wrong with a period, field by field, in the labels' words. */
export function periodProblems(period: PayerPeriod): Partial<Record<keyof PayerPeriod, string>> {
  const problems: Partial<Record<keyof PayerPeriod, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period.from)) problems.from = `Enter "${PAYER_LABELS.from}" as a date`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period.last)) problems.last = `Enter "${PAYER_LABELS.last}" as a date`;
  else if (problems.from === undefined && period.last < period.from)
    problems.last = `"${PAYER_LABELS.last}" must be on or after "${PAYER_LABELS.from}"`;
  const series = Number(period.inductionDoses);
  if (!(Number.isInteger(series) && series >= 1 && series <= 20))
    problems.inductionDoses = `"${PAYER_LABELS.inductionDoses}" must be a whole number from 1 to 20`;
  return problems;
}

/** The API's query for a period: `to` is the day after the last day (the API's periods end exclusive). */
export function apiQuery(period: PayerPeriod): string {
  return query({
    instrument: period.instrument,
    from: period.from,
    to: addDays(period.last, 1),
    inductionDoses: period.inductionDoses,
  });
}

function PeriodForm({ period }: { period: PayerPeriod }): JSX.Element {
  const [draft, setDraft] = useState(period);
  const [problems, setProblems] = useState<Partial<Record<keyof PayerPeriod, string>>>({});
  const set = (key: keyof PayerPeriod) => (value: string) => {
    setProblems((p) => ({ ...p, [key]: undefined }));
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const apply = (event: SyntheticEvent): void => {
    event.preventDefault();
    const found = periodProblems(draft);
    setProblems(found);
    const first = (Object.keys(found) as (keyof PayerPeriod)[])[0];
    if (first !== undefined) {
      document.getElementById(`payer-${first}`)?.focus();
      return;
    }
    navigate(`/report/payer${query({ ...draft })}`, { replace: true });
  };
  return (
    <form className="filters panel no-print" onSubmit={apply} aria-label="Report period" noValidate>
      <OutcomeInstrumentSelect
        id="payer-instrument"
        label={PAYER_LABELS.instrument}
        value={draft.instrument}
        onChange={set('instrument')}
      />
      <TextField
        id="payer-from"
        label={PAYER_LABELS.from}
        type="date"
        width="medium"
        value={draft.from}
        onChange={set('from')}
        error={problems.from}
      />
      <TextField
        id="payer-last"
        label={PAYER_LABELS.last}
        type="date"
        width="medium"
        value={draft.last}
        onChange={set('last')}
        error={problems.last}
      />
      <TextField
        id="payer-inductionDoses"
        label={PAYER_LABELS.inductionDoses}
        hint="Fewer doses than this, and none for 30 days, is a dropout"
        inputMode="numeric"
        width="short"
        value={draft.inductionDoses}
        onChange={set('inductionDoses')}
        error={problems.inductionDoses}
      />
      <div className="field">
        <button type="submit" className="button">
          Show the report
        </button>
      </div>
    </form>
  );
}

function Figure({ line, report }: { line: PayerLine; report: PayerReport }): JSX.Element {
  return (
    <div className="payer-figure">
      <dt>{line.label}</dt>
      <dd>
        <span className="payer-value">{line.value}</span>
        {line.detail === null ? null : <span className="payer-detail">{line.detail}</span>}
        <Definition text={report.definitions[line.definition]} />
      </dd>
    </div>
  );
}

function Report({ report, pdfHref }: { report: PayerReport; pdfHref: string }): JSX.Element {
  const lines = payerLines(report);
  return (
    <section aria-label="Report" className="payer-report">
      <SyntheticBanner show={report.synthetic} />
      <div className="page-head">
        <h2>{lines.title}</h2>
        <a className="button no-print" href={pdfHref} download>
          Download the one-page PDF
        </a>
      </div>
      {lines.meta.map((meta) => (
        <p key={meta} className="report-meta">
          {meta}
        </p>
      ))}
      <p className="report-meta">{lines.notAClaim}</p>
      {report.n === 0 ? (
        <Empty>No patient had a dose in this period, so there is nothing to report. Choose another period.</Empty>
      ) : (
        <>
          <table className="table">
            <caption>{lines.responseHeading}</caption>
            <thead>
              <tr>
                <th scope="col">Dose</th>
                <th scope="col">Response</th>
                <th scope="col">Remission</th>
                <th scope="col" className="numeric">
                  n
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.responseRows.map((row) => (
                <tr key={row.dose}>
                  <th scope="row">{row.dose}</th>
                  <td>{row.response}</td>
                  <td>{row.remission}</td>
                  <td className="numeric">{row.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="payer-definitions">
            <Definition text={report.definitions.ittResponse} label="Definition of response" />
            <Definition text={report.definitions.ittRemission} label="Definition of remission" />
          </div>
          <dl className="payer-figures">
            {lines.figures.map((line) => (
              <Figure key={line.label} line={line} report={report} />
            ))}
          </dl>
        </>
      )}
    </section>
  );
}

/** Outcomes for payers (docs/outcomes.md): one page per clinic and period, on screen and as a PDF. */
export function PayerReportPage(): JSX.Element {
  const location = useLocation();
  const period = periodFrom(location.searchParams);
  const valid = Object.keys(periodProblems(period)).length === 0;
  const search = apiQuery(period);
  const { data, error, loading, reload } = useResource<PayerReport>(valid ? `/api/v1/reports/payer${search}` : null);
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/report">Back to the clinic report</Link>
      </p>
      <PageHeading title="Outcomes for payers" />
      <p>
        A one-page summary for value-based contracts: response and remission by dose, dropout, cost per relief-day and
        per responder, adverse events and REMS forms on time. Every patient with a dose in the period counts.
      </p>
      <PeriodForm key={location.search} period={period} />
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {loading ? <Loading what="the report" /> : null}
      {data === null || loading ? null : <Report report={data} pdfHref={`/api/v1/reports/payer/pdf${search}`} />}
    </article>
  );
}

export default PayerReportPage;
