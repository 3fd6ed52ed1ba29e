/**
 * Kaplan–Meier curves as chart points, and numbers at risk at chosen times (pure, tested in Node).
 * The curve data come from the server (src/stats, checked against R's survival package).
 */
import { roundTo } from '../../../../src/stats/round.js';
import type { KmResult } from '../types.js';

export interface StepPoint {
  time: number;
  value: number;
  /** 95% band; null where R gives NA (e.g. S = 0 on the log scale). */
  lower: number | null;
  upper: number | null;
}

/**
 * The curve as steps from time 0: `survival` draws S(t); `cumulative` draws 1 − S(t) (share who had the
 * event by t), with the band flipped to match.
 */
export function stepPoints(curve: KmResult, scale: 'survival' | 'cumulative'): StepPoint[] {
  const flip = scale === 'cumulative';
  const start: StepPoint = { time: 0, value: flip ? 0 : 1, lower: flip ? 0 : 1, upper: flip ? 0 : 1 };
  const rows = curve.table.map((row) => ({
    time: row.time,
    value: flip ? 1 - row.survival : row.survival,
    lower: flip ? (row.upper === null ? null : 1 - row.upper) : row.lower,
    upper: flip ? (row.lower === null ? null : 1 - row.lower) : row.upper,
  }));
  return [start, ...rows];
}

/** Censored observations (time and curve height), drawn as small crosses on the curve. */
export function censorPoints(curve: KmResult, scale: 'survival' | 'cumulative'): { time: number; value: number }[] {
  return curve.table
    .filter((row) => row.nCensor > 0)
    .map((row) => ({ time: row.time, value: scale === 'cumulative' ? 1 - row.survival : row.survival }));
}

/** Subjects still at risk at time t: those whose time (event or censoring) is at or after t. */
export function atRisk(curve: KmResult, t: number): number {
  if (t <= 0) return curve.n;
  return curve.table.find((row) => row.time >= t)?.nRisk ?? 0;
}

const STEPS = [0.25, 0.5, 1, 2, 3, 7, 14, 28, 30, 60, 90, 180, 365];

/**
 * Evenly spaced tick times from 0 on a step people read easily, about `count` of them; the last tick is
 * at or after `max`, so the axis (0 to the last tick) holds every time.
 */
export function dayTicks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0, 1];
  const step = STEPS.find((s) => max / s <= count) ?? Math.ceil(max / count);
  const ticks: number[] = [0];
  while ((ticks[ticks.length - 1] ?? 0) < max - 1e-9) ticks.push(roundTo(ticks.length * step, 2));
  return ticks;
}

/** The longest time on any of the curves. */
export function maxTime(curves: readonly KmResult[]): number {
  return Math.max(0, ...curves.flatMap((c) => c.table.map((row) => row.time)));
}
