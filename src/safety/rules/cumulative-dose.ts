import { makeFinding } from '../finding.js';
import { DAY_MS } from '../../shared/time.js';
import { onDay, dosesInOrder, isoAt, ms } from '../records.js';
import { CUMULATIVE_DOSE_DEFAULT } from '../sources.js';
import type { SafetyRule } from '../types.js';
import { WINDOW_DAYS, windowBreaches } from './thirty-day-window.js';
import { roundTo } from '../../stats/round.js';
import { plural } from '../../shared/plural.js';

// mg are decimals (e.g. 0.5 mg/kg × 70.3 kg); a sum that equals the limit must not be over it by
// floating-point noise. 1e-6 mg is clinically nothing.
const MG_TOLERANCE = 1e-6;

/**
 * Cumulative dose — more than maxCumulativeMgIn30Days mg in any window [tk, tk + 30 days) (docs/outcomes.md
 * window). Off by default: the product sets no number, a clinic may (bladder damage was reported with
 * frequent, escalating use — Muetzelfeldt 2008). One episode per stretch of over-limit windows, keyed
 * `window:<id of the first dose in the window>`.
 */
export const cumulativeDose: SafetyRule = {
  id: 'cumulative-dose',
  severity: 'warning',
  title: 'Cumulative dose over the clinic limit',
  rationale: 'Total ketamine exposure, not only the number of sessions, drives bladder damage and dependence risk.',
  source: CUMULATIVE_DOSE_DEFAULT,
  evaluate: (history, settings) => {
    const limit = settings.maxCumulativeMgIn30Days;
    if (limit === null) return [];
    const sumMg = (window: readonly { mg: number }[]): number => window.reduce((sum, d) => sum + d.mg, 0);
    return windowBreaches(dosesInOrder(history.doses), sumMg, (mg) => mg - limit > MG_TOLERANCE).map(
      ({ dose, window, amount }) =>
        makeFinding(cumulativeDose, {
          episodeKey: `window:${window[0].id}`,
          raisedAt: dose.givenAt,
          summary: `${roundTo(amount, 2)} mg in ${plural(window.length, 'dose')} between ${onDay(window[0].givenAt, history.timeZone)} and ${onDay(dose.givenAt, history.timeZone)}: more than the limit of ${limit} mg in 30 days.`,
          values: {
            totalMg: amount,
            limitMg: limit,
            windowStart: window[0].givenAt,
            windowEnd: isoAt(ms(window[0].givenAt) + WINDOW_DAYS * DAY_MS),
            doses: window.map((d) => ({ id: d.id, givenAt: d.givenAt, mg: d.mg })),
          },
          definition: `More than ${limit} mg in total in any 30-day window that starts at a dose, [tk, tk + 30 days).`,
        }),
    );
  },
};
