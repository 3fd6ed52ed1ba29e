import type { Profile } from './profile.js';
import type { Random } from './random.js';
import { DAY_MS, HOUR_MS } from '../outcomes/time.js';

/** Induction: about 6 doses in 2–3 weeks (brief; feder2021 gave 6 infusions over 2 weeks). */
export const INDUCTION_DOSES = 6;

/**
 * Dose times: an induction of ~6 doses 2–4 days apart; early dropouts stop after 1–3 doses;
 * never-responders stop after 4–6; responders continue with boosters at 2–8 a month (STUDIES.md "Cost
 * and frequency"), `meanBoosters` on average.
 */
export function doseSchedule(random: Random, profile: Profile, firstDoseAt: number, meanBoosters: number): number[] {
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
  for (let b = 0; b < boosters; b++) {
    t += (30 / perMonth) * random.uniform(0.8, 1.2) * DAY_MS;
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
