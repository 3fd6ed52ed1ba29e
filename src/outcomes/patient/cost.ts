import type { DoseInput } from '../types.js';

/**
 * Cost to date — docs/outcomes.md: "the sum of dose prices (a dose without a price takes the course's
 * default; if neither exists the cost is unknown)". Unknown is null; no doses cost 0.
 */
export function costToDate(doses: readonly DoseInput[], defaultPriceUsd: number | null): number | null {
  let sum = 0;
  for (const dose of doses) {
    const price = dose.priceUsd ?? defaultPriceUsd;
    if (price === null) return null;
    sum += price;
  }
  return sum;
}

/**
 * Cost per relief-day — docs/outcomes.md: "cost to date / in-response days". Null when either is unknown or
 * when there are no in-response days (the ratio has no meaning).
 */
export function costPerReliefDay(cost: number | null, inResponseDays: number | null): number | null {
  if (cost === null || inResponseDays === null || inResponseDays <= 0) return null;
  return cost / inResponseDays;
}
