/** mg/kg to three decimals, from the patient's recorded weight; null when unknown or not finite. */
export function mgPerKg(mg: number, weightKg: number | null): number | null {
  if (weightKg === null || weightKg <= 0) return null;
  // Weights are bounded on entry, but a row stored before the bound may hold any value: mg/kg is a
  // finite number or unknown, never Infinity.
  const perKg = Math.round((mg / weightKg) * 1000) / 1000;
  return Number.isFinite(perKg) ? perKg : null;
}
