import * as Plot from '@observablehq/plot';
import { useCallback, type JSX } from 'react';
import { OKABE_ITO } from '../../charts/palette.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PlotFigure } from '../../components/PlotFigure.js';
import { ADVERSE_WORDS, date, dateTime, num, ROUTE_ABBREVIATIONS, ROUTE_WORDS, words } from '../../format.js';
import { DAY_MS } from '../../../../../src/shared/time.js';
import type { ReliefEnd, TimelineData, TimelinePanel } from './timeline-data.js';

// The strip's row names need the left margin; every panel uses the same margins so the time axes line up.
const MARGIN_LEFT = 104;
const MARGIN_RIGHT = 16;
const ALERT_SYMBOL: Record<string, string> = { urgent: 'star', warning: 'square', info: 'circle' };
// Dose labels closer than this (px) would overlap; later ones are left to the hover title and the table.
const LABEL_GAP = 54;
const RELIEF_ROW = 'Relief ends';
/** The label of the forecast's interval on the time axis, also its text equivalent's opening words. */
export const RELIEF_END_LABEL = 'Predicted end of relief, 80% window';

/** The patient's trajectory at a glance: doses, events and alerts on top, one score panel per questionnaire. */
export function Timeline({ data, patientLabel }: { data: TimelineData; patientLabel: string }): JSX.Element {
  const strip = useCallback((width: number) => stripChart(data, width), [data]);
  if (data.empty) {
    return (
      <>
        <p className="empty">
          Nothing recorded yet. The timeline starts with the first dose, questionnaire, adverse event or alert.
        </p>
        <NoQuestionnaires />
      </>
    );
  }
  return (
    <div className="timeline">
      <PlotFigure
        render={strip}
        caption={
          <>
            Doses (<span aria-hidden="true">▲</span> with route — IV, IM, IN intranasal, SL sublingual, PO oral — and
            mg/kg), adverse events (<span aria-hidden="true">◆</span> with CTCAE grade) and alerts (
            <span aria-hidden="true">★</span> urgent, <span aria-hidden="true">■</span> warning,{' '}
            <span aria-hidden="true">●</span> info) over time.
            {data.reliefEnd === null ? null : <ReliefEndText end={data.reliefEnd} />}
          </>
        }
      />
      {data.panels.length === 0 ? <NoQuestionnaires /> : null}
      {data.panels.map((panel) => (
        <ScorePanel key={panel.instrument} panel={panel} data={data} />
      ))}
      <details className="details no-print">
        <summary>Show the timeline as a table</summary>
        <TimelineTable data={data} patientLabel={patientLabel} />
      </details>
    </div>
  );
}

function NoQuestionnaires(): JSX.Element {
  return (
    <p className="empty">
      No questionnaires yet — send the patient a questionnaire link, or enter a clinician rating (“Clinician rating”
      above).
    </p>
  );
}

function ScorePanel({ panel, data }: { panel: TimelinePanel; data: TimelineData }): JSX.Element {
  const render = useCallback((width: number) => panelChart(panel, data, width), [panel, data]);
  const n = panel.points.length;
  return (
    <PlotFigure
      render={render}
      caption={
        <>
          {panel.name}: {n} {n === 1 ? 'score' : 'scores'}. Higher = worse.{' '}
          {panel.responseMax === null
            ? 'No response band: no baseline in the 14 days before the first dose.'
            : `Response band: at or below ${num(panel.responseMax)} (baseline ${panel.baseline ?? '—'}).`}{' '}
          {panel.remissionMax === null ? '' : `Remission band: at or below ${panel.remissionMax}.`} Filled dots are
          responses; dashed lines mark doses.
        </>
      }
    />
  );
}

/** The text equivalent of the forecast interval drawn on the strip (the card below gives its n and definition). */
function ReliefEndText({ end }: { end: ReliefEnd }): JSX.Element {
  return (
    <span className="relief-end-text">
      {' '}
      {RELIEF_END_LABEL} after dose {end.dose} (shaded, forecast): {date(new Date(end.from).toISOString())} –{' '}
      {date(new Date(end.to).toISOString())}, median {date(new Date(end.median).toISOString())}
      {end.modelEpisodes === null ? '' : `; model of ${end.modelEpisodes} relief episodes in this clinic`}. Definition
      and n in the forecast below.
    </span>
  );
}

/** The forecast's interval on its own row of the strip: the 80% window shaded, the median end as a tick, labelled. */
function reliefEndMarks(end: ReliefEnd | null): Plot.Markish[] {
  if (end === null) return [];
  const window = [end];
  return [
    Plot.barX(window, {
      x1: (e: ReliefEnd) => new Date(e.from),
      x2: (e: ReliefEnd) => new Date(e.to),
      y: () => RELIEF_ROW,
      fill: OKABE_ITO.bluishGreen,
      fillOpacity: 0.35,
      stroke: '#00634a',
      className: 'relief-end-window',
      title: () => RELIEF_END_LABEL,
    }),
    Plot.tickX(window, {
      x: (e: ReliefEnd) => new Date(e.median),
      y: () => RELIEF_ROW,
      stroke: '#00634a',
      strokeWidth: 3,
      className: 'relief-end-median',
      title: () => 'Median predicted end of relief',
    }),
    Plot.text(window, {
      x: (e: ReliefEnd) => new Date(e.from),
      y: () => RELIEF_ROW,
      text: () => RELIEF_END_LABEL,
      textAnchor: 'end',
      dx: -6,
      fontSize: 10,
      fill: '#00634a',
    }),
  ];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The time axis fits the records: days ('5 Jan') over a span of days or more, 24-hour times ('14:00') within
 * a day or two, as the app writes every date and time (format.ts), never 12-hour.
 */
function xScale(data: TimelineData): Plot.ScaleOptions {
  const shortSpan = data.end - data.start < 2 * DAY_MS;
  const tickFormat = (d: Date): string =>
    shortSpan && (d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0)
      ? `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
      : `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
  return { type: 'utc', domain: [new Date(data.start), new Date(data.end)], label: null, tickFormat };
}

function stripChart(data: TimelineData, width: number): Element {
  const plotWidth = width - MARGIN_LEFT - MARGIN_RIGHT;
  const px = (at: number): number => ((at - data.start) / (data.end - data.start)) * plotWidth;
  const labels: TimelineData['doses'] = [];
  for (const dose of data.doses) {
    const previous = labels[labels.length - 1];
    if (previous === undefined || px(dose.at) - px(previous.at) >= LABEL_GAP) labels.push(dose);
  }
  const labelled = labels.length > 0;
  return Plot.plot({
    className: 'plot',
    width,
    height: (labelled ? 160 : 110) + (data.reliefEnd === null ? 0 : 30),
    marginTop: 10,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginBottom: 30,
    ariaLabel:
      data.reliefEnd === null
        ? 'Doses, adverse events and alerts over time'
        : `Doses, adverse events, alerts and the ${RELIEF_END_LABEL.toLowerCase()} over time`,
    x: xScale(data),
    y: {
      domain: ['Doses', 'Adverse events', 'Alerts', ...(data.reliefEnd === null ? [] : [RELIEF_ROW])],
      label: null,
      tickSize: 0,
    },
    marks: [
      Plot.gridY({ stroke: '#d0d0d0', strokeOpacity: 1 }),
      ...reliefEndMarks(data.reliefEnd),
      Plot.dot(data.doses, {
        x: (d: TimelineData['doses'][number]) => new Date(d.at),
        y: () => 'Doses',
        symbol: 'triangle',
        r: 5,
        fill: OKABE_ITO.orange,
        stroke: '#7a4f00',
        className: 'timeline-dose',
        title: (d: TimelineData['doses'][number]) =>
          `Dose ${d.number}: ${words(ROUTE_WORDS, d.route)} ${num(d.mg)} mg${d.mgPerKg === null ? '' : ` (${num(d.mgPerKg, 2)} mg/kg)`}\n${dateTime(new Date(d.at).toISOString())}`,
      }),
      labelled
        ? Plot.text(labels, {
            x: (d: TimelineData['doses'][number]) => new Date(d.at),
            y: () => 'Doses',
            text: (d: TimelineData['doses'][number]) =>
              `${words(ROUTE_ABBREVIATIONS, d.route)}\n${d.mgPerKg === null ? `${num(d.mg)} mg` : `${num(d.mgPerKg, 2)}/kg`}`,
            dy: 17,
            fontSize: 10,
            lineHeight: 1.1,
          })
        : null,
      Plot.dot(data.adverseEvents, {
        x: (e: TimelineData['adverseEvents'][number]) => new Date(e.at),
        y: () => 'Adverse events',
        symbol: 'diamond',
        r: 5,
        fill: OKABE_ITO.reddishPurple,
        stroke: '#6b2f55',
        title: (e: TimelineData['adverseEvents'][number]) => `${words(ADVERSE_WORDS, e.category)}, grade ${e.grade}`,
      }),
      Plot.text(data.adverseEvents, {
        x: (e: TimelineData['adverseEvents'][number]) => new Date(e.at),
        y: () => 'Adverse events',
        text: (e: TimelineData['adverseEvents'][number]) => `G${e.grade}`,
        dy: -11,
        fontSize: 10,
      }),
      Plot.dot(data.alerts, {
        x: (a: TimelineData['alerts'][number]) => new Date(a.at),
        y: () => 'Alerts',
        symbol: (a: TimelineData['alerts'][number]) => ALERT_SYMBOL[a.severity] ?? 'circle',
        r: 5,
        fill: (a: TimelineData['alerts'][number]) =>
          a.severity === 'urgent'
            ? OKABE_ITO.vermillion
            : a.severity === 'warning'
              ? OKABE_ITO.orange
              : OKABE_ITO.skyBlue,
        stroke: '#222',
        title: (a: TimelineData['alerts'][number]) => `${a.severity} (${a.status}): ${a.summary}`,
      }),
    ],
  });
}

function panelChart(panel: TimelinePanel, data: TimelineData, width: number): Element {
  const bands: Plot.Markish[] = [];
  const labels: { y: number; text: string; fill: string }[] = [];
  if (panel.responseMax !== null) {
    bands.push(
      Plot.rect([{ y2: panel.responseMax }], {
        x1: () => new Date(data.start),
        x2: () => new Date(data.end),
        y1: () => panel.min,
        y2: 'y2',
        fill: OKABE_ITO.skyBlue,
        fillOpacity: 0.22,
      }),
    );
    labels.push({ y: panel.responseMax, text: `response ≤ ${num(panel.responseMax)}`, fill: '#005a8c' });
  }
  if (panel.remissionMax !== null) {
    bands.push(
      Plot.rect([{ y2: panel.remissionMax }], {
        x1: () => new Date(data.start),
        x2: () => new Date(data.end),
        y1: () => panel.min,
        y2: 'y2',
        fill: OKABE_ITO.bluishGreen,
        fillOpacity: 0.2,
      }),
    );
    labels.push({ y: panel.remissionMax, text: `remission ≤ ${panel.remissionMax}`, fill: '#00634a' });
  }
  const span = panel.max - panel.min;
  // Labels closer than 8% of the axis would overlap: the remission label then moves below its line.
  const placed = labels.map((l, i) => ({
    ...l,
    dy: i === 1 && labels[0] !== undefined && Math.abs(labels[0].y - l.y) < span * 0.08 ? 12 : -2,
  }));
  type Point = TimelinePanel['points'][number];
  return Plot.plot({
    className: 'plot',
    width,
    height: 200,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginTop: 24,
    ariaLabel: `${panel.name} scores over time`,
    x: xScale(data),
    y: {
      domain: [panel.min, panel.max],
      label: `${panel.name}, higher = worse`,
      labelArrow: 'up',
      grid: true,
      nice: true,
    },
    marks: [
      ...bands,
      Plot.ruleX(data.doses, {
        x: (d: TimelineData['doses'][number]) => new Date(d.at),
        stroke: '#9a6a00',
        strokeOpacity: 0.55,
        strokeDasharray: '3,3',
      }),
      Plot.line(panel.points, { x: (p: Point) => new Date(p.at), y: 'total', stroke: OKABE_ITO.blue, strokeWidth: 2 }),
      Plot.dot(panel.points, {
        x: (p: Point) => new Date(p.at),
        y: 'total',
        r: 4,
        stroke: OKABE_ITO.blue,
        strokeWidth: 2,
        fill: (p: Point) => (p.response === true ? OKABE_ITO.blue : '#ffffff'),
        title: (p: Point) =>
          `${panel.name} ${p.total}${p.band === null ? '' : ` (${p.band})`}${p.response === true ? ', response' : ''}${p.remission === true ? ', remission' : ''}\n${dateTime(new Date(p.at).toISOString())}`,
      }),
      // Band labels sit inside the right edge, on a white halo so points behind them do not hide them.
      Plot.text(
        placed.filter((l) => l.dy < 0),
        {
          x: () => new Date(data.end),
          y: 'y',
          text: 'text',
          fill: 'fill',
          textAnchor: 'end',
          dx: -4,
          dy: -7,
          fontSize: 11,
          fontWeight: 600,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        },
      ),
      Plot.text(
        placed.filter((l) => l.dy > 0),
        {
          x: () => new Date(data.end),
          y: 'y',
          text: 'text',
          fill: 'fill',
          textAnchor: 'end',
          dx: -4,
          dy: 9,
          fontSize: 11,
          fontWeight: 600,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        },
      ),
    ],
  });
}

interface Row {
  at: number;
  what: string;
  detail: string;
}

function TimelineTable({ data, patientLabel }: { data: TimelineData; patientLabel: string }): JSX.Element {
  const rows: Row[] = [
    ...data.doses.map((d) => ({
      at: d.at,
      what: `Dose ${d.number}`,
      detail: `${words(ROUTE_WORDS, d.route)} ${num(d.mg)} mg${d.mgPerKg === null ? '' : ` (${num(d.mgPerKg, 2)} mg/kg)`}`,
    })),
    ...data.panels.flatMap((p) =>
      p.points.map((point) => ({
        at: point.at,
        what: p.name,
        detail: `${point.total}${point.band === null ? '' : ` ${point.band}`}${point.response === true ? '; response' : point.response === false ? '; not a response' : ''}${point.remission === true ? '; remission' : ''}`,
      })),
    ),
    ...data.adverseEvents.map((e) => ({
      at: e.at,
      what: 'Adverse event',
      detail: `${words(ADVERSE_WORDS, e.category)}, grade ${e.grade}`,
    })),
    ...data.alerts.map((a) => ({ at: a.at, what: `Alert (${a.severity}, ${a.status})`, detail: a.summary })),
    ...(data.reliefEnd === null
      ? []
      : [
          {
            at: data.reliefEnd.median,
            what: 'Predicted end of relief (forecast, median)',
            detail: `80% window ${dateTime(new Date(data.reliefEnd.from).toISOString())} – ${dateTime(new Date(data.reliefEnd.to).toISOString())}`,
          },
        ]),
  ].sort((a, b) => a.at - b.at);
  const columns: Column<Row>[] = [
    { header: 'When', cell: (r) => dateTime(new Date(r.at).toISOString()), csv: (r) => new Date(r.at).toISOString() },
    { header: 'What', cell: (r) => r.what },
    { header: 'Detail', cell: (r) => r.detail },
  ];
  return (
    <DataTable
      caption={`Timeline of ${patientLabel}`}
      columns={columns}
      rows={rows}
      rowKey={(r, i) => `${r.at}-${i}`}
      filename={`timeline-${patientLabel}.csv`}
    />
  );
}
