import type { Profile } from './profile.js';
import type { Random } from './random.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

/** Induction: about 6 doses in 2–3 weeks (docs/design.md, "Demo data"; feder2021 gave 6 infusions over 2 weeks). */
export const INDUCTION_DOSES = 6;

/**
 * Share of continuing responders who book each booster once relief has worn off (a synthetic choice, not published).
 */
export const ON_RELAPSE_SHARE = 0.5;

/**
 * Dose times: an induction of ~6 doses 2–4 days apart; early dropouts stop after 1–3 doses;
 * never-responders stop after 4–6; responders continue with boosters at 2–8 a month (src/evidence/time-course.ts, "Cost
 * and frequency"), `meanBoosters` on average. Half of them (ON_RELAPSE_SHARE) instead come back 1–4
 * days after the previous dose's relief has faded (`reliefOf(k)`, the true relief length of dose k in
 * days, or null), so that their relief episodes end in an event rather than at the next dose.
 */
export function doseSchedule(
  random: Random,
  profile: Profile,
  firstDoseAt: number,
  meanBoosters: number,
  reliefOf: (k: number) => number | null = () => null,
): number[] {
  const planned = profile.kind === 'never' ? random.int(4, INDUCTION_DOSES) : INDUCTION_DOSES;
  const induction = Math.min(planned, profile.dropoutAfter ?? planned);
  const times = [firstDoseAt];
  let t = firstDoseAt;
  for (let k = 1; k < induction; k++) {
    t += random.uniform(2, 4) * DAY_MS + random.uniform(-2, 2) * HOUR_MS;
    times.push(t);
  }
  if (profile.kind === 'never' || profile.dropoutAfter !== null) return times;
  const boosters = random.int(0, Math.round(2 * meanBoosters));
  const perMonth = random.uniform(2, 8);
  const onRelapse = random.chance(ON_RELAPSE_SHARE);
  for (let b = 0; b < boosters; b++) {
    const relief = onRelapse ? reliefOf(times.length - 1) : null;
    t +=
      relief !== null ? (relief + random.uniform(1, 4)) * DAY_MS : (30 / perMonth) * random.uniform(0.8, 1.2) * DAY_MS;
    times.push(t);
  }
  return times;
}

/** Boosters per continuing responder that give `dosesPerPatient` doses on average over the cohort. */
export function meanBoostersFor(dosesPerPatient: number): number {
  // Expected doses without boosters, from the shares in profile.ts: dropouts 15% × ~2 doses, continuing
  // never-responders ~0.85 × 0.33 × 5, continuing responders ~0.85 × 0.64 × 6.
  const withoutBoosters = 0.15 * 2 + 0.85 * 0.33 * 5 + 0.85 * 0.64 * INDUCTION_DOSES;
  return Math.max(0, (dosesPerPatient - withoutBoosters) / (0.85 * 0.64));
}
