import { ownEffectAt, type DoseEffect } from './effect.js';
import type { Profile } from './profile.js';
import { clamp, type Random } from './random.js';
import type { SyntheticAssessment } from './types.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

/** The 24-hour anxiety check-in (src/instruments/definitions/anxiety-vas.ts). */
export const CHECK_IN = 'anxiety-vas';

// As the anxiety-intensive template (src/schedules/templates.ts): 4 h, days 1, 2, 3, 7 and 14 after each
// dose; a dropout stops answering after day 1.
const AFTER_DOSE_MS = [4 * HOUR_MS, DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS];
const DROPOUT_AFTER_MS = [4 * HOUR_MS, DAY_MS];

/**
 * The patient's 24-hour check-ins (0–100, higher = worse): one before each dose (the one before dose 1
 * is the baseline and never missed) and at 4 h, days 1, 2, 3, 7 and 14 after it, until the next dose;
 * the others are kept with probability `keep`. A check-in reads the latest dose's own effect: it
 * responds (at most half the baseline, docs/outcomes.md) exactly while that dose's true relief holds
 * (`DoseEffect.reliefDays`), and the noise never moves it across the threshold.
 */
export function makeCheckIns(
  random: Random,
  profile: Profile,
  effects: readonly DoseEffect[],
  keep: number,
): SyntheticAssessment[] {
  // Synthetic baseline, rising with the GAD-7 baseline (10–20 → about 50–80 of 100).
  const baseline = clamp(Math.round(20 + 3 * profile.baselines.gad7 + random.normal(0, 6)), 30, 95);
  const result: SyntheticAssessment[] = [];
  effects.forEach((effect, k) => {
    const pre = effect.at - random.uniform(0.5, 2) * HOUR_MS;
    if (k === 0) result.push({ at: Math.round(pre), instrument: CHECK_IN, answers: [baseline] });
    else if (random.chance(keep)) result.push(checkIn(random, baseline, effects[k - 1], Math.round(pre)));
    const next = effects[k + 1];
    const offsets = next === undefined && profile.dropoutAfter !== null ? DROPOUT_AFTER_MS : AFTER_DOSE_MS;
    for (const offset of offsets) {
      const at = Math.round(effect.at + offset + random.uniform(-1, 1) * HOUR_MS);
      if (next !== undefined && at > next.at - 3 * HOUR_MS) break;
      if (random.chance(keep)) result.push(checkIn(random, baseline, effect, at));
    }
  });
  return result;
}

/** True while the dose's own relief holds at time `at`. */
export function inRelief(effect: DoseEffect, at: number): boolean {
  return effect.reliefDays !== null && at > effect.at && at - effect.at < effect.reliefDays * DAY_MS;
}

function checkIn(random: Random, baseline: number, latest: DoseEffect | undefined, at: number): SyntheticAssessment {
  const raw = Math.round(baseline * (1 - (latest === undefined ? 0 : ownEffectAt(latest, at))) + random.normal(0, 4));
  const half = Math.floor(baseline / 2);
  const score = latest !== undefined && inRelief(latest, at) ? clamp(raw, 0, half) : clamp(raw, half + 1, 100);
  return { at, instrument: CHECK_IN, answers: [score] };
}
