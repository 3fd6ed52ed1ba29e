import type { Profile } from './profile.js';
import type { Random } from './random.js';
import { DAY_MS, HOUR_MS } from '../outcomes/time.js';

/** Each dose's own peak effect and how long it lasts, drawn once so scores stay consistent. */
export interface DoseEffect {
  at: number;
  /** Peak fractional drop of the score. */
  depth: number;
  /** Days until the effect is gone. */
  fadeDays: number;
}

/**
 * The per-dose effects of a course. Anxiety falls within the first hour of a dose (glue2017) and the
 * relief fades over ~5–14 days (tully2022, liriano2019); tolerant patients lose ~20% of relief length
 * and ~7% of depth with each responding dose.
 */
export function doseEffects(random: Random, profile: Profile, doseTimes: readonly number[]): DoseEffect[] {
  return doseTimes.map((at, k) => {
    const responding = k + 1 >= profile.respondsFromDose;
    const steps = responding ? k + 1 - profile.respondsFromDose : 0;
    const shrink = profile.tolerant ? 0.8 ** steps : 1;
    const depth = responding ? profile.depth * (profile.tolerant ? 0.93 ** steps : 1) : profile.subDepth;
    const reliefDays = profile.reliefDays * shrink * random.uniform(0.85, 1.15);
    // With effect = depth·(1 − (t/F)²), relief (effect ≥ 0.5) ends at t = F·√(1 − 0.5/depth); choose F
    // so that it ends at reliefDays.
    const fadeDays = depth > 0.5 ? reliefDays / Math.sqrt(1 - 0.5 / depth) : reliefDays;
    return { at, depth: depth * random.uniform(0.95, 1.05), fadeDays };
  });
}

/** The fractional drop of the score at time t: the strongest of the doses still acting. */
export function effectAt(effects: readonly DoseEffect[], t: number): number {
  let best = 0;
  for (let k = effects.length - 1; k >= 0; k--) {
    const effect = effects[k];
    if (effect === undefined || effect.at > t) continue;
    const days = (t - effect.at) / DAY_MS;
    if (days > 60) break;
    if (days >= effect.fadeDays) continue;
    const rise = Math.min(1, (t - effect.at) / HOUR_MS);
    const ratio = days / effect.fadeDays;
    best = Math.max(best, effect.depth * rise * (1 - ratio * ratio));
  }
  return best;
}
