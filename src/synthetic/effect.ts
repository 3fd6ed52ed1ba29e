import type { Profile } from './profile.js';
import type { Random } from './random.js';
import type { ReliefTruth } from './types.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

/** The fractional drop of the score that counts as response (a 50% reduction, docs/outcomes.md). */
export const RESPONSE_EFFECT = 0.5;

/** A dose's own peak effect and how long it lasts, drawn once so scores stay consistent. */
export interface DoseShape {
  /** Peak fractional drop of the score. */
  depth: number;
  /** Days until the effect is gone. */
  fadeDays: number;
  /**
   * The true, uncensored relief length in days: how long after the dose its own effect stays at or
   * above the response threshold (RESPONSE_EFFECT), as if no later dose were given; null when the dose
   * never reaches response. Generator-only truth, never stored.
   */
  reliefDays: number | null;
}

export interface DoseEffect extends DoseShape {
  at: number;
}

/**
 * With effect = depth·(1 − (t/F)²), the effect is at or above RESPONSE_EFFECT until t = F·√(1 − r/depth):
 * the relief length of a dose of this depth and fade; null when the depth never reaches response.
 */
export function reliefLength(depth: number, fadeDays: number): number | null {
  return depth > RESPONSE_EFFECT ? fadeDays * Math.sqrt(1 - RESPONSE_EFFECT / depth) : null;
}

/** The fade (F) that makes a dose of this depth hold relief for exactly `reliefDays`. */
function fadeFor(depth: number, reliefDays: number): number {
  return depth > RESPONSE_EFFECT ? reliefDays / Math.sqrt(1 - RESPONSE_EFFECT / depth) : reliefDays;
}

/**
 * The shape of each dose of a course, drawn lazily in dose order (the schedule asks for a dose's relief
 * before it places the next dose) and kept, so asking twice gives the same shape. Anxiety falls within
 * the first hour of a dose (glue2017) and the relief fades over ~5–14 days (tully2022, liriano2019);
 * tolerant patients lose ~20% of relief length and ~7% of depth with each responding dose. With a
 * `truth` (CohortOptions.reliefTruth), each responding dose's relief length is drawn from it instead:
 * log T = μ + b + tolerancePerDose·(dose − 1) + spread·ε, with b ~ Normal(0, frailtySd) once per patient,
 * ε standard normal (lognormal) or standard minimum extreme value (Weibull), and μ set so that the
 * median of T is medianDays when b = 0 at dose 1.
 */
export function doseShapes(random: Random, profile: Profile, truth?: ReliefTruth): (k: number) => DoseShape {
  const frailty = truth === undefined ? 0 : random.normal(0, truth.frailtySd);
  const shapes: DoseShape[] = [];
  return (k: number) => {
    while (shapes.length <= k) shapes.push(drawShape(random, profile, shapes.length, truth, frailty));
    return shapes[k] as DoseShape;
  };
}

function drawShape(
  random: Random,
  profile: Profile,
  k: number,
  truth: ReliefTruth | undefined,
  frailty: number,
): DoseShape {
  const responding = k + 1 >= profile.respondsFromDose;
  const steps = responding ? k + 1 - profile.respondsFromDose : 0;
  const shrink = profile.tolerant ? 0.8 ** steps : 1;
  const meanDepth = responding ? profile.depth * (profile.tolerant ? 0.93 ** steps : 1) : profile.subDepth;
  const defaultRelief = profile.reliefDays * shrink * random.uniform(0.85, 1.15);
  const depth = meanDepth * random.uniform(0.95, 1.05);
  if (truth !== undefined && responding && depth > RESPONSE_EFFECT) {
    const reliefDays = Math.exp(
      logMedianShift(truth) + frailty + truth.tolerancePerDose * k + truth.spread * standardError(random, truth),
    );
    return { depth, fadeDays: fadeFor(depth, reliefDays), reliefDays };
  }
  // Today's model: F is chosen so that relief at the undrawn depth ends at defaultRelief.
  const fadeDays = fadeFor(meanDepth, defaultRelief);
  return { depth, fadeDays, reliefDays: reliefLength(depth, fadeDays) };
}

/** μ: log(medianDays), less spread × the median of ε for Weibull (the median of log Exp(1) is log log 2). */
function logMedianShift(truth: ReliefTruth): number {
  return Math.log(truth.medianDays) - (truth.distribution === 'weibull' ? truth.spread * Math.log(Math.LN2) : 0);
}

function standardError(random: Random, truth: ReliefTruth): number {
  if (truth.distribution === 'lognormal') return random.normal(0, 1);
  // log of an Exp(1) draw: the standard minimum extreme-value distribution, so T is Weibull.
  return Math.log(-Math.log(1 - random.next()));
}

/** The effects of the doses given at these times (dose k takes shape k). */
export function doseEffects(shapeOf: (k: number) => DoseShape, doseTimes: readonly number[]): DoseEffect[] {
  return doseTimes.map((at, k) => ({ at, ...shapeOf(k) }));
}

/** The fractional drop one dose's own effect gives at time t (0 before the dose and after its fade). */
export function ownEffectAt(effect: DoseEffect, t: number): number {
  if (effect.at > t) return 0;
  const days = (t - effect.at) / DAY_MS;
  if (days >= effect.fadeDays) return 0;
  const rise = Math.min(1, (t - effect.at) / HOUR_MS);
  const ratio = days / effect.fadeDays;
  return effect.depth * rise * (1 - ratio * ratio);
}

/** The fractional drop of the score at time t: the strongest of the doses still acting. */
export function effectAt(effects: readonly DoseEffect[], t: number): number {
  let best = 0;
  for (let k = effects.length - 1; k >= 0; k--) {
    const effect = effects[k];
    if (effect === undefined || effect.at > t) continue;
    if ((t - effect.at) / DAY_MS > 60) break;
    best = Math.max(best, ownEffectAt(effect, t));
  }
  return best;
}
