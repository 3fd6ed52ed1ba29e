import * as Plot from '@observablehq/plot';
import { useCallback, type JSX } from 'react';
import { OKABE_ITO } from '../../charts/palette.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { Definition } from '../../components/Definition.js';
import { PlotFigure } from '../../components/PlotFigure.js';
import { proportion } from '../../format.js';
import type { Definitions, DoseRow } from '../../types.js';

type Analysis = 'itt' | 'perProtocol';
const TITLE: Record<Analysis, string> = { itt: 'Intention to treat', perProtocol: 'Per protocol' };

/** Response and remission after dose 1, 2, 3, …: intention to treat and per protocol side by side, with 95% CIs. */
export function ResponseByDose({
  rows,
  definitions,
  n,
}: {
  rows: DoseRow[];
  definitions: Definitions;
  n: number;
}): JSX.Element {
  const itt = useCallback((width: number) => chart(rows, 'itt', width), [rows]);
  const pp = useCallback((width: number) => chart(rows, 'perProtocol', width), [rows]);
  const first = rows[0];
  return (
    <div className="figure-block">
      <div className="chart-row">
        <PlotFigure
          render={itt}
          caption={`Intention to treat: n = ${n}, every patient who started, in each denominator.`}
        />
        <PlotFigure
          render={pp}
          caption={`Per protocol: n = the patients who received dose k and answered at least once before dose k + 1 (${rows.map((r) => r.perProtocol.response.denominator).join(', ')} for doses 1–${rows.length}).`}
        />
      </div>
      <p className="hint">
        <span aria-hidden="true">●</span> response, <span aria-hidden="true">■</span> remission; bars are 95% Wilson
        intervals.
        {first === undefined
          ? ''
          : ` After dose 1: response ${proportion(first.itt.response)} intention to treat, ${proportion(first.perProtocol.response)} per protocol.`}
      </p>
      <Definition text={definitions.ittResponse} label="Definition (intention to treat)" />
      <Definition text={definitions.perProtocolResponse} label="Definition (per protocol)" />
      <Definition text={definitions.ittRemission} label="Definition (remission)" />
      <DataTable
        caption="Response and remission by dose number"
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => String(r.dose)}
        filename="response-by-dose.csv"
      />
    </div>
  );
}

const COLUMNS: Column<DoseRow>[] = [
  { header: 'After dose', cell: (r) => String(r.dose), numeric: true },
  { header: 'Response (ITT)', cell: (r) => proportion(r.itt.response), csv: (r) => r.itt.response.proportion },
  { header: 'Remission (ITT)', cell: (r) => proportion(r.itt.remission), csv: (r) => r.itt.remission.proportion },
  {
    header: 'Response (per protocol)',
    cell: (r) => proportion(r.perProtocol.response),
    csv: (r) => r.perProtocol.response.proportion,
  },
  {
    header: 'Remission (per protocol)',
    cell: (r) => proportion(r.perProtocol.remission),
    csv: (r) => r.perProtocol.remission.proportion,
  },
  { header: 'Per-protocol n', cell: (r) => String(r.perProtocol.response.denominator), numeric: true },
];

function chart(rows: DoseRow[], analysis: Analysis, width: number): Element {
  const points = rows.flatMap((r) => [
    { dose: r.dose, kind: 'response', ...r[analysis].response },
    { dose: r.dose, kind: 'remission', ...r[analysis].remission },
  ]);
  type P = (typeof points)[number];
  // A withheld proportion (its label in place of the number) is not drawn.
  const response = points.filter((p) => p.kind === 'response' && typeof p.proportion === 'number');
  const remission = points.filter((p) => p.kind === 'remission' && typeof p.proportion === 'number');
  const x = (p: P): number => p.dose + (p.kind === 'response' ? -0.12 : 0.12);
  return Plot.plot({
    className: 'plot',
    width,
    height: 260,
    marginLeft: 48,
    marginRight: 80,
    marginTop: 30,
    ariaLabel: `${TITLE[analysis]}: response and remission by dose number`,
    x: {
      domain: [0.5, rows.length + 0.5],
      ticks: rows.map((r) => r.dose),
      tickFormat: (d: number) => String(d),
      label: 'After dose number',
      labelAnchor: 'center',
      labelArrow: 'none',
    },
    y: {
      domain: [0, 1],
      tickFormat: '.0%',
      grid: true,
      label: `${TITLE[analysis]} — share of patients`,
      labelArrow: 'none',
    },
    marks: [
      Plot.ruleX([...response, ...remission], {
        x,
        y1: 'lower',
        y2: 'upper',
        stroke: (p: P) => (p.kind === 'response' ? OKABE_ITO.blue : OKABE_ITO.vermillion),
        strokeWidth: 1.5,
      }),
      Plot.line(response, { x, y: 'proportion', stroke: OKABE_ITO.blue, strokeOpacity: 0.5 }),
      Plot.line(remission, {
        x,
        y: 'proportion',
        stroke: OKABE_ITO.vermillion,
        strokeOpacity: 0.5,
        strokeDasharray: '4,3',
      }),
      Plot.dot(response, {
        x,
        y: 'proportion',
        symbol: 'circle',
        r: 4,
        fill: OKABE_ITO.blue,
        title: (p: P) => `After dose ${p.dose}: response ${p.numerator} of ${p.denominator}`,
      }),
      Plot.dot(remission, {
        x,
        y: 'proportion',
        symbol: 'square',
        r: 4,
        fill: OKABE_ITO.vermillion,
        title: (p: P) => `After dose ${p.dose}: remission ${p.numerator} of ${p.denominator}`,
      }),
      Plot.text(response.slice(-1), {
        x,
        y: 'proportion',
        text: () => 'response',
        dx: 8,
        dy: -10,
        textAnchor: 'start',
        fill: OKABE_ITO.blue,
        fontWeight: 600,
      }),
      Plot.text(remission.slice(-1), {
        x,
        y: 'proportion',
        text: () => 'remission',
        dx: 8,
        dy: 10,
        textAnchor: 'start',
        fill: '#a84a00',
        fontWeight: 600,
      }),
    ],
  });
}
