import { makeFinding } from '../finding.js';
import { DAY_MS } from '../../shared/time.js';
import { onDay, dosesInOrder, isoAt, ms } from '../records.js';
import { DOSE_FREQUENCY_DEFAULT } from '../sources.js';
import type { SafetyRule } from '../types.js';
import { WINDOW_DAYS, windowBreaches } from './thirty-day-window.js';
import { plural } from '../../shared/plural.js';

/**
 * Dose frequency — more than maxDosesIn30Days doses (default 8, Onset's choice: boosters are commonly 2–8
 * a month) in any window [tk, tk + 30 days) (docs/outcomes.md). Frequent, escalating use goes with bladder
 * damage and dependence (Muetzelfeldt 2008). One episode per stretch of over-limit windows, keyed
 * `window:<id of the first dose in the window>`; raised at the dose that went over.
 */
export const doseFrequency: SafetyRule = {
  id: 'dose-frequency',
  severity: 'warning',
  title: 'Doses more frequent than the clinic limit',
  rationale:
    'Dosing more often than the clinic allows raises the risk of bladder damage and dependence, and may mean relief is shortening (tolerance).',
  source: DOSE_FREQUENCY_DEFAULT,
  evaluate: (history, settings) => {
    const limit = settings.maxDosesIn30Days;
    return windowBreaches(
      dosesInOrder(history.doses),
      (window) => window.length,
      (count) => count > limit,
    ).map(({ dose, window, amount }) =>
      makeFinding(doseFrequency, {
        episodeKey: `window:${window[0].id}`,
        raisedAt: dose.givenAt,
        summary: `${plural(amount, 'dose')} between ${onDay(window[0].givenAt, history.timeZone)} and ${onDay(dose.givenAt, history.timeZone)}: more than the limit of ${limit} in 30 days.`,
        values: {
          count: amount,
          limit,
          windowStart: window[0].givenAt,
          windowEnd: isoAt(ms(window[0].givenAt) + WINDOW_DAYS * DAY_MS),
          doseIds: window.map((d) => d.id),
        },
        definition: `More than ${limit} doses in any 30-day window that starts at a dose, [tk, tk + 30 days).`,
      }),
    );
  },
};
