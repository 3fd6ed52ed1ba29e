import type { ProgressView } from './api.js';
import { chartGeometry } from './chart.js';
import { h, s, show } from './dom.js';
import { bandWords, longDate, shortDate } from './text.js';

type InstrumentProgress = ProgressView['instruments'][number];

// Drawn at the width it will be shown at (at most 640 px), so its text stays readable on a phone.
const chartWidth = (): number =>
  Math.round(Math.min(640, Math.max(280, (document.getElementById('main')?.clientWidth ?? 640) - 32)));
const HEIGHT = 240;

/** The person's own progress: per questionnaire a plain sentence, a small chart and the same as a table. */
export function showProgress(clinicName: string, view: ProgressView): void {
  const doses = view.doses.map((d) => Date.parse(d.at));
  show(
    'Your progress',
    h('span', { class: 'caption' }, clinicName),
    h('h1', {}, 'Your progress'),
    view.instruments.length === 0
      ? h(
          'p',
          {},
          'There are no answers to show yet. Your progress will appear here after you fill in your first questionnaire.',
        )
      : h('p', {}, 'These charts show your questionnaire scores over time. A lower score means fewer symptoms.'),
    ...(view.relief === null ? [] : [h('p', { class: 'relief-sentence' }, view.relief)]),
    ...view.instruments.map((instrument) => section(instrument, doses)),
    h('p', { class: 'hint' }, 'These scores are not a diagnosis. Talk to your care team about what they mean for you.'),
  );
}

function section(instrument: InstrumentProgress, doses: number[]): HTMLElement {
  const id = `chart-${instrument.instrument}`;
  return h(
    'section',
    { class: 'progress-section', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, instrument.name),
    h('p', {}, instrument.summary),
    chart(instrument, doses, id),
    h(
      'p',
      { class: 'chart-key', 'aria-hidden': 'true' },
      h('span', { class: 'key-dot' }, '○'),
      ' your score   ',
      h('span', { class: 'key-dose' }, '▲'),
      ' a treatment session',
    ),
    h(
      'details',
      { class: 'details' },
      h('summary', {}, `Show your ${instrument.name} scores as a table`),
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, `${instrument.name} scores`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Date'),
            h('th', { scope: 'col' }, 'Score'),
            h('th', { scope: 'col' }, 'Meaning'),
          ),
        ),
        h(
          'tbody',
          {},
          ...instrument.points.map((p) =>
            h(
              'tr',
              {},
              h('td', {}, longDate(p.at)),
              h('td', {}, `${p.total} out of ${instrument.range.max}`),
              h('td', {}, bandWords(p.band) || '—'),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A hand-drawn SVG line chart (no chart library, to keep this page light on an old phone). */
function chart(instrument: InstrumentProgress, doses: number[], id: string): SVGSVGElement {
  const WIDTH = chartWidth();
  const g = chartGeometry({
    points: instrument.points.map((p) => ({ at: Date.parse(p.at), total: p.total })),
    doses,
    min: instrument.range.min,
    max: instrument.range.max,
    width: WIDTH,
    height: HEIGHT,
  });
  const { frame } = g;
  const last = instrument.points[instrument.points.length - 1];
  const description =
    last === undefined
      ? 'No scores yet.'
      : `${instrument.points.length} scores; the latest is ${last.total} out of ${instrument.range.max} on ${longDate(last.at)}. Treatment sessions are marked as triangles under the chart.`;
  return s(
    'svg',
    {
      class: 'progress-chart',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${id}-svg-title ${id}-svg-desc`,
    },
    s('title', { id: `${id}-svg-title` }, `${instrument.name} scores over time`),
    s('desc', { id: `${id}-svg-desc` }, description),
    ...g.yTicks.map((t) =>
      s(
        'g',
        { class: 'tick' },
        s('line', { x1: String(frame.left), x2: String(frame.right), y1: String(t.y), y2: String(t.y), class: 'grid' }),
        s('text', { x: String(frame.left - 6), y: String(t.y + 4), class: 'tick-label tick-y' }, String(t.value)),
      ),
    ),
    // The end labels are anchored inwards so they are never cut off at the chart's edges.
    ...g.xTicks.map((t, i) =>
      s(
        'text',
        {
          x: String(t.x),
          y: String(frame.bottom + 30),
          class: `tick-label tick-x${i === 0 ? ' tick-first' : i === g.xTicks.length - 1 ? ' tick-last' : ''}`,
        },
        shortDate(t.at),
      ),
    ),
    s('text', { x: String(frame.left), y: String(frame.top - 4), class: 'axis-label' }, 'Higher score = more symptoms'),
    ...g.doseXs.map((x) =>
      s(
        'path',
        { d: `M${x},${frame.bottom + 4} l-5,9 h10 z`, class: 'dose-mark' },
        s('title', {}, 'Treatment session'),
      ),
    ),
    s('path', { d: g.line, class: 'score-line' }),
    ...g.dots.map((d) => s('circle', { cx: String(d.x), cy: String(d.y), r: '5', class: 'score-dot' })),
  );
}
