import { DAY_MS } from '../../../src/shared/time.js';
import { roundTo } from '../../../src/stats/round.js';
/**
 * Geometry of the patient's progress chart, worked out apart from the DOM so it can be tested in Node.
 * Time runs left to right; a higher score (more symptoms) is drawn higher up, as the axis label says.
 */
export interface ChartInput {
  points: readonly { at: number; total: number }[];
  doses: readonly number[];
  /** Lowest and highest possible totals of the questionnaire. */
  min: number;
  max: number;
  width: number;
  height: number;
}

export interface ChartGeometry {
  frame: { left: number; right: number; top: number; bottom: number };
  /** SVG path through the points in time order; empty with no points. */
  line: string;
  dots: { x: number; y: number; total: number; at: number }[];
  doseXs: number[];
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; at: number }[];
}

const MARGIN = { left: 40, right: 16, top: 16, bottom: 36 };

/** Places points, dose marks and ticks inside the chart's frame. */
export function chartGeometry(input: ChartInput): ChartGeometry {
  const frame = {
    left: MARGIN.left,
    right: input.width - MARGIN.right,
    top: MARGIN.top,
    bottom: input.height - MARGIN.bottom,
  };
  const times = [...input.points.map((p) => p.at), ...input.doses];
  let start = Math.min(...times);
  let end = Math.max(...times);
  if (times.length === 0) {
    start = 0;
    end = DAY_MS;
  } else if (start === end) {
    // One moment only: centre it in a two-day window so the axis still reads as time.
    start -= DAY_MS;
    end += DAY_MS;
  }
  const x = (at: number): number =>
    roundTo(frame.left + ((at - start) / (end - start)) * (frame.right - frame.left), 1);
  const span = input.max - input.min || 1;
  const y = (total: number): number =>
    roundTo(frame.bottom - ((total - input.min) / span) * (frame.bottom - frame.top), 1);
  const ordered = [...input.points].sort((a, b) => a.at - b.at);
  const dots = ordered.map((p) => ({ x: x(p.at), y: y(p.total), total: p.total, at: p.at }));
  return {
    frame,
    line: dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x},${d.y}`).join(''),
    dots,
    doseXs: input.doses.map(x),
    // Whole numbers only: a score of "10.5" means nothing to a patient.
    yTicks: [input.min, Math.round(input.min + span / 2), input.max].map((value) => ({ y: y(value), value })),
    xTicks: [0, 0.5, 1].map((f) => {
      const at = start + f * (end - start);
      return { x: x(at), at };
    }),
  };
}
