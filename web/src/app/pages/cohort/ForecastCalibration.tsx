import * as Plot from '@observablehq/plot';
import { useCallback, useEffect, type JSX } from 'react';
import type { CalibrationView } from '../../../../../src/forecast/types.js';
import { OKABE_ITO } from '../../charts/palette.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { Definition } from '../../components/Definition.js';
import { PlotFigure } from '../../components/PlotFigure.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { num, percent } from '../../format.js';
import { useResource } from '../../use-resource.js';

type Ready = Extract<CalibrationView, { status: 'ready' }>;
type Bin = Ready['bins'][number];

/** How long to wait before asking again while the clinic's fit is running. */
const PENDING_RETRY_MS = 3000;

// docs/outcomes.md "Forecast: how far to trust it" (the clinic calibration view).
const RELIABILITY_DEFINITION =
  "Each past relief episode after a patient's first was forecast from that patient's earlier episodes by a model fitted on the other half of the clinic's patients. Forecasts are grouped in tenths of the predicted chance that relief still holds 7 days after the dose; each point is a group's mean predicted chance against the share in which relief did hold. An episode counts only when its check-ins show the answer (relief seen at day 7 or later, or seen to end by day 7). Points on the diagonal mean the forecast was right on average.";
const COVERAGE_DEFINITION =
  "Of the past forecasts whose episode's check-ins show whether relief ended inside the forecast's 80% window (the last responding check-in and the first non-responding one both inside it, or both outside it), the share that ended inside. Forecasts whose check-ins straddle an end of the window, or whose relief had not ended by the last check-in inside it, cannot be judged and are left out, so this is a check, not an exact coverage.";

const numeric = (v: number | string): v is number => typeof v === 'number';

/**
 * The reliability plot: mean predicted vs observed share per bin, the diagonal, each point sized and labelled with its
 * n.
 */
function ReliabilityPlot({ bins }: { bins: readonly Bin[] }): JSX.Element {
  const drawn = bins.flatMap((b) =>
    numeric(b.predicted) && numeric(b.observed) && numeric(b.n)
      ? [{ x: b.predicted * 100, y: b.observed * 100, n: b.n }]
      : [],
  );
  const render = useCallback(
    (width: number) =>
      Plot.plot({
        className: 'plot',
        width: Math.min(width, 460),
        height: Math.min(width, 460),
        marginLeft: 52,
        marginBottom: 44,
        ariaLabel: 'Reliability of past forecasts: predicted against observed chance that relief held to day 7',
        x: {
          domain: [0, 100],
          label: 'Predicted chance relief holds to day 7 (%)',
          grid: true,
          labelAnchor: 'center',
          labelArrow: 'none',
        },
        y: { domain: [0, 100], label: 'Observed share (%)', grid: true, labelAnchor: 'center', labelArrow: 'none' },
        r: { range: [4, 14] },
        marks: [
          Plot.line(
            [
              [0, 0],
              [100, 100],
            ],
            { stroke: OKABE_ITO.black, strokeDasharray: '4,3', strokeOpacity: 0.6 },
          ),
          Plot.dot(drawn, { x: 'x', y: 'y', r: 'n', fill: OKABE_ITO.blue, fillOpacity: 0.75, stroke: OKABE_ITO.blue }),
          Plot.text(drawn, { x: 'x', y: 'y', text: (d: (typeof drawn)[number]) => `n = ${d.n}`, dy: -16 }),
        ],
      }),
    [drawn],
  );
  return (
    <PlotFigure
      render={render}
      caption="Dashed diagonal: perfect calibration. Each point is a group of past forecasts, sized and labelled with its n."
    />
  );
}

/** "Of N past forecasts whose outcome is known, X% of ends fell inside the 80% window (target 80%)". */
function CoverageSentence({ coverage }: { coverage: Ready['coverage'] }): JSX.Element {
  if (coverage.suppressed !== undefined)
    return (
      <p className="coverage hint suppressed">
        The coverage of the 80% window is {coverage.suppressed}: it would describe fewer forecasts than the clinic
        publishes to researchers.
      </p>
    );
  if (coverage.judged === 0)
    return (
      <p className="coverage">
        None of the past forecasts can be judged against the 80% window yet: their check-ins do not show whether relief
        ended inside it.
      </p>
    );
  return (
    <p className="coverage">
      Of {num(coverage.judged, 0)} past forecasts whose outcome is known, {percent(coverage.share)} of ends fell inside
      the 80% window (target {percent(coverage.target)}).
    </p>
  );
}

/**
 * "How far to trust the forecast": the calibration of the clinic's own past relief forecasts, or why there is none yet.
 */
export function ForecastCalibration(): JSX.Element {
  const { data, error, loading, reload } = useResource<CalibrationView>('/api/v1/cohort/forecast-calibration');
  const pending = data?.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(reload, PENDING_RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [pending, reload]);
  const columns: Column<Bin>[] = [
    {
      header: 'Predicted chance relief holds to day 7',
      cell: (b) => percent(b.predicted),
      csv: (b) => b.predicted,
      numeric: true,
    },
    { header: 'Observed share', cell: (b) => percent(b.observed), csv: (b) => b.observed, numeric: true },
    { header: 'Forecasts (n)', cell: (b) => num(b.n, 0), csv: (b) => b.n, numeric: true },
  ];
  return (
    <section className="calibration-block" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">How far to trust the forecast</h2>
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {data === null && loading ? <Loading what="the forecast's calibration" /> : null}
      {data === null ? null : data.status === 'pending' ? (
        <p className="empty">{data.text}</p>
      ) : data.status !== 'ready' ? (
        <p className="empty">{data.text}</p>
      ) : (
        <>
          <p>
            The clinic&apos;s own past relief forecasts on the 24-hour check-in, each made as the forecast card would
            have made it, against what followed: n = {num(data.forecasts, 0)} forecasts of {num(data.patients, 0)}{' '}
            patients ({num(data.episodes, 0)} relief episodes).
          </p>
          {data.bins.length === 0 ? (
            <p className="empty">No past forecast&apos;s day-7 answer is known yet.</p>
          ) : (
            <ReliabilityPlot bins={data.bins} />
          )}
          <Definition
            text={{ label: 'Reliability at day 7', definition: RELIABILITY_DEFINITION, source: 'docs/outcomes.md' }}
          />
          {data.bins.length === 0 ? null : (
            <DataTable
              caption="Reliability of past forecasts at day 7"
              columns={columns}
              rows={data.bins}
              rowKey={(_, i) => String(i)}
              filename="forecast-reliability.csv"
            />
          )}
          <CoverageSentence coverage={data.coverage} />
          <Definition
            text={{ label: 'Coverage of the 80% window', definition: COVERAGE_DEFINITION, source: 'docs/outcomes.md' }}
          />
        </>
      )}
    </section>
  );
}
