import type { CohortOptions, ReliefTruth } from '../synthetic/types.js';
import { DAY_MS } from '../shared/time.js';

/**
 * The known relief truth the demo clinic is generated with (synthetic demo data): each responding
 * dose's relief on the 24-hour check-in lasts a median of 3 days, lognormal with σ 0.6 on the log scale,
 * a per-patient spread (SD 0.3 on log length) and 5% shorter relief per dose. These are illustrative
 * synthetic choices, not published figures. They are shorter than the default model's 5–14 days, which
 * outlasts every 2–4-day gap of an induction, so that the demo's relief curves show relief being lost
 * (events) and not only episodes cut off by the next dose (docs/outcomes.md, "Relief curve").
 */
export const DEMO_RELIEF_TRUTH: ReliefTruth = {
  distribution: 'lognormal',
  medianDays: 3,
  spread: 0.6,
  frailtySd: 0.3,
  tolerancePerDose: -0.05,
};

/**
 * Days before `now` the demo's enrolment starts: first doses spread over the year after, so some courses are under way.
 */
export const DEMO_START_DAYS_AGO = 300;

/** The options the demo clinic generates its synthetic cohort with. */
export function demoCohortOptions(now: Date, options: { patients?: number; seed?: number } = {}): CohortOptions {
  return {
    seed: options.seed ?? 2026,
    patients: options.patients ?? 60,
    start: now.getTime() - DEMO_START_DAYS_AGO * DAY_MS,
    reliefTruth: DEMO_RELIEF_TRUTH,
  };
}
