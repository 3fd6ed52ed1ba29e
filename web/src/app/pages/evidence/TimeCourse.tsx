import * as Plot from '@observablehq/plot';
import { useCallback, type JSX } from 'react';
import { stepPoints } from '../../charts/km-data.js';
import { OKABE_ITO } from '../../charts/palette.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PlotFigure } from '../../components/PlotFigure.js';
import { duration } from '../../format.js';
import { instrumentName, useInstruments } from '../../instruments.js';
import type { CohortView, TimeCoursePoint } from '../../types.js';
import { figuresOf } from '../cohort/use-cohort.js';

// The axis runs from 30 minutes to 60 days on a log scale, so the first hour and the first weeks both show.
const MIN_DAYS = 1 / 48;
const MAX_DAYS = 60;
const MARGIN_LEFT = 190;
const MARGIN_RIGHT = 150;

const TICKS = [1 / 24, 6 / 24, 1, 7, 14, 28, 56];
const tickLabel = (d: number): string => (d < 1 ? `${Math.round(d * 24)} h` : d === 1 ? '1 day' : `${d} days`);
// Plot's log axis leaves some chosen ticks unlabelled, so the ticks and their labels are drawn as marks.
const x = { type: 'log' as const, domain: [MIN_DAYS, MAX_DAYS], axis: null };
const timeAxis = (): Plot.Markish[] => [
  Plot.ruleX(TICKS, { stroke: '#c8c8c8' }),
  Plot.text(TICKS, { x: (d: number) => d, frameAnchor: 'bottom', dy: 16, text: tickLabel, fill: '#333' }),
];
const clamp = (days: number): number => Math.min(MAX_DAYS, Math.max(MIN_DAYS, days));

/**
 * The published time course (rows of findings, src/evidence/time-course.ts) drawn under the clinic's own onset and
 * relief curves, on one log time axis.
 */
export function TimeCourse({
  points,
  cohort,
  citedAs,
}: {
  points: readonly TimeCoursePoint[];
  cohort: CohortView | null;
  /** Each study's key → "Hull et al. 2022": the page names studies, never shows their keys. */
  citedAs: Readonly<Record<string, string>>;
}): JSX.Element {
  const clinic = useCallback((width: number) => clinicChart(cohort, width), [cohort]);
  const named = useCallback((keys: readonly string[]) => keys.map((k) => citedAs[k] ?? k), [citedAs]);
  const published = useCallback((width: number) => publishedChart(points, width, named), [points, named]);
  const columns = columnsOf(named);
  const instruments = useInstruments();
  const onset = cohort === null ? null : figuresOf(cohort).onset.overall;
  const relief = cohort === null ? null : figuresOf(cohort).relief.overall;
  return (
    <div className="figure-block">
      {cohort === null ? (
        <p className="callout">The clinic’s own curves are not available (no cohort data).</p>
      ) : (
        <PlotFigure
          render={clinic}
          className="chart-wide"
          minWidth={680}
          caption={`This clinic (${instrumentName(instruments, cohort.instrument)}): share who had responded, by days since the first dose (n = ${onset?.n ?? 0}, median ${onset?.median === null || onset === null ? 'not reached' : duration(onset.median)}); share still in relief, by days since the dose (n = ${relief?.n ?? 0}, median ${relief?.median === null || relief === null ? 'not reached' : duration(relief.median)}). Shaded: 95% bands.`}
        />
      )}
      <PlotFigure
        render={published}
        className="chart-wide"
        minWidth={680}
        caption="Published findings on the same time axis (log scale). Bars: the window a finding covers; dots: a single time. Labels: the studies (see the table below)."
      />
      <details className="details">
        <summary>Show the published time course as a table</summary>
        <DataTable
          caption="Published time course"
          columns={columns}
          rows={[...points]}
          rowKey={(p) => p.key}
          filename="published-time-course.csv"
        />
      </details>
    </div>
  );
}

const columnsOf = (named: (keys: readonly string[]) => string[]): Column<TimeCoursePoint>[] => [
  { header: 'When', cell: (p) => p.when },
  { header: 'Finding', cell: (p) => p.finding },
  { header: 'Studies', cell: (p) => named(p.studies).join('; ') },
  { header: 'Regimen', cell: (p) => p.regimen },
  { header: 'Caveat', cell: (p) => p.caveat ?? '—' },
];

function clinicChart(view: CohortView | null, width: number): Element {
  const cohort = view === null ? null : figuresOf(view);
  const series = [
    {
      name: 'responded (onset)',
      curve: cohort?.onset.overall ?? null,
      scale: 'cumulative' as const,
      colour: OKABE_ITO.blue,
      dash: 'none',
    },
    {
      name: 'still in relief',
      curve: cohort?.relief.overall ?? null,
      scale: 'survival' as const,
      colour: OKABE_ITO.vermillion,
      dash: '6,3',
    },
  ];
  const marks: Plot.Markish[] = [];
  for (const s of series) {
    if (s.curve === null) continue;
    const pts = stepPoints(s.curve, s.scale).map((p) => ({ ...p, time: clamp(p.time) }));
    marks.push(
      Plot.areaY(
        pts.filter((p) => p.lower !== null && p.upper !== null),
        { x: 'time', y1: 'lower', y2: 'upper', curve: 'step-after', fill: s.colour, fillOpacity: 0.14 },
      ),
    );
    marks.push(
      Plot.line(pts, {
        x: 'time',
        y: 'value',
        curve: 'step-after',
        stroke: s.colour,
        strokeWidth: 2.25,
        strokeDasharray: s.dash,
      }),
    );
    const last = pts[pts.length - 1];
    if (last !== undefined)
      marks.push(
        Plot.text([last], {
          x: () => MAX_DAYS,
          y: 'value',
          text: () => s.name,
          textAnchor: 'start',
          dx: 6,
          fill: s.colour === OKABE_ITO.vermillion ? '#a84a00' : s.colour,
          fontWeight: 600,
        }),
      );
  }
  return Plot.plot({
    className: 'plot',
    width,
    height: 240,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginTop: 24,
    ariaLabel: "This clinic's onset and relief curves on a log time axis",
    marginBottom: 30,
    x,
    y: { domain: [0, 1], tickFormat: '.0%', grid: true, label: 'This clinic — share of patients', labelArrow: 'none' },
    marks: [...timeAxis(), ...marks],
  });
}

function publishedChart(
  points: readonly TimeCoursePoint[],
  width: number,
  named: (keys: readonly string[]) => string[],
): Element {
  const rows = points.map((p) => ({
    ...p,
    x1: clamp(p.fromDays),
    x2: clamp(Math.max(p.toDays, p.fromDays)),
    point: p.fromDays === p.toDays,
  }));
  type Row = (typeof rows)[number];
  return Plot.plot({
    className: 'plot',
    width,
    height: 56 + 34 * rows.length,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginBottom: 48,
    ariaLabel: 'Published time course of ketamine for anxiety',
    x,
    y: { domain: rows.map((r) => r.when), label: null, tickSize: 0 },
    marks: [
      ...timeAxis(),
      Plot.text(['Time after the dose (log scale)'], {
        frameAnchor: 'bottom',
        dy: 36,
        text: (d: string) => d,
        fill: '#333',
      }),
      Plot.barX(
        rows.filter((r) => !r.point),
        { x1: 'x1', x2: 'x2', y: 'when', fill: OKABE_ITO.bluishGreen, fillOpacity: 0.55, inset: 6 },
      ),
      Plot.dot(
        rows.filter((r) => r.point),
        { x: 'x1', y: 'when', r: 5, fill: OKABE_ITO.bluishGreen, stroke: '#004d39' },
      ),
      Plot.text(rows, {
        x: () => MAX_DAYS,
        y: 'when',
        text: (r: Row) => named(r.studies).join(',\n'),
        textAnchor: 'start',
        dx: 6,
        fontSize: 10,
        lineHeight: 1.05,
        fill: '#333',
      }),
    ],
  });
}
