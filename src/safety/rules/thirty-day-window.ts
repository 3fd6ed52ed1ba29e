/**
 * The 30-day windows of docs/outcomes.md ("the largest number of doses in any window [tk, tk + 30 days)"),
 * read from the dose that fills them: some window [tk, tk + 30 d) holds more than a limit exactly when,
 * for some dose m, the doses in (tm − 30 d, tm] do. Reading it this way is causal — a later dose never
 * changes what an earlier dose's window held — so an episode's key never moves when doses are added.
 */
import type { Dose } from '../../doses/dose.schema.js';
import { upperBound } from '../../outcomes/patient/search.js';
import { DAY_MS } from '../../shared/time.js';
import { ms } from '../records.js';

export const WINDOW_DAYS = 30;

export interface WindowBreach {
  /** The dose that took the window over the limit. */
  dose: Dose;
  /** The doses in (t − 30 days, t] of that dose, in time order (the first one starts the window). */
  window: [Dose, ...Dose[]];
  amount: number;
}

/**
 * One breach per episode: the first dose whose trailing window is over the limit, and again only after
 * a dose whose window is back within it. `doses` must be in time order.
 */
export function windowBreaches(
  doses: readonly Dose[],
  amountOf: (window: readonly Dose[]) => number,
  isOver: (amount: number) => boolean,
): WindowBreach[] {
  const times = doses.map((d) => ms(d.givenAt));
  const breaches: WindowBreach[] = [];
  let inEpisode = false;
  let start = 0;
  doses.forEach((dose, m) => {
    const t = times[m] ?? 0;
    while ((times[start] ?? Infinity) <= t - WINDOW_DAYS * DAY_MS) start++;
    // Doses given at the same instant as dose m are in its window even when sorted after it.
    const window = doses.slice(start, upperBound(times, t));
    const amount = amountOf(window);
    const over = isOver(amount);
    const first = window[0];
    if (over && !inEpisode && first !== undefined) breaches.push({ dose, window: [first, ...window.slice(1)], amount });
    inEpisode = over;
  });
  return breaches;
}
