// Two-sided 95% normal quantile, Φ⁻¹(0.975).
const Z_95 = 1.959963984540054;

export interface Proportion {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  proportion: number | null;
  /** 95% Wilson score interval (Wilson 1927); null when the denominator is 0. */
  lower: number | null;
  upper: number | null;
}

/** A proportion with its 95% Wilson score interval (Wilson 1927), which stays inside [0, 1]. */
export function wilsonProportion(numerator: number, denominator: number): Proportion {
  if (denominator <= 0) return { numerator, denominator, proportion: null, lower: null, upper: null };
  const p = numerator / denominator;
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * denominator)) / (1 + z2 / denominator);
  const half =
    (Z_95 / (1 + z2 / denominator)) * Math.sqrt((p * (1 - p)) / denominator + z2 / (4 * denominator * denominator));
  return {
    numerator,
    denominator,
    proportion: p,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
  };
}
