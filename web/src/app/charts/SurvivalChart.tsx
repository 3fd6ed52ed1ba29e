import * as Plot from '@observablehq/plot';
import { useCallback, type JSX } from 'react';
import { DataTable, type Column } from '../components/DataTable.js';
import { Definition } from '../components/Definition.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { CONDITION_WORDS, duration, num, percent, words } from '../format.js';
import type { Definitions, KmResult, SurvivalFigure } from '../types.js';
import { atRisk, censorPoints, dayTicks, maxTime, stepPoints } from './km-data.js';
import { OKABE_ITO, seriesColour } from './palette.js';
import { plural } from '../../../../src/shared/plural.js';

export interface Group {
  name: string;
  curve: KmResult;
}

type Scale = 'survival' | 'cumulative';

/** The groups to draw: by condition, or everyone as one curve. */
export function groupsOf(figure: SurvivalFigure, split: 'condition' | 'overall'): Group[] {
  if (split === 'overall' || figure.byCondition.length === 0)
    return figure.overall === null ? [] : [{ name: 'All patients', curve: figure.overall }];
  return figure.byCondition
    .filter((g) => g.curve.n > 0)
    .map((g) => ({ name: words(CONDITION_WORDS, g.condition), curve: g.curve }));
}

/**
 * Kaplan–Meier curves with 95% bands and censoring marks, and the numbers at risk beneath on the same
 * time axis. Several groups are drawn as small multiples (one panel each, all patients as a grey
 * reference), so no band hides another. With the log-rank test, medians, exclusions, definitions, table.
 */
export function SurvivalChart(props: {
  id: string;
  figure: SurvivalFigure;
  groups: Group[];
  scale: Scale;
  yLabel: string;
  xLabel: string;
  definitions: Definitions;
}): JSX.Element {
  const { groups, scale, yLabel, xLabel, figure } = props;
  const ticks = dayTicks(maxTime(groups.map((g) => g.curve)));
  const reference = groups.length > 1 ? figure.overall : null;
  const definition = props.definitions[figure.definition];
  return (
    <div className="figure-block">
      <div className={groups.length > 1 ? 'small-multiples' : undefined}>
        {groups.map((group, i) => (
          <Panel
            key={group.name}
            group={group}
            index={groups.length > 1 ? i : 0}
            reference={reference}
            scale={scale}
            yLabel={yLabel}
            xLabel={xLabel}
            ticks={ticks}
            small={groups.length > 1}
          />
        ))}
      </div>
      {groups.length === 0 ? <p>Nobody in the cohort is on this curve.</p> : null}
      <p className="stat-line">
        n = {plural(figure.n, 'patient')} on the curve
        {figure.excluded.length === 0
          ? ''
          : `; left out: ${figure.excluded.map((e) => `${e.count} (${e.reason})`).join(', ')}`}
        .{' '}
        {figure.logRank === null
          ? `No log-rank test: ${figure.logRankUnavailable ?? 'fewer than 2 groups'}.`
          : `Log-rank across conditions: χ² = ${num(figure.logRank.chiSquare, 2)}, df ${figure.logRank.df}, p = ${num(figure.logRank.p, 3)}.`}
      </p>
      <p className="hint">
        {yLabel} against {xLabel.toLowerCase()}. Shaded: 95% confidence band (log scale, Greenwood). Crosses: censored
        patients. Numbers beneath: patients still at risk. {figure.note}
      </p>
      <Definition text={definition} />
      {figure.logRank === null ? null : <Definition text={props.definitions.logRank} label="About the log-rank test" />}
      <details className="details">
        <summary>Show as a table</summary>
        <SurvivalTable id={props.id} groups={groups} ticks={ticks} />
      </details>
    </div>
  );
}

function Panel(props: {
  group: Group;
  index: number;
  reference: KmResult | null;
  scale: Scale;
  yLabel: string;
  xLabel: string;
  ticks: number[];
  small: boolean;
}): JSX.Element {
  const { group, index, reference, scale, yLabel, xLabel, ticks, small } = props;
  const render = useCallback(
    (width: number) => panelChart({ group, index, reference, scale, yLabel, xLabel, ticks, small }, width),
    [group, index, reference, scale, yLabel, xLabel, ticks, small],
  );
  const median = group.curve.median === null ? 'median not reached' : `median ${duration(group.curve.median)}`;
  return (
    <PlotFigure
      render={render}
      caption={`${group.name}: n = ${group.curve.n}, ${group.curve.events} ${group.curve.events === 1 ? 'event' : 'events'}, ${median}.`}
    />
  );
}

function panelChart(
  p: {
    group: Group;
    index: number;
    reference: KmResult | null;
    scale: Scale;
    yLabel: string;
    xLabel: string;
    ticks: number[];
    small: boolean;
  },
  width: number,
): Element {
  const colour = seriesColour(p.index);
  const points = stepPoints(p.group.curve, p.scale);
  const banded = points.filter((q) => q.lower !== null && q.upper !== null);
  const end = p.ticks[p.ticks.length - 1] ?? 1;
  const curveHeight = p.small ? 190 : 280;
  const riskRows = p.ticks.map((t) => ({ t, count: atRisk(p.group.curve, t) }));
  const marginLeft = 56;
  const curves = Plot.plot({
    className: 'plot',
    width,
    height: curveHeight,
    marginLeft,
    marginRight: 16,
    marginTop: 26,
    marginBottom: 36,
    ariaLabel: `${p.group.name}: ${p.yLabel}, Kaplan–Meier curve`,
    x: {
      domain: [0, end],
      ticks: p.ticks,
      tickFormat: (d: number) => num(d, 2),
      label: p.xLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
    },
    y: { domain: [0, 1], label: p.small ? p.group.name : p.yLabel, tickFormat: '.0%', grid: true, labelArrow: 'none' },
    marks: [
      p.reference === null
        ? null
        : Plot.line(stepPoints(p.reference, p.scale), {
            x: 'time',
            y: 'value',
            curve: 'step-after',
            stroke: '#8a8a8a',
            strokeWidth: 1.5,
            strokeDasharray: '4,3',
          }),
      p.reference === null
        ? null
        : Plot.text([stepPoints(p.reference, p.scale).at(-1) ?? { time: 0, value: 0 }], {
            x: 'time',
            y: 'value',
            text: () => 'all patients',
            textAnchor: 'end',
            dy: p.scale === 'survival' ? 10 : -8,
            fill: '#5f5f5f',
            fontSize: 10,
          }),
      Plot.areaY(banded, { x: 'time', y1: 'lower', y2: 'upper', curve: 'step-after', fill: colour, fillOpacity: 0.18 }),
      Plot.line(points, { x: 'time', y: 'value', curve: 'step-after', stroke: colour, strokeWidth: 2.25 }),
      Plot.dot(censorPoints(p.group.curve, p.scale), {
        x: 'time',
        y: 'value',
        symbol: 'plus',
        r: 3.5,
        stroke: colour === OKABE_ITO.black ? '#444' : colour,
      }),
    ],
  });
  const risk = Plot.plot({
    className: 'plot',
    width,
    height: 34,
    marginLeft,
    marginRight: 16,
    marginTop: 4,
    marginBottom: 8,
    ariaLabel: `${p.group.name}: numbers at risk`,
    x: { domain: [0, end], axis: null },
    y: { domain: ['At risk'], label: null, tickSize: 0 },
    marks: [
      Plot.text(riskRows, {
        x: 't',
        y: () => 'At risk',
        text: (r: { count: number }) => String(r.count),
        fontSize: 11,
      }),
    ],
  });
  const wrapper = document.createElement('div');
  wrapper.append(curves, risk);
  return wrapper;
}

function SurvivalTable({ id, groups, ticks }: { id: string; groups: Group[]; ticks: number[] }): JSX.Element {
  const columns: Column<Group>[] = [
    { header: 'Group', cell: (r) => r.name },
    { header: 'n', cell: (r) => String(r.curve.n), csv: (r) => r.curve.n, numeric: true },
    { header: 'Events', cell: (r) => String(r.curve.events), csv: (r) => r.curve.events, numeric: true },
    {
      header: 'Median',
      cell: (r) => (r.curve.median === null ? 'not reached' : duration(r.curve.median)),
      csv: (r) => r.curve.median,
    },
    {
      header: 'Median 95% CI',
      cell: (r) =>
        `${r.curve.medianLower === null ? '—' : duration(r.curve.medianLower)} to ${r.curve.medianUpper === null ? 'not reached' : duration(r.curve.medianUpper)}`,
      csv: (r) => `${r.curve.medianLower ?? ''} to ${r.curve.medianUpper ?? ''}`,
    },
    ...ticks.map(
      (t): Column<Group> => ({
        header: `At risk, day ${num(t, 2)}`,
        cell: (r) => String(atRisk(r.curve, t)),
        csv: (r) => atRisk(r.curve, t),
        numeric: true,
      }),
    ),
  ];
  const steps = groups.flatMap((g) => g.curve.table.map((row) => ({ group: g.name, ...row })));
  type Step = (typeof steps)[number];
  const stepColumns: Column<Step>[] = [
    { header: 'Group', cell: (r) => r.group },
    { header: 'Day', cell: (r) => num(r.time, 3), csv: (r) => r.time, numeric: true },
    { header: 'At risk', cell: (r) => String(r.nRisk), numeric: true },
    { header: 'Events', cell: (r) => String(r.nEvent), numeric: true },
    { header: 'Censored', cell: (r) => String(r.nCensor), numeric: true },
    { header: 'S(t)', cell: (r) => percent(r.survival, 1), csv: (r) => r.survival, numeric: true },
    { header: 'Lower 95%', cell: (r) => percent(r.lower, 1), csv: (r) => r.lower, numeric: true },
    { header: 'Upper 95%', cell: (r) => percent(r.upper, 1), csv: (r) => r.upper, numeric: true },
  ];
  return (
    <>
      <DataTable
        caption="Summary by group"
        columns={columns}
        rows={groups}
        rowKey={(r) => r.name}
        filename={`${id}-summary.csv`}
      />
      <DataTable
        caption="Every step of the curves, as survival S(t)"
        columns={stepColumns}
        rows={steps}
        rowKey={(r, i) => `${r.group}-${i}`}
        filename={`${id}-curves.csv`}
      />
    </>
  );
}
