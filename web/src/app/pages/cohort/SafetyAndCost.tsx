import * as Plot from '@observablehq/plot';
import { useCallback, type JSX } from 'react';
import { OKABE_ITO } from '../../charts/palette.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { Definition } from '../../components/Definition.js';
import { Metric } from '../../components/Metric.js';
import { PlotFigure } from '../../components/PlotFigure.js';
import { ADVERSE_WORDS, num, usd, words } from '../../format.js';
import type { CohortReport, Definitions } from '../../types.js';

type AdverseRow = CohortReport['adverseEvents']['byCategory'][number];

/** Adverse events per 100 doses, by category, with counts and the dose denominator. */
export function AdverseEvents({
  figure,
  definitions,
}: {
  figure: CohortReport['adverseEvents'];
  definitions: Definitions;
}): JSX.Element {
  const rows = [...figure.byCategory].sort((a, b) => rateOf(b) - rateOf(a));
  // Withheld categories are listed in the table with their label, not drawn as bars.
  const drawn = rows.filter((r) => typeof r.per100Doses === 'number');
  const render = useCallback(
    (width: number) =>
      Plot.plot({
        className: 'plot',
        width,
        height: 40 + 28 * Math.max(drawn.length, 1),
        marginLeft: 170,
        marginRight: 90,
        ariaLabel: 'Adverse events per 100 doses by category',
        x: { label: 'Events per 100 doses', grid: true, labelAnchor: 'center', labelArrow: 'none' },
        y: { domain: drawn.map((r) => words(ADVERSE_WORDS, r.category)), label: null },
        marks: [
          Plot.barX(drawn, {
            y: (r: AdverseRow) => words(ADVERSE_WORDS, r.category),
            x: 'per100Doses',
            fill: OKABE_ITO.reddishPurple,
          }),
          Plot.text(drawn, {
            y: (r: AdverseRow) => words(ADVERSE_WORDS, r.category),
            x: 'per100Doses',
            text: (r: AdverseRow) => `${num(r.per100Doses, 2)} (${r.count})`,
            textAnchor: 'start',
            dx: 4,
          }),
          Plot.ruleX([0]),
        ],
      }),
    [drawn],
  );
  const columns: Column<AdverseRow>[] = [
    { header: 'Category', cell: (r) => words(ADVERSE_WORDS, r.category) },
    { header: 'Events', cell: (r) => String(r.count), numeric: true },
    { header: 'Per 100 doses', cell: (r) => num(r.per100Doses, 2), csv: (r) => r.per100Doses, numeric: true },
  ];
  return (
    <div className="figure-block">
      {rows.length === 0 ? (
        <p>No adverse events recorded for this cohort ({figure.doses} doses).</p>
      ) : (
        <PlotFigure
          render={render}
          caption={`${figure.events} events over n = ${figure.doses} doses. Bars: events per 100 doses (count in brackets).`}
        />
      )}
      <Definition text={definitions.adverseEventsPer100Doses} />
      {rows.length === 0 ? null : (
        <DataTable
          caption="Adverse events per 100 doses"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.category}
          filename="adverse-events-per-100-doses.csv"
        />
      )}
    </div>
  );
}

function rateOf(row: AdverseRow): number {
  return typeof row.per100Doses === 'number' ? row.per100Doses : -1;
}

/** The distribution of booster rates (doses per 30 days after the first 30 days), with its median. */
export function BoosterHistogram({
  figure,
  definitions,
}: {
  figure: CohortReport['boosterRate'];
  definitions: Definitions;
}): JSX.Element {
  const width = figure.bins.find((b) => b.to !== null);
  const binWidth = width?.to === null || width?.to === undefined ? 1 : width.to - width.from;
  const bins = figure.bins.map((b) => ({
    ...b,
    end: b.to ?? b.from + binWidth,
    label: b.to === null ? `${b.from}+` : `${b.from}–${b.to}`,
  }));
  const render = useCallback(
    (w: number) =>
      Plot.plot({
        className: 'plot',
        width: w,
        height: 240,
        marginLeft: 48,
        marginTop: 28,
        ariaLabel: 'Booster rate histogram',
        x: { label: 'Doses per 30 days after the first 30 days', labelAnchor: 'center', labelArrow: 'none' },
        y: { label: 'Patients', grid: true, labelArrow: 'none' },
        marks: [
          Plot.rectY(
            bins.filter((b) => typeof b.count === 'number'),
            { x1: 'from', x2: 'end', y: 'count', fill: OKABE_ITO.blue, inset: 1 },
          ),
          Plot.text(
            bins.filter((b) => b.count > 0),
            {
              x: (b: (typeof bins)[number]) => (b.from + b.end) / 2,
              y: 'count',
              text: (b: (typeof bins)[number]) => String(b.count),
              dy: -7,
            },
          ),
          figure.median === null
            ? null
            : Plot.ruleX([figure.median], { stroke: OKABE_ITO.vermillion, strokeWidth: 2, strokeDasharray: '5,3' }),
          figure.median === null
            ? null
            : Plot.text([figure.median], {
                x: (m: number) => m,
                frameAnchor: 'top',
                text: () => `median ${num(figure.median, 2)}`,
                dx: 6,
                dy: 8,
                textAnchor: 'start',
                fill: '#a84a00',
                fontWeight: 600,
              }),
          Plot.ruleY([0]),
        ],
      }),
    [bins, figure.median],
  );
  const columns: Column<(typeof bins)[number]>[] = [
    { header: 'Doses per 30 days', cell: (b) => b.label },
    { header: 'Patients', cell: (b) => String(b.count), numeric: true },
  ];
  return (
    <div className="figure-block">
      <PlotFigure
        render={render}
        caption={`n = ${figure.n} patients followed for more than 30 days; ${figure.excludedShortFollowUp} with 30 days or less left out. Median ${num(figure.median, 2)} doses per 30 days.`}
      />
      <Definition text={definitions.boosterRate} />
      <DataTable
        caption="Booster rate distribution"
        columns={columns}
        rows={bins}
        rowKey={(b) => b.label}
        filename="booster-rate.csv"
      />
    </div>
  );
}

/** Cost per responder: total cost of everyone who started ÷ those who ever responded. */
export function CostPerResponder({
  figure,
  definitions,
}: {
  figure: CohortReport['costPerResponder'];
  definitions: Definitions;
}): JSX.Element {
  return (
    <dl className="metrics">
      <Metric
        label="Cost per responder"
        value={usd(figure.valueUsd)}
        n={`n = ${figure.n} patients who started; ${figure.responders} responded`}
        note={
          figure.patientsWithUnknownCost > 0
            ? `${figure.patientsWithUnknownCost} patients have doses with no price, so the total is unknown`
            : `total ${usd(figure.totalCostUsd)}`
        }
        definition={definitions.costPerResponder}
      />
    </dl>
  );
}
